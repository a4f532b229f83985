use std::sync::atomic::AtomicUsize;

use super::*;
use crate::search::rank;

fn titled(titles: &[&str]) -> Arc<[Article]> {
    crate::search::tests::titled(titles).into()
}

const WAIT: Duration = Duration::from_secs(30);

/// What the worker thread sees for one job, to drive `search` directly:
/// the newest generation asked for is `latest`, the job is `generation`.
fn direct_job(
    latest: u64,
    generation: u64,
    query: &str,
) -> (Shared, Outbox<impl Fn()>, mpsc::Receiver<SearchResult>, Job) {
    let shared = Shared::default();
    shared.latest.store(latest, Ordering::Release);
    let (send, results) = mpsc::channel();
    let out = Outbox {
        send,
        notify: || {},
    };
    let job = Job {
        generation,
        query: query.into(),
    };
    (shared, out, results, job)
}

fn complete(worker: &SearchWorker) -> SearchResult {
    loop {
        let result = worker.recv_timeout(WAIT).expect("a result in time");
        if result.complete {
            return result;
        }
    }
}

#[test]
fn results_equal_rank_while_typing_and_deleting() {
    let articles = titled(&[
        "Minister resigns",
        "mining shares fall",
        "Chelsea sack Mutu",
        "Mutu to hold talks",
        "a minimal MINI",
        "nothing",
    ]);
    let worker = SearchWorker::new(Arc::clone(&articles)).expect("a thread");
    for query in [
        "m", "mi", "min", "mini", "min", "miN", "mu", "", "mutu", "xyz",
    ] {
        let generation = worker.submit(query);
        let result = complete(&worker);
        assert_eq!(
            (result.generation, result.query.as_str()),
            (generation, query)
        );
        let expected = rank(&articles, query, &|| false).expect("not cancelled");
        assert_eq!(result.hits, expected, "{query:?}");
    }
}

#[test]
fn only_the_latest_query_is_answered() {
    let titles = vec!["a title with many letters in it"; 50_000];
    let worker = SearchWorker::new(titled(&titles)).expect("a thread");
    let first = worker.submit("a");
    let second = worker.submit("letters");
    let result = complete(&worker);
    assert!(first < second);
    assert_eq!(result.generation, second);
    assert_eq!(result.hits.len(), 50_000);
    assert_eq!(worker.try_recv(), None, "nothing left for the first query");
}

#[test]
fn a_pass_overtaken_by_a_newer_query_delivers_nothing() {
    // The worker's view when a newer query arrived while it ranked: the
    // pass is cancelled and sends neither a partial nor a complete result.
    let articles = titled(&vec!["a"; PARTIAL_FROM]);
    let (shared, out, results, job) = direct_job(2, 1, "a");
    let mut memory = Memory::default();
    assert!(search(
        &TitleIndex::new(&articles),
        &shared,
        &job,
        &mut memory,
        &out
    ));
    assert!(results.try_recv().is_err());
    assert!(memory.results.is_empty());
}

#[test]
fn big_corpora_get_a_partial_answer_first() {
    let articles: Arc<[Article]> = (0..PARTIAL_FROM)
        .map(|i| Article {
            title: if i % 2 == 0 { "even" } else { "odd" }.into(),
            ..Article::default()
        })
        .collect();
    let (shared, out, results, job) = direct_job(1, 1, "even");
    let index = TitleIndex::new(&articles);
    assert!(search(&index, &shared, &job, &mut Memory::default(), &out));
    let partial = results.try_recv().expect("a partial result");
    assert!(!partial.complete);
    assert_eq!(partial.hits.len(), PARTIAL_TITLES / 2);
    let full = results.try_recv().expect("the complete result");
    assert!(full.complete);
    assert_eq!(full.hits.len(), PARTIAL_FROM / 2);
}

#[test]
fn the_notifier_is_called_per_result() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&calls);
    let worker = SearchWorker::with_notifier(titled(&["one", "two"]), move || {
        counted.fetch_add(1, Ordering::SeqCst);
    })
    .expect("a thread");
    worker.submit("o");
    assert_eq!(complete(&worker).hits.len(), 2);
    // Dropping joins the thread, so the call after the send has happened.
    drop(worker);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[test]
fn works_over_a_shared_vec() {
    let articles = Arc::new(titled(&["alpha", "beta"]).to_vec());
    let worker = SearchWorker::new(articles).expect("a thread");
    worker.submit("bet");
    assert_eq!(complete(&worker).hits[0].index, 1);
}

#[test]
fn unicode_smart_case_gives_the_overlay_what_the_command_line_gets() {
    let titles = [
        "Zürich wins",
        "ZÜRICH falls",
        "zurich calm",
        "Zurich Airport",
    ];
    let articles = titled(&titles);
    let worker = SearchWorker::new(Arc::clone(&articles)).unwrap();
    let expected: [(&str, &[usize]); 6] = [
        ("zürich", &[0, 1, 2, 3]),
        ("zurich", &[0, 1, 2, 3]),
        // A capital anywhere, ASCII or not, makes case count.
        ("Zürich", &[0, 3]),
        ("ZÜRICH", &[1]),
        ("ZURICH", &[1]),
        ("zÜrich", &[]),
    ];
    for (query, want) in expected {
        let cli = rank(&articles, query, &|| false).unwrap();
        worker.submit(query);
        let overlay = complete(&worker);
        assert_eq!(overlay.query, query);
        assert_eq!(
            overlay.hits, cli,
            "{query}: the same hits, in the same order"
        );
        let mut found: Vec<usize> = cli.iter().map(|h| h.index).collect();
        found.sort_unstable();
        assert_eq!(found, want, "{query}");
    }
}
