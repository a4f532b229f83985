//! What a save costs with thousands of marked articles: the reader saves
//! about once a second after a change, so this must stay in milliseconds.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use byline::state::{ReadingState, Stamp, Store};
use criterion::{Criterion, criterion_group, criterion_main};

fn state_of(n: u64) -> ReadingState {
    let mut state = ReadingState::default();
    for i in 0..n {
        let id = format!("business/{i:03}.txt");
        state.mark_read(&id, Stamp(i));
        state.set_position(&id, 7, Stamp(i));
        if i % 10 == 0 {
            state.toggle_star(&id, Stamp(i));
        }
    }
    state
}

fn save(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::new(dir.path(), &["bench".to_owned()]);
    let mut state = state_of(5_000);
    store.save(&state).unwrap();
    let mut now = 1_000_000;
    c.bench_function("save 5000 entries after one change", |b| {
        b.iter(|| {
            now += 1;
            state.toggle_read("business/001.txt", Stamp(now));
            store.save(&state).unwrap()
        });
    });
    c.bench_function("load 5000 entries", |b| b.iter(|| store.load().unwrap()));
    let bytes = std::fs::read(store.path()).unwrap();
    #[derive(serde::Deserialize)]
    struct File {
        #[allow(dead_code)]
        state: ReadingState,
    }
    c.bench_function("parse 5000 entries", |b| {
        b.iter(|| serde_json::from_slice::<File>(&bytes).unwrap())
    });
    c.bench_function("serialize 5000 entries", |b| {
        b.iter(|| serde_json::to_vec(&state).unwrap())
    });
    eprintln!("file: {} bytes", bytes.len());
}

criterion_group!(benches, save);
criterion_main!(benches);
