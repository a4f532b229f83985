//! Configuration files that are not files: a FIFO, a device, a folder, or
//! one too large to be real. Each is refused at once, never read forever.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

mod common;

use std::fs;
use std::path::{Path, PathBuf};

/// Puts `text` where byline looks for its configuration under `home`.
fn write_config(home: &Path, text: &str) -> PathBuf {
    let path = home.join("config/byline/config.toml");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

/// Runs `byline list` under `home`, failing (not hanging) if it has not
/// finished after a deadline far beyond any real run.
fn list_within_deadline(home: &Path) -> std::process::Output {
    common::byline_bounded(home, &["list"])
}

#[test]
fn a_config_that_is_a_fifo_a_device_or_a_folder_is_refused_at_once() {
    let home = tempfile::tempdir().unwrap();
    let path = write_config(home.path(), "");
    let plants: [fn(&Path); 3] = [
        |p| {
            let mode = rustix::fs::Mode::from_raw_mode(0o600);
            let fifo = rustix::fs::FileType::Fifo;
            rustix::fs::mknodat(rustix::fs::CWD, p, fifo, mode, 0).unwrap();
        },
        |p| std::os::unix::fs::symlink("/dev/zero", p).unwrap(),
        |p| fs::create_dir(p).unwrap(),
    ];
    for plant in plants {
        let _ = fs::remove_file(&path);
        let _ = fs::remove_dir(&path);
        plant(&path);
        let out = list_within_deadline(home.path());
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("byline: {}: not a regular file\n", path.display())
        );
    }
}

#[test]
fn a_config_over_16_mib_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let path = write_config(home.path(), "");
    let file = fs::File::options().write(true).open(&path).unwrap();
    // Sparse: seventeen MiB of nothing, without writing them.
    file.set_len(17 << 20).unwrap();
    let out = list_within_deadline(home.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("byline: {}: larger than 16 MiB\n", path.display())
    );
}
