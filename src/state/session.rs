//! Where the reader was left, to come back to: the view, the order, which
//! pane had focus and which article was selected; and the finder's last
//! queries. Each is one stamped value, merged newest-wins like the rest.

use serde::{Deserialize, Serialize};

use super::{ReadingState, Sort, Stamp, Stamped, View};

/// How many queries the finder remembers.
pub const QUERIES_KEPT: usize = 50;

#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    pub view: View,
    /// The saved view of config.toml shown, by name; `view` is then all,
    /// which is what a byline without it, or a config without the view,
    /// shows.
    pub saved_view: Option<String>,
    /// `None`: the corpus's own default (newest first when it has dates).
    pub sort: Option<Sort>,
    /// The reader had focus, rather than the list.
    pub reader: bool,
    /// The selected article's id.
    pub selected: Option<String>,
}

impl ReadingState {
    pub fn session(&self) -> &Session {
        &self.session.0
    }

    /// Remembers where the reader is; an unchanged session is not restamped.
    pub fn set_session(&mut self, session: Session, now: Stamp) -> bool {
        if self.session.0 == session {
            return false;
        }
        let stamp = self.tick(now);
        self.session = Stamped(session, stamp);
        true
    }

    /// The latest first-fetch time of an archive item listed in an
    /// earlier session, or this one; `None` before any.
    pub fn listed_until(&self) -> Option<i64> {
        (!self.listed_until.is_unset()).then_some(self.listed_until.0)
    }

    /// Remembers that items fetched up to `until` have been listed; only
    /// a later time changes anything. Whether it did.
    pub fn set_listed_until(&mut self, until: i64, now: Stamp) -> bool {
        if self.listed_until().is_some_and(|t| t >= until) {
            return false;
        }
        let stamp = self.tick(now);
        self.listed_until = Stamped(until, stamp);
        true
    }

    /// The finder's last queries, oldest first.
    pub fn queries(&self) -> &[String] {
        &self.queries.0
    }

    /// Keeps `query` as the newest, once.
    pub fn remember_query(&mut self, query: &str, now: Stamp) {
        if query.is_empty() || self.queries().last().is_some_and(|q| q == query) {
            return;
        }
        let mut queries: Vec<String> = self
            .queries()
            .iter()
            .filter(|q| *q != query)
            .cloned()
            .collect();
        queries.push(query.to_owned());
        let extra = queries.len().saturating_sub(QUERIES_KEPT);
        queries.drain(..extra);
        let stamp = self.tick(now);
        self.queries = Stamped(queries, stamp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_and_queries_merge_newest_first_and_round_trip() {
        let mut a = ReadingState::default();
        let session = Session {
            view: View::Unread,
            saved_view: Some("sport".into()),
            sort: Some(Sort::Title),
            reader: true,
            selected: Some("x".into()),
        };
        assert!(a.set_session(session.clone(), Stamp(10)));
        assert!(
            !a.set_session(session.clone(), Stamp(11)),
            "unchanged: not restamped"
        );
        for q in ["one", "two", "one"] {
            a.remember_query(q, Stamp(20));
        }
        assert_eq!(a.queries(), ["two", "one"]);
        let mut b = ReadingState::default();
        b.set_session(Session::default(), Stamp(5));
        b.merge(&a);
        assert_eq!((b.session(), b.queries()), (&session, a.queries()));
        let json = serde_json::to_string(&a).unwrap();
        let back: ReadingState = serde_json::from_str(&json).unwrap();
        assert_eq!((back.session(), back.queries()), (&session, a.queries()));
        for i in 0..QUERIES_KEPT + 5 {
            a.remember_query(&format!("q{i}"), Stamp(30));
        }
        assert_eq!(a.queries().len(), QUERIES_KEPT);
        assert!(a.set_listed_until(100, Stamp(40)));
        assert!(!a.set_listed_until(90, Stamp(41)), "only a later time");
        assert_eq!(a.listed_until(), Some(100));
        assert_eq!(a.queries().last().map(String::as_str), Some("q54"));
    }

    #[test]
    fn listed_until_round_trips_merges_and_is_absent_from_older_files() {
        let old: ReadingState =
            serde_json::from_str(r#"{"articles": {"a": {"read": [true, 1]}}}"#).unwrap();
        assert_eq!(old.listed_until(), None);
        assert!(old.is_read("a"));
        let mut a = ReadingState::default();
        a.set_listed_until(1_700_000_000, Stamp(5));
        let json = serde_json::to_string(&a).unwrap();
        assert!(json.contains("listed_until"), "{json}");
        let back: ReadingState = serde_json::from_str(&json).unwrap();
        assert_eq!(back.listed_until(), Some(1_700_000_000));
        let mut b = ReadingState::default();
        b.merge(&a);
        assert_eq!(b.listed_until(), Some(1_700_000_000));
        let unset = serde_json::to_string(&ReadingState::default()).unwrap();
        assert!(!unset.contains("listed_until"), "{unset}");
    }
}
