use std::fs;
use std::os::unix::fs::symlink;
use std::path::PathBuf;

use super::*;

fn fifo(path: &Path) {
    rustix::fs::mknodat(
        rustix::fs::CWD,
        path,
        rustix::fs::FileType::Fifo,
        Mode::from_raw_mode(0o600),
        0,
    )
    .unwrap();
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_regular_file_is_read_whole_even_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let (file, link) = (dir.path().join("a"), dir.path().join("b"));
    fs::write(&file, "twelve bytes").unwrap();
    symlink(&file, &link).unwrap();
    assert_eq!(read_regular(&file, 12).unwrap(), b"twelve bytes");
    assert_eq!(read_regular(&link, 12).unwrap(), b"twelve bytes");
    let missing = read_regular(&dir.path().join("c"), 12).unwrap_err();
    assert_eq!(missing.kind(), io::ErrorKind::NotFound);
}

#[test]
fn a_fifo_a_device_or_a_folder_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe");
    fifo(&pipe);
    // A blocking open of the FIFO would wait here for a writer forever.
    for path in [pipe.as_path(), Path::new("/dev/zero"), dir.path()] {
        let err = read_regular(path, READ_LIMIT).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{path:?}");
        assert_eq!(err.to_string(), "not a regular file");
    }
}

#[test]
fn a_file_over_the_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big");
    fs::write(&file, [b'x'; 11]).unwrap();
    let err = read_regular(&file, 10).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::FileTooLarge);
    assert_eq!(read_regular(&file, 11).unwrap().len(), 11);
}

#[test]
fn a_write_replaces_the_file_and_leaves_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("state.json");
    fs::write(&file, "old").unwrap();
    write_atomically(&file, b"new").unwrap();
    assert_eq!(fs::read(&file).unwrap(), b"new");
    assert_eq!(names(dir.path()), ["state.json"]);
}

#[test]
fn links_planted_at_temporary_names_are_not_written_through() {
    let (dir, outside) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let file = dir.path().join("listing-0123");
    // The names byline's writers used before: fixed, or the pid appended.
    let planted = [
        format!("listing-0123.tmp{}", std::process::id()),
        "listing-0123.tmp".to_owned(),
        "listing-0123.json.tmp".to_owned(),
    ];
    let targets: Vec<PathBuf> = (0..planted.len())
        .map(|i| outside.path().join(format!("victim{i}")))
        .collect();
    for (name, target) in planted.iter().zip(&targets) {
        symlink(target, dir.path().join(name)).unwrap();
    }
    write_atomically(&file, b"listing").unwrap();
    assert_eq!(fs::read(&file).unwrap(), b"listing");
    assert!(
        targets.iter().all(|t| !t.exists()),
        "{:?}",
        names(outside.path())
    );
}

#[test]
fn a_failed_write_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be: the rename over it fails.
    let file = dir.path().join("state.json");
    fs::create_dir(&file).unwrap();
    fs::write(file.join("inside"), "x").unwrap();
    assert!(write_atomically(&file, b"new").is_err());
    assert_eq!(names(dir.path()), ["state.json"]);
    assert!(write_atomically(&dir.path().join("no/such/x"), b"new").is_err());
}

#[test]
fn a_lock_file_is_never_a_link_or_a_fifo() {
    let (dir, outside) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (lock, target) = (dir.path().join("a.lock"), outside.path().join("victim"));
    symlink(&target, &lock).unwrap();
    assert!(open_lock_file(&lock).is_err());
    assert!(!target.exists());
    let pipe = dir.path().join("b.lock");
    fifo(&pipe);
    assert_eq!(
        open_lock_file(&pipe).unwrap_err().kind(),
        io::ErrorKind::InvalidInput
    );
    let fresh = dir.path().join("c.lock");
    open_lock_file(&fresh).unwrap();
    assert!(fs::symlink_metadata(&fresh).unwrap().is_file());
}
