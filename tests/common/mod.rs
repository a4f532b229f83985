//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod pty;

use std::path::PathBuf;

/// The BBC corpus beside the repository, or `None` (with the reason printed)
/// when this checkout has no `../shared` next to it.
pub fn bbc() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/bbc");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent", path.display());
        None
    }
}
