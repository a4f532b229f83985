//! The threads that do the app's slow work ([`Job`]s) and answer with
//! messages on the loop's channel: ranking, finding, laying out, saving.

use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use super::Envelope;
use super::latest::Latest;
use crate::app::{Fetched, Found, Job, LaidOut, Msg, Pane};
use crate::article::Article;
use crate::corpus::{Changes, Corpus};
use crate::layout::ArticleLayout;
use crate::search::text::{self, TextIndex};
use crate::search::{SearchWorker, find_in_layout_until};
use crate::state::{ReadingState, Store};

struct FindJob {
    generation: u64,
    layout: Arc<ArticleLayout>,
    query: String,
}

/// Loads the articles again, as they were loaded at the start, telling
/// how far it got (0 to 1) as it goes; it is given the newest corpus, to
/// reuse what did not change, and the paths changed since (see
/// [`Corpus::refresh`] and [`Corpus::refresh_changed`]).
pub type Loader =
    Box<dyn Fn(&Corpus, &Changes, &(dyn Fn(f32) + Sync)) -> Result<Arc<Corpus>, String> + Send>;

/// Fetches the subscribed feeds into the archive, telling how many of how
/// many are done as it goes.
pub type Fetcher = Box<dyn Fn(&(dyn Fn(usize, usize) + Sync)) -> Result<Fetched, String> + Send>;

/// Fetches the page of the archived item an article (by id) was loaded
/// from and keeps its text in the archive; how many words it kept.
pub type FullTexter = Box<dyn Fn(&str) -> Result<usize, String> + Send>;

pub struct Workers {
    /// The workers that read the corpus: started again with a new one.
    reading: Reading,
    saver: Latest<Box<ReadingState>>,
    reload: Option<Latest<Arc<Corpus>>>,
    /// What changed since the newest corpus, for the next reload: a reload
    /// asked while one waits replaces it, so its changes are kept here.
    changes: Arc<Mutex<Changes>>,
    /// Whether a watcher records every change into `changes` (see
    /// [`Recorder::began`]): `R` then trusts them first.
    recording: Arc<AtomicBool>,
    /// `R` was asked: the next reload looks at every file after the
    /// recorded changes.
    check: Arc<AtomicBool>,
    /// The corpus the app reads: a reload starts from it.
    corpus: Arc<Corpus>,
    fetch: Option<Latest<()>>,
    full_text: Option<Latest<String>>,
    tx: Sender<Envelope>,
}

struct Reading {
    search: SearchWorker,
    bodies: Latest<usize>,
    text: TextWorker,
    find: Latest<FindJob>,
    reader: Latest<(usize, usize)>,
    preview: Latest<(usize, usize)>,
}

impl Workers {
    /// Starts every worker; answers go to `tx`. Saves go to `store`, and
    /// without one are answered at once as done.
    pub fn start(
        corpus: &Arc<Corpus>,
        store: Option<Store>,
        tx: &Sender<Envelope>,
    ) -> io::Result<Self> {
        let to_loop = tx.clone();
        let saver = Latest::start("byline-save", move |state: Box<ReadingState>, _| {
            let result = match &store {
                Some(store) => store.save(&state).map_err(|e| e.to_string()),
                None => Ok(None),
            };
            let _ = to_loop.send(Envelope::now(Msg::Saved(result)));
        })?;
        Ok(Self {
            reading: Reading::start(corpus, tx)?,
            saver,
            reload: None,
            changes: Arc::default(),
            recording: Arc::default(),
            check: Arc::default(),
            corpus: Arc::clone(corpus),
            fetch: None,
            full_text: None,
            tx: tx.clone(),
        })
    }

    /// Reloads answer with what `loader` loads; without one, a reload says
    /// there is nothing to load from. After `R` with a watcher recording,
    /// the recorded changes are loaded and told first
    /// ([`Msg::ReloadedRecorded`]), then every file is looked at: the answer
    /// ([`Msg::Reloaded`]) is the same corpus when that found nothing more.
    pub fn with_loader(mut self, loader: Loader) -> io::Result<Self> {
        let (to_loop, pending) = (self.tx.clone(), Arc::clone(&self.changes));
        let check = Arc::clone(&self.check);
        // The last corpus loaded here: the app may not have it yet when the
        // next reload is asked, and changes are counted from it.
        let newest: Mutex<Option<Arc<Corpus>>> = Mutex::new(None);
        self.reload = Some(Latest::start(
            "byline-reload",
            move |asked: Arc<Corpus>, _| {
                let progress = |progress| {
                    let _ = to_loop.send(Envelope::now(Msg::Loading { progress }));
                };
                let mut newest = newest.lock().unwrap_or_else(PoisonError::into_inner);
                let mut before = match newest.take() {
                    Some(loaded) if loaded.epoch > asked.epoch => loaded,
                    _ => asked,
                };
                let mut load = |before: &Arc<Corpus>, changes: &Changes| {
                    let loaded = match changes.is_empty() {
                        true => Ok(Arc::clone(before)),
                        false => loader(before, changes, &progress),
                    };
                    match &loaded {
                        Ok(corpus) => *newest = Some(Arc::clone(corpus)),
                        // What changed is still to be read: all of it, next time.
                        Err(_) => lock(&pending).add_everything(),
                    }
                    loaded
                };
                let mut changes = std::mem::take(&mut *lock(&pending));
                let check = check.swap(false, Ordering::AcqRel);
                if check && before.can_refresh_only(&changes) {
                    let recorded = load(&before, &changes);
                    if let Ok(corpus) = &recorded {
                        before = Arc::clone(corpus);
                    }
                    let _ = to_loop.send(Envelope::now(Msg::ReloadedRecorded(recorded)));
                    let checked = match load(&before, &Changes::everything()) {
                        // Kept as the newest instead, not a second copy.
                        Ok(corpus) if corpus.is_same_as(&before) => {
                            *newest = Some(Arc::clone(&before));
                            Ok(before)
                        }
                        other => other,
                    };
                    let _ = to_loop.send(Envelope::now(Msg::Reloaded(checked)));
                } else {
                    // Only every file can tell: once, not twice.
                    if check {
                        changes.add_everything();
                    }
                    let _ = to_loop.send(Envelope::now(Msg::Reloaded(load(&before, &changes))));
                }
            },
        )?);
        Ok(self)
    }

    /// Fetches run `fetcher`; without one, a fetch says there is nothing
    /// to fetch.
    pub fn with_fetcher(mut self, fetcher: Fetcher) -> io::Result<Self> {
        let to_loop = self.tx.clone();
        self.fetch = Some(Latest::start("byline-fetch", move |(), _| {
            let progress = |done, total| {
                let _ = to_loop.send(Envelope::now(Msg::Fetching { done, total }));
            };
            let fetched = fetcher(&progress);
            let _ = to_loop.send(Envelope::now(Msg::Fetched(fetched)));
        })?);
        Ok(self)
    }

    /// The text index is kept in `dir` (read from there when a sound one
    /// is, written there when built); without one it is only built.
    pub fn with_text_cache(mut self, dir: Option<PathBuf>) -> Self {
        self.reading.text.cache = dir;
        self
    }

    /// Full texts are fetched by `full_texter`; without one, `F` says there
    /// is no archive to fetch into.
    pub fn with_full_texter(mut self, full_texter: FullTexter) -> io::Result<Self> {
        let to_loop = self.tx.clone();
        self.full_text = Some(Latest::start("byline-full-text", move |id: String, _| {
            let kept = full_texter(&id);
            let _ = to_loop.send(Envelope::now(Msg::FullTextFetched(kept)));
        })?);
        Ok(self)
    }

    /// What a watcher, on a thread of its own, tells the workers through.
    pub fn recorder(&self) -> Recorder {
        Recorder {
            changes: Arc::clone(&self.changes),
            recording: Arc::clone(&self.recording),
        }
    }

    /// The app reads `corpus` now: so do the workers, from here on.
    pub fn use_corpus(&mut self, corpus: &Arc<Corpus>) -> io::Result<()> {
        let cache = self.reading.text.cache.take();
        self.reading = Reading::start(corpus, &self.tx)?;
        let before = std::mem::replace(&mut self.corpus, Arc::clone(corpus));
        self.reading.text.cache = cache;
        drop_aside(before);
        Ok(())
    }
}

impl Reading {
    fn start(corpus: &Arc<Corpus>, tx: &Sender<Envelope>) -> io::Result<Self> {
        let to_loop = tx.clone();
        let titles = Arc::clone(corpus);
        // The titles are gathered on the worker's thread, not here.
        let search = SearchWorker::with_titles(
            move || titles.title_index(),
            move || {
                // The loop takes the result from the worker itself.
                let _ = to_loop.send(Envelope::SearchReady);
            },
        )?;
        let to_loop = tx.clone();
        let find = Latest::start("byline-find", move |job: FindJob, cancelled| {
            if let Some(hits) = find_in_layout_until(&job.layout, &job.query, cancelled) {
                let found = Found {
                    generation: job.generation,
                    hits,
                };
                let _ = to_loop.send(Envelope::now(Msg::Found(found)));
            }
        })?;
        let text = TextWorker::start(corpus, tx)?;
        let (reading, to_loop) = (Arc::clone(corpus), tx.clone());
        let bodies = Latest::start("byline-body", move |index, _| {
            let result = reading.read_body(index);
            let _ = to_loop.send(Envelope::now(Msg::BodyRead { index, result }));
        })?;
        let reader = layouts("byline-layout", Pane::Reader, corpus, tx)?;
        let preview = layouts("byline-preview", Pane::Preview, corpus, tx)?;
        Ok(Self {
            search,
            bodies,
            text,
            find,
            reader,
            preview,
        })
    }
}

impl Workers {
    pub fn perform(&self, job: Job) {
        match job {
            Job::Rank(query) => {
                self.reading.search.submit(query);
            }
            Job::IndexText => self.reading.text.build(),
            Job::TextSearch { generation, query } => {
                self.reading.text.search.submit((generation, query))
            }
            Job::Find {
                generation,
                layout,
                query,
            } => self.reading.find.submit(FindJob {
                generation,
                layout,
                query,
            }),
            Job::LayOut {
                pane: Pane::Reader,
                article,
                width,
            } => self.reading.reader.submit((article, width)),
            Job::LayOut {
                pane: Pane::Preview,
                article,
                width,
            } => self.reading.preview.submit((article, width)),
            Job::Save(state) => self.saver.submit(state),
            Job::ReadBody(index) => self.reading.bodies.submit(index),
            Job::Fetch => match &self.fetch {
                Some(fetch) => fetch.submit(()),
                None => {
                    let nothing = Err("no feeds to fetch: `byline feeds add URL`".to_owned());
                    let _ = self.tx.send(Envelope::now(Msg::Fetched(nothing)));
                }
            },
            Job::FetchFullText { id } => match &self.full_text {
                Some(full_text) => full_text.submit(id),
                None => {
                    let nothing = Err("no archive to fetch into".to_owned());
                    let _ = self.tx.send(Envelope::now(Msg::FullTextFetched(nothing)));
                }
            },
            Job::Reload(_) | Job::ReloadAll if self.reload.is_none() => {
                let nothing = Err("nothing to load again from".to_owned());
                let _ = self.tx.send(Envelope::now(Msg::Reloaded(nothing)));
            }
            Job::Reload(changes) => {
                lock(&self.changes).merge(changes);
                self.reload_again();
            }
            Job::ReloadAll => {
                match self.recording.load(Ordering::Acquire) {
                    true => self.check.store(true, Ordering::Release),
                    false => lock(&self.changes).add_everything(),
                }
                self.reload_again();
            }
        }
    }

    fn reload_again(&self) {
        if let Some(reload) = &self.reload {
            reload.submit(Arc::clone(&self.corpus));
        }
    }

    /// The newest ranking, when the search worker said it has one.
    pub fn ranked(&self) -> Option<Msg> {
        self.reading.search.try_recv().map(Msg::Ranked)
    }
}

/// Drops `corpus` on a thread of its own when nothing else holds it:
/// freeing a hundred thousand articles would take the loop a frame or two.
fn drop_aside(corpus: Arc<Corpus>) {
    if Arc::strong_count(&corpus) == 1 {
        // Without a thread, it is dropped here.
        let _ = std::thread::Builder::new()
            .name("byline-drop".into())
            .spawn(move || drop(corpus));
    }
}

/// A watcher's side of the workers (see [`Workers::recorder`]).
#[derive(Clone)]
pub struct Recorder {
    changes: Arc<Mutex<Changes>>,
    recording: Arc<AtomicBool>,
}

impl Recorder {
    /// Where a watcher that only records ([`super::Tell::Record`]) puts
    /// what it sees: the changes the next reload takes.
    pub fn changes(&self) -> Arc<Mutex<Changes>> {
        Arc::clone(&self.changes)
    }

    /// Watching for changes began after the corpus was loaded: what changed
    /// in between was named by no one, so the next reload looks at every
    /// file, and those after trust what the watcher saw.
    pub fn began(&self) {
        lock(&self.changes).add_everything();
        self.recording.store(true, Ordering::Release);
    }
}

fn lock(changes: &Mutex<Changes>) -> std::sync::MutexGuard<'_, Changes> {
    // Paths to look at hold no invariant a panic could break.
    changes.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The text index, and the articles it was built over when they are not
/// the corpus's own (a corpus made from its listing: its heads).
type Built = (TextIndex, Option<Vec<Arc<Article>>>);

/// The full-text index, read from the cache or built on its own thread
/// the first time it is asked for, and a worker searching it (answering
/// "not ready" before).
struct TextWorker {
    index: Arc<OnceLock<Built>>,
    cache: Option<PathBuf>,
    started: AtomicBool,
    corpus: Arc<Corpus>,
    tx: Sender<Envelope>,
    search: Latest<(u64, String)>,
}

impl TextWorker {
    fn start(corpus: &Arc<Corpus>, tx: &Sender<Envelope>) -> io::Result<Self> {
        let index: Arc<OnceLock<Built>> = Arc::default();
        let (built, articles, to_loop) = (Arc::clone(&index), Arc::clone(corpus), tx.clone());
        let search = Latest::start("byline-text", move |(generation, query), cancelled| {
            let result = match built.get() {
                Some((index, heads)) => {
                    let over = heads.as_deref().unwrap_or(&articles.articles);
                    text::answer(index, over, generation, query)
                }
                None => text::not_ready(generation, query),
            };
            if !cancelled() {
                let _ = to_loop.send(Envelope::now(Msg::TextFound(result)));
            }
        })?;
        let (corpus, tx, started) = (Arc::clone(corpus), tx.clone(), AtomicBool::new(false));
        Ok(Self {
            index,
            cache: None,
            started,
            corpus,
            tx,
            search,
        })
    }

    /// Starts building once; answers at once when built already.
    fn build(&self) {
        let done = || Envelope::now(Msg::Indexed { progress: 1.0 });
        if self.started.swap(true, Ordering::AcqRel) {
            if self.index.get().is_some() {
                let _ = self.tx.send(done());
            }
            return;
        }
        let (index, corpus, tx, cache) = (
            Arc::clone(&self.index),
            Arc::clone(&self.corpus),
            self.tx.clone(),
            self.cache.clone(),
        );
        let spawned = std::thread::Builder::new()
            .name("byline-index".into())
            .spawn(move || {
                let report = |progress: f32| {
                    if progress < 1.0 {
                        let _ = tx.send(Envelope::now(Msg::Indexed { progress }));
                    }
                };
                // A corpus from its listing has no bodies yet: its index is
                // not the corpus's, and must not replace the cached one.
                let heads = corpus
                    .is_partial()
                    .then(|| corpus.all_articles().into_owned());
                let cache = cache.filter(|_| heads.is_none());
                let articles = heads.as_deref().unwrap_or(&corpus.articles);
                let paths = &corpus.root_paths;
                let opened =
                    text::store::open(articles, paths, cache.as_deref(), &report, &|| false);
                if let Some(built) = opened {
                    let _ = index.set((built, heads));
                }
                let _ = tx.send(done());
            });
        if spawned.is_err() {
            // No thread: the finder stops waiting; text searches stay empty.
            let _ = self.tx.send(done());
        }
    }
}

fn layouts(
    name: &str,
    pane: Pane,
    corpus: &Arc<Corpus>,
    tx: &Sender<Envelope>,
) -> io::Result<Latest<(usize, usize)>> {
    let (corpus, tx) = (Arc::clone(corpus), tx.clone());
    Latest::start(name, move |(article, width), cancelled| {
        if article >= corpus.len() {
            return;
        }
        let layout = Arc::new(ArticleLayout::new(&corpus.article(article), width));
        if !cancelled() {
            let laid = LaidOut {
                pane,
                epoch: corpus.epoch,
                article,
                layout,
            };
            let _ = tx.send(Envelope::now(Msg::LaidOut(laid)));
        }
    })
}

#[cfg(test)]
#[path = "workers_tests.rs"]
mod tests;
