//! The jobs of the app done in the calling thread: for tests, benchmarks
//! and scripts that want no threads.

use std::collections::VecDeque;
use std::sync::Arc;

use crate::app::{App, Effects, Found, Job, LaidOut, Msg};
use crate::layout::ArticleLayout;
use crate::search::{SearchResult, find_in_layout, rank_index};
use crate::state::Stamp;

/// Does the jobs of `effects` here and now, feeding their answers back to
/// `app` until none are left; returns the effects without jobs. For tests,
/// benchmarks and scripts that want no threads.
pub fn inline(app: &mut App, mut effects: Effects, now: Stamp) -> Effects {
    let mut jobs: VecDeque<Job> = std::mem::take(&mut effects.jobs).into();
    while let Some(job) = jobs.pop_front() {
        let answer = match job {
            Job::Rank(query) => {
                let hits = rank_index(&app.corpus().title_index(), &query, &|| false);
                Msg::Ranked(SearchResult {
                    generation: 0,
                    query,
                    hits: hits.unwrap_or_default(),
                    complete: true,
                })
            }
            Job::IndexText => Msg::Indexed { progress: 1.0 },
            Job::TextSearch { generation, query } => {
                let articles = app.corpus().all_articles();
                let index = crate::search::text::TextIndex::new(&articles);
                Msg::TextFound(crate::search::text::answer(
                    &index, &articles, generation, query,
                ))
            }
            Job::Find {
                generation,
                layout,
                query,
            } => Msg::Found(Found {
                generation,
                hits: find_in_layout(&layout, &query),
            }),
            Job::LayOut {
                pane,
                article,
                width,
            } => {
                if article >= app.corpus().len() {
                    continue;
                }
                let layout = Arc::new(ArticleLayout::new(&app.corpus().article(article), width));
                Msg::LaidOut(LaidOut {
                    pane,
                    epoch: app.corpus().epoch,
                    article,
                    layout,
                })
            }
            Job::Save(_) => Msg::Saved(Ok(None)),
            Job::Reload(_) | Job::ReloadAll => {
                Msg::Reloaded(Err("nothing to load again from".to_owned()))
            }
            Job::ReadBody(index) => Msg::BodyRead {
                index,
                result: app.corpus().read_body(index),
            },
            Job::Fetch => Msg::Fetched(Err("no feeds to fetch".to_owned())),
            Job::FetchFullText { .. } => {
                Msg::FullTextFetched(Err("no archive to fetch into".to_owned()))
            }
        };
        let mut more = app.handle(answer, now);
        jobs.extend(std::mem::take(&mut more.jobs));
        effects.merge(more);
    }
    effects
}
