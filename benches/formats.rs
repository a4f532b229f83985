//! Feed and page parsing: a 1,000-item RSS file and a synthetic news page,
//! both generated here, and readability.js's test pages when
//! `../shared/pages` is beside the repository. `cargo bench --bench formats`.

use std::fmt::Write;
use std::path::PathBuf;
use std::time::Duration;

use byline::LoadOptions;
use byline::corpus::{InputKind, parse_bytes};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// An RSS 2.0 feed of `items` items, each with HTML in `content:encoded`.
fn rss(items: usize) -> String {
    let mut feed = String::from(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
         <channel><title>Bench News</title><link>https://bench.example/</link>",
    );
    for i in 0..items {
        let _ = write!(
            feed,
            "<item><title>Story {i} &amp; more</title>\
             <link>https://bench.example/{i}</link><guid>bench-{i}</guid>\
             <pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate>\
             <category>News</category><description>Summary of story {i}.</description>\
             <content:encoded><![CDATA[<p>Story {i} begins with <a href=\"/x/{i}\">a link</a> \
             and <b>bold</b> words.</p><ul><li>One point</li><li>Another</li></ul>\
             <p>It ends here, after a second paragraph of ordinary length.</p>]]>\
             </content:encoded></item>"
        );
    }
    feed.push_str("</channel></rss>");
    feed
}

/// A news page with navigation, an article of `paragraphs` paragraphs, and
/// comments around it.
fn page(paragraphs: usize) -> String {
    let mut html = String::from(
        "<!DOCTYPE html><html><head><title>A story - Bench</title>\
         <link rel=canonical href='https://bench.example/story'></head><body>\
         <nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>\
         <article><h1>A story</h1>",
    );
    for i in 0..paragraphs {
        let _ = write!(
            html,
            "<p>Paragraph {i} of the story says something worth reading, with \
             <a href='/ref/{i}'>a reference</a> and enough words to count.</p>"
        );
    }
    html.push_str("</article><section class=comments><p>First!</p></section></body></html>");
    html
}

fn feeds(c: &mut Criterion) {
    let feed = rss(1_000);
    let options = LoadOptions::default();
    let mut group = c.benchmark_group("feed");
    group.throughput(Throughput::Bytes(feed.len() as u64));
    group.bench_function("rss-1000-items", |b| {
        b.iter(|| parse_bytes(InputKind::Feed, "bench.rss", feed.as_bytes(), &options))
    });
    group.finish();
}

fn pages(c: &mut Criterion) {
    let html = page(60);
    let options = LoadOptions::default();
    let mut group = c.benchmark_group("page");
    group.throughput(Throughput::Bytes(html.len() as u64));
    group.bench_function("synthetic-60-paragraphs", |b| {
        b.iter(|| parse_bytes(InputKind::Html, "story.html", html.as_bytes(), &options))
    });
    group.finish();
}

fn shared_pages(c: &mut Criterion) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/pages");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped page/shared-95: {} is absent", dir.display());
        return;
    };
    let sources: Vec<Vec<u8>> = entries
        .filter_map(|e| std::fs::read(e.ok()?.path().join("source.html")).ok())
        .collect();
    let options = LoadOptions::default();
    let mut group = c.benchmark_group("page");
    group.throughput(Throughput::Elements(sources.len() as u64));
    group.bench_function("shared-all", |b| {
        b.iter(|| {
            for source in &sources {
                parse_bytes(InputKind::Html, "source.html", source, &options);
            }
        })
    });
    group.finish();
}

criterion_group! {
    name = formats;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = feeds, pages, shared_pages
}

criterion_main!(formats);
