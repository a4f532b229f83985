//! The search overlay's background worker: rank on another thread so typing
//! never waits, drop a pass as soon as a newer query arrives, and narrow the
//! last result when the query only grew.
//!
//! The UI thread calls [`SearchWorker::submit`] on every keystroke and
//! [`SearchWorker::try_recv`] when it draws; a notifier given at start wakes
//! its event loop when a result is ready.

use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{Hit, TitleIndex, rank_among_in, rank_first};
use crate::article::Article;

/// Corpora at least this large get a first, partial answer from their
/// first [`PARTIAL_TITLES`] titles, so the overlay fills at once.
const PARTIAL_FROM: usize = 400_000;
const PARTIAL_TITLES: usize = 100_000;
/// How many earlier results are kept for narrowing (one per typed prefix).
const REMEMBERED: usize = 16;

/// The ranking of one query, or of its first part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResult {
    /// What [`SearchWorker::submit`] returned for this query.
    pub generation: u64,
    pub query: String,
    /// Best first, exactly as [`rank`] orders them.
    pub hits: Vec<Hit>,
    /// `false` for the early answer over the first titles of a big corpus;
    /// the complete one follows unless a newer query came.
    pub complete: bool,
}

/// A thread that ranks the corpus for the latest query.
pub struct SearchWorker {
    shared: Arc<Shared>,
    results: Receiver<SearchResult>,
    thread: Option<JoinHandle<()>>,
}

/// What the UI thread and the worker share.
#[derive(Default)]
struct Shared {
    /// The newest generation submitted; a pass for any other is stale.
    latest: AtomicU64,
    inbox: Mutex<Inbox>,
    wake: Condvar,
}

#[derive(Default)]
struct Inbox {
    job: Option<Job>,
    closed: bool,
}

struct Job {
    generation: u64,
    query: String,
}

impl SearchWorker {
    /// Starts the worker over `articles` (an `Arc<[Article]>`, an
    /// `Arc<Vec<Article>>`, or anything that holds articles). Fails only when no thread can be started.
    pub fn new<A>(articles: Arc<A>) -> io::Result<Self>
    where
        A: AsRef<[Article]> + Send + Sync + ?Sized + 'static,
    {
        Self::with_notifier(articles, || {})
    }

    /// Like [`SearchWorker::new`], calling `notify` from the worker thread
    /// after each result is sent, to wake the UI's event loop. It must not
    /// block: dropping the worker waits for the thread.
    pub fn with_notifier<A>(
        articles: Arc<A>,
        notify: impl Fn() + Send + 'static,
    ) -> io::Result<Self>
    where
        A: AsRef<[Article]> + Send + Sync + ?Sized + 'static,
    {
        // Built on the worker's thread, off the UI's; every pass then
        // scans one string.
        let titles = move || Arc::new(TitleIndex::new(articles.as_ref().as_ref()));
        Self::with_titles(titles, notify)
    }

    /// Like [`SearchWorker::with_notifier`], over the titles `titles`
    /// gives, on the worker's thread (a corpus made from its listing has
    /// them already; another makes them).
    pub fn with_titles(
        titles: impl FnOnce() -> Arc<TitleIndex> + Send + 'static,
        notify: impl Fn() + Send + 'static,
    ) -> io::Result<Self> {
        let shared = Arc::new(Shared::default());
        let (send, results) = mpsc::channel();
        let worker = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("byline-search".into())
            .spawn(move || {
                let out = Outbox { send, notify };
                serve(&titles(), &worker, &out);
            })?;
        Ok(Self {
            shared,
            results,
            thread: Some(thread),
        })
    }

    /// Asks for `query` to be ranked, cancelling any older pass; returns the
    /// generation its results will carry. Never blocks on the ranking.
    pub fn submit(&self, query: impl Into<String>) -> u64 {
        let mut inbox = self.shared.lock();
        let generation = self.shared.latest.fetch_add(1, Ordering::AcqRel) + 1;
        inbox.job = Some(Job {
            generation,
            query: query.into(),
        });
        self.shared.wake.notify_one();
        generation
    }

    /// The generation of the newest query submitted (0 before any).
    pub fn latest(&self) -> u64 {
        self.shared.latest.load(Ordering::Acquire)
    }

    /// The newest waiting result for the latest query, if any; results of
    /// older queries are dropped unseen.
    pub fn try_recv(&self) -> Option<SearchResult> {
        let mut newest = None;
        while let Ok(result) = self.results.try_recv() {
            if result.generation == self.latest() {
                newest = Some(result);
            }
        }
        newest
    }

    /// Waits up to `timeout` for a result for the latest query.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<SearchResult> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.results.recv_timeout(left) {
                Ok(result) if result.generation == self.latest() => return Some(result),
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }
}

impl Drop for SearchWorker {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        // A new generation cancels the pass in progress.
        self.shared.latest.fetch_add(1, Ordering::AcqRel);
        self.shared.wake.notify_one();
        if let Some(thread) = self.thread.take() {
            // A panic on the worker has nowhere better to go than here.
            let _ = thread.join();
        }
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inbox> {
        // The inbox holds no invariant a panic could break.
        self.inbox.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Blocks until there is a query to rank; `None` once closed.
    fn next_job(&self) -> Option<Job> {
        let mut inbox = self.lock();
        loop {
            if inbox.closed {
                return None;
            }
            if let Some(job) = inbox.job.take() {
                return Some(job);
            }
            inbox = self
                .wake
                .wait(inbox)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// Where results go, and how the UI hears of them.
struct Outbox<F> {
    send: Sender<SearchResult>,
    notify: F,
}

impl<F: Fn()> Outbox<F> {
    /// `false` when nobody listens any more.
    fn deliver(&self, result: SearchResult) -> bool {
        let sent = self.send.send(result).is_ok();
        (self.notify)();
        sent
    }
}

fn serve(index: &TitleIndex, shared: &Shared, out: &Outbox<impl Fn()>) {
    let mut memory = Memory::default();
    while let Some(job) = shared.next_job() {
        if !search(index, shared, &job, &mut memory, out) {
            return;
        }
    }
}

/// Ranks one job, delivering a partial result first for big corpora.
/// Returns `false` when the results can no longer be delivered.
fn search(
    index: &TitleIndex,
    shared: &Shared,
    job: &Job,
    memory: &mut Memory,
    out: &Outbox<impl Fn()>,
) -> bool {
    let cancelled = || shared.latest.load(Ordering::Acquire) != job.generation;
    let result = |hits, complete| SearchResult {
        generation: job.generation,
        query: job.query.clone(),
        hits,
        complete,
    };
    if let Some(hits) = memory.exact(&job.query) {
        return out.deliver(result(hits, true));
    }
    let base = memory.narrowest(&job.query);
    if base.is_none() && index.len() >= PARTIAL_FROM {
        let Some(hits) = rank_first(index, PARTIAL_TITLES, &job.query, &cancelled) else {
            return true;
        };
        if !out.deliver(result(hits, false)) {
            return false;
        }
    }
    let hits = match base {
        Some(among) => rank_among_in(index, &among, &job.query, &cancelled),
        None => rank_first(index, index.len(), &job.query, &cancelled),
    };
    let Some(hits) = hits else {
        return true;
    };
    memory.remember(&job.query, &hits);
    out.deliver(result(hits, true))
}

/// Whether every title that matches `longer` matches `shorter`, which it
/// extends. Growing a fuzzy, exact, prefix or new term narrows; growing an
/// exclusion (`!a` to `!ab`), an OR (`a |b`), an escape (`a\` to `a\ b`) or
/// what followed a suffix (`a$` to `a$b`) can widen, so those start afresh.
pub(super) fn narrows(shorter: &str, longer: &str) -> bool {
    longer.starts_with(shorter) && !shorter.contains(['!', '\\', '$']) && !longer.contains('|')
}

/// Complete results of earlier queries: exact repeats are answered at once,
/// and a query that extends one ranks only that one's hits (a title that
/// matches `abc` matches `ab`, with the same smart case or a looser one).
#[derive(Default)]
struct Memory {
    results: Vec<(String, Vec<Hit>)>,
}

impl Memory {
    fn exact(&self, query: &str) -> Option<Vec<Hit>> {
        let (_, hits) = self.results.iter().find(|(q, _)| q == query)?;
        Some(hits.clone())
    }

    /// The indices of the longest remembered query that `query` extends.
    fn narrowest(&self, query: &str) -> Option<Vec<usize>> {
        let (_, hits) = self
            .results
            .iter()
            .filter(|(q, _)| !q.is_empty() && narrows(q, query))
            .max_by_key(|(q, _)| q.len())?;
        Some(hits.iter().map(|h| h.index).collect())
    }

    /// Keeps `query`'s result with those of the queries it extends: typing
    /// then deleting a letter finds the shorter query's result here.
    fn remember(&mut self, query: &str, hits: &[Hit]) {
        if query.is_empty() {
            // Ranking everything costs nothing; keeping it costs memory.
            return;
        }
        self.results.retain(|(q, _)| query.starts_with(q.as_str()));
        if self.results.len() >= REMEMBERED {
            self.results.remove(0);
        }
        self.results.push((query.to_owned(), hits.to_vec()));
    }
}

#[cfg(test)]
#[path = "worker_tests.rs"]
mod tests;
