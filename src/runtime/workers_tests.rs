//! Reloads asked while one runs: none of their changes is lost.

use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::{Loader, Workers};
use crate::app::Job;
use crate::corpus::{Changes, Corpus};

const WAIT: Duration = Duration::from_secs(30);

fn paths(names: &[&str]) -> Changes {
    let mut changes = Changes::default();
    names.iter().for_each(|n| changes.add(PathBuf::from(n)));
    changes
}

/// A corpus loaded after `before`: its epoch 1000 past.
fn after(before: &Corpus) -> Arc<Corpus> {
    let loaded = Corpus {
        epoch: before.epoch + 1000,
        ..Corpus::default()
    };
    Arc::new(loaded)
}

#[test]
fn changes_asked_during_a_reload_all_reach_the_next_which_starts_from_the_newest_corpus() {
    let corpus = Arc::new(Corpus::default());
    let (tx, _rx) = mpsc::channel();
    let (entered, entries) = mpsc::channel::<(u64, Changes)>();
    let (go, gone) = mpsc::channel::<()>();
    let gone = Mutex::new(gone);
    let loader: Loader = Box::new(move |before, changes, _| {
        entered.send((before.epoch, changes.clone())).unwrap();
        gone.lock().unwrap().recv().unwrap();
        // What the app has not taken yet when the next reload is asked.
        Ok(after(before))
    });
    let workers = Workers::start(&corpus, None, &tx).unwrap();
    let workers = workers.with_loader(loader).unwrap();
    workers.perform(Job::Reload(paths(&["/a"])));
    assert_eq!(entries.recv_timeout(WAIT).unwrap(), (0, paths(&["/a"])));
    workers.perform(Job::Reload(paths(&["/b"])));
    workers.perform(Job::Reload(paths(&["/c"])));
    go.send(()).unwrap();
    let (epoch, changes) = entries.recv_timeout(WAIT).unwrap();
    assert_eq!(
        changes,
        paths(&["/b", "/c"]),
        "the reload replaced keeps its paths"
    );
    assert_eq!(epoch, 1000, "from the corpus the first reload made");
    workers.perform(Job::Reload(Changes::everything()));
    go.send(()).unwrap();
    let (_, changes) = entries.recv_timeout(WAIT).unwrap();
    assert!(changes.is_everything());
    go.send(()).unwrap();
}

#[test]
fn a_reload_with_nothing_to_read_keeps_the_newest_corpus_for_the_next() {
    let corpus = Arc::new(Corpus::default());
    let (tx, rx) = mpsc::channel();
    let (entered, entries) = mpsc::channel::<u64>();
    let loader: Loader = Box::new(move |before, _, _| {
        entered.send(before.epoch).unwrap();
        Ok(after(before))
    });
    let workers = Workers::start(&corpus, None, &tx).unwrap();
    let workers = workers.with_loader(loader).unwrap();
    let reloaded = || loop {
        if let super::Envelope::Msg(crate::app::Msg::Reloaded(loaded), _) =
            rx.recv_timeout(WAIT).unwrap()
        {
            return loaded.unwrap();
        }
    };
    workers.perform(Job::Reload(paths(&["/a"])));
    assert_eq!(entries.recv_timeout(WAIT), Ok(0));
    let first = reloaded();
    // Nothing changed since: the newest corpus, unread again.
    workers.perform(Job::Reload(Changes::default()));
    assert!(Arc::ptr_eq(&reloaded(), &first));
    // The app has not taken it yet: the next reload still starts from it.
    workers.perform(Job::Reload(paths(&["/b"])));
    assert_eq!(entries.recv_timeout(WAIT), Ok(1000));
}
