//! The state file's layout: `{"version": 1, "roots": [...], "state": {...}}`.

use serde::{Deserialize, Serialize};

use super::ReadingState;

/// The format this byline writes. A file with a larger number comes from
/// a newer byline and may hold what this one would drop.
pub const VERSION: u64 = 1;

#[derive(Serialize)]
pub(super) struct FileOut<'a> {
    pub version: u64,
    /// Which corpus this is, for a person looking in the folder.
    pub roots: &'a [String],
    pub state: &'a ReadingState,
}

/// Read first and alone, so that a newer file is known as newer even when
/// the rest does not parse as this byline expects.
#[derive(Deserialize)]
struct Header {
    #[serde(default = "first_version")]
    version: u64,
}

fn first_version() -> u64 {
    1
}

#[derive(Deserialize)]
struct FileIn {
    state: ReadingState,
}

/// What a state file holds, as far as this byline can tell.
#[derive(Debug)]
pub(super) enum Decoded {
    State(ReadingState),
    /// A newer format: what could be read of it (perhaps nothing).
    Newer(u64, ReadingState),
    /// Not a state file; why.
    Unreadable(String),
}

pub(super) fn decode(bytes: &[u8]) -> Decoded {
    let version = match serde_json::from_slice::<Header>(bytes) {
        Ok(header) => header.version,
        Err(e) => return Decoded::Unreadable(e.to_string()),
    };
    let state = serde_json::from_slice::<FileIn>(bytes).map(|file| file.state);
    match state {
        _ if version > VERSION => Decoded::Newer(version, state.unwrap_or_default()),
        Ok(state) => Decoded::State(state),
        Err(e) => Decoded::Unreadable(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_file_is_newer_whether_or_not_its_state_parses() {
        let good = br#"{"version": 2, "state": {"articles": {"a": {"read": [true, 1]}}}}"#;
        match decode(good) {
            Decoded::Newer(2, state) => assert!(state.is_read("a")),
            other => panic!("{other:?}"),
        }
        let odd = br#"{"version": 7, "state": [1, 2], "more": {}}"#;
        match decode(odd) {
            Decoded::Newer(7, state) => assert!(state.is_empty()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_current_format_and_a_missing_version_read_as_state() {
        for text in [
            &br#"{"version": 1, "state": {"articles": {"a": {"read": [true, 1]}}}}"#[..],
            br#"{"state": {"articles": {"a": {"read": [true, 1]}}}}"#,
        ] {
            assert!(matches!(decode(text), Decoded::State(s) if s.is_read("a")));
        }
        assert!(matches!(decode(b"{\"state\": 3}"), Decoded::Unreadable(_)));
        assert!(matches!(decode(b""), Decoded::Unreadable(_)));
    }
}
