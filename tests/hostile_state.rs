//! Reading state in a hostile or busy folder: a lock held by someone else,
//! links planted at the names byline writes, a file from a newer byline, a
//! corrupt file a command must not touch, a FIFO where the file should be.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

mod common;

use std::fs::{self, File};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::Duration;

use byline::state::{Holder, ReadingState, Stamp, StateError, StateWarning, Store};

const WAIT: Duration = Duration::from_millis(100);

fn roots() -> Vec<String> {
    vec!["<seeds>".to_owned()]
}

fn lock_path(store: &Store) -> PathBuf {
    store.path().with_extension("lock")
}

/// A state with article `a` read, saved in `dir`; the store and its bytes.
fn saved(dir: &Path) -> (Store, Vec<u8>) {
    let store = Store::new(dir, &roots()).with_lock_wait(WAIT);
    let mut state = ReadingState::default();
    state.toggle_read("a", Stamp(1));
    store.save(&state).unwrap();
    let bytes = fs::read(store.path()).unwrap();
    (store, bytes)
}

/// Holds the lock as another process would (flock on its own open file),
/// with `pid` written in it if given.
fn hold_lock(store: &Store, pid: Option<&str>) -> File {
    let file = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(lock_path(store))
        .unwrap();
    file.lock().unwrap();
    if let Some(pid) = pid {
        fs::write(lock_path(store), pid).unwrap();
    }
    file
}

fn star_b() -> ReadingState {
    let mut state = ReadingState::default();
    state.toggle_star("b", Stamp(2));
    state
}

#[test]
fn a_held_lock_makes_the_reader_read_only_and_says_who_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, bytes) = saved(dir.path());
    let _held = hold_lock(&store, Some("4242\n"));
    let loaded = store.load().unwrap();
    assert!(loaded.state.is_read("a"), "read even without the lock");
    let expected = StateWarning::Locked {
        lock: lock_path(&store),
        holder: Holder(Some(4242)),
    };
    assert_eq!(loaded.warnings, std::slice::from_ref(&expected));
    assert!(
        expected
            .to_string()
            .contains("locked by another byline (pid 4242)")
    );
    assert!(store.is_read_only());
    assert_eq!(store.read_only_reason(), Some(&expected));
    assert_eq!(store.save(&star_b()).unwrap(), None);
    assert_eq!(fs::read(store.path()).unwrap(), bytes, "nothing written");
}

#[test]
fn a_save_gives_up_on_a_held_lock_after_the_wait() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, bytes) = saved(dir.path());
    assert_eq!(store.load().unwrap().warnings, []);
    let _held = hold_lock(&store, None);
    match store.save(&star_b()) {
        Err(StateError::Locked { holder, .. }) => {
            assert_eq!(holder.to_string(), "another process");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(fs::read(store.path()).unwrap(), bytes);
}

#[test]
fn links_planted_at_the_temporary_and_lock_names_are_not_followed() {
    let (dir, outside) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let store = Store::new(dir.path(), &roots()).with_lock_wait(WAIT);
    let temp_victim = outside.path().join("temp-victim");
    symlink(&temp_victim, store.path().with_extension("json.tmp")).unwrap();
    store.save(&star_b()).unwrap();
    assert!(!temp_victim.exists(), "written through the temp-name link");
    assert!(store.load_read_only().unwrap().state.is_starred("b"));

    fs::remove_file(lock_path(&store)).unwrap();
    let lock_victim = outside.path().join("lock-victim");
    symlink(&lock_victim, lock_path(&store)).unwrap();
    assert!(matches!(store.save(&star_b()), Err(StateError::Io { .. })));
    assert!(!lock_victim.exists(), "created through the lock link");
    // The reader reads without the lock, then writes nothing.
    let mut reader = store.clone();
    let loaded = reader.load().unwrap();
    assert!(loaded.state.is_starred("b"));
    assert!(
        matches!(&loaded.warnings[..], [StateWarning::Unlockable { .. }]),
        "{:?}",
        loaded.warnings
    );
    assert!(reader.is_read_only());
    assert_eq!(reader.save(&ReadingState::default()).unwrap(), None);
    assert!(!lock_victim.exists());
}

#[test]
fn a_state_file_from_a_newer_byline_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::new(dir.path(), &roots()).with_lock_wait(WAIT);
    fs::create_dir_all(dir.path()).unwrap();
    let newer = r#"{"version": 2, "tags": {"a": ["x"]}, "state": {"articles": {"a": {"read": [true, 1]}}}}"#;
    fs::write(store.path(), newer).unwrap();
    // A store that never loaded (as a second reader might be) refuses too.
    let fresh = Store::new(dir.path(), &roots());
    assert!(matches!(
        fresh.save(&star_b()),
        Err(StateError::Newer { version: 2, .. })
    ));
    let loaded = store.load().unwrap();
    assert!(loaded.state.is_read("a"));
    assert!(matches!(
        &loaded.warnings[..],
        [StateWarning::Newer { version: 2, .. }]
    ));
    assert!(store.is_read_only());
    assert_eq!(store.save(&star_b()).unwrap(), None);
    assert_eq!(fs::read_to_string(store.path()).unwrap(), newer);
}

#[test]
fn a_fifo_or_a_device_for_a_state_file_is_a_warning_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), &roots());
    fifo(store.path());
    let loaded = store.load_read_only().unwrap();
    let [StateWarning::Unreadable { error, kept, .. }] = &loaded.warnings[..] else {
        panic!("{:?}", loaded.warnings);
    };
    assert_eq!((error.as_str(), kept), ("not a regular file", &None));
    fs::remove_file(store.path()).unwrap();
    symlink("/dev/zero", store.path()).unwrap();
    let loaded = store.load_read_only().unwrap();
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
}

fn fifo(path: &Path) {
    use rustix::fs::{FileType, Mode};
    let mode = Mode::from_raw_mode(0o600);
    rustix::fs::mknodat(rustix::fs::CWD, path, FileType::Fifo, mode, 0).unwrap();
}

/// A corpus of three articles under `home`; its root as byline names it.
fn corpus(home: &Path) -> String {
    let news = home.join("news");
    fs::create_dir(&news).unwrap();
    for name in ["a", "b", "c"] {
        fs::write(
            news.join(format!("{name}.txt")),
            format!("Title {name}\nbody"),
        )
        .unwrap();
    }
    news.to_string_lossy().into_owned()
}

/// Runs byline under `home`, failing the test if it has not finished
/// after a generous deadline (a hang, then, not slowness).
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn list_unread_does_not_wait_for_a_held_lock() {
    let home = tempfile::tempdir().unwrap();
    let root = corpus(home.path());
    let store = Store::new(
        home.path().join("state/byline"),
        std::slice::from_ref(&root),
    );
    let mut state = ReadingState::default();
    state.mark_read("a.txt", Stamp(1));
    store.save(&state).unwrap();
    let _held = hold_lock(&store, None);
    let out = common::byline_bounded(home.path(), &["list", "--unread", &root]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        !listed.contains("Title a") && listed.contains("Title b"),
        "{listed}"
    );
}

#[test]
fn a_command_leaves_a_corrupt_or_fifo_state_file_where_it_is() {
    let home = tempfile::tempdir().unwrap();
    let root = corpus(home.path());
    let state_dir = home.path().join("state/byline");
    fs::create_dir_all(&state_dir).unwrap();
    let store = Store::new(&state_dir, std::slice::from_ref(&root));
    for plant in [
        |p: &Path| fs::write(p, "{\"state\": 3").unwrap(),
        |p: &Path| fifo(p),
    ] {
        let _ = fs::remove_file(store.path());
        plant(store.path());
        let before = names(&state_dir);
        let out = common::byline_bounded(home.path(), &["list", "--unread", &root]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(
            err.contains("is unreadable") && err.contains("left it as it is"),
            "{err}"
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
        assert_eq!(names(&state_dir), before, "a command changed the folder");
    }
}

#[test]
fn the_reader_draws_at_once_under_a_held_lock_and_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let (store, bytes) = saved(&home.path().join("byline"));
    let _held = hold_lock(&store, Some("4242"));
    let state_home = home.path().to_string_lossy().into_owned();
    let mut s = common::pty::Session::start(&[], 240, 24, &[("XDG_STATE_HOME", &state_home)]);
    let screen = s.wait_for("China cracks down");
    s.wait_for("locked by another byline (pid 4242)");
    // Opening an article marks it read: a change the store must not write.
    s.keys("\r");
    s.wait_for("reader 0%");
    s.keys("qq");
    assert_eq!(s.wait_exit(), 0, "{screen}");
    assert_eq!(fs::read(store.path()).unwrap(), bytes);
}
