//! One entry of a JSON Lines file, read for a corpus made from its listing
//! without parsing the others: a million-entry file takes one pass, not a
//! million parses, and is not held whole to find one line.

use std::io::{BufRead, BufReader, Read};

use crate::article::{Article, Head};
use crate::corpus::input::Contents;
use crate::corpus::{Input, InputKind, LoadOptions, jsonl, parse_bytes};

/// At most this many lines are tried as the entry wanted before the whole
/// file is parsed instead.
const CANDIDATES: usize = 64;

/// The listed article's entry in a JSON Lines file, found without parsing
/// the rest: first the entry its number names, read a block at a time;
/// then the lines that hold its own id. `None` when none of them is it
/// (the file changed, say): the whole file is parsed then.
pub(super) fn entry_alone(
    input: &Input,
    listed: Head<'_>,
    options: &LoadOptions,
) -> Option<Article> {
    // An escaped file name numbers the entries' names: parsed whole.
    if input.name.is_some() {
        return None;
    }
    let own = listed
        .id
        .strip_prefix(input.id.as_str())?
        .strip_prefix('#')?;
    let number = own.parse::<usize>().ok();
    let numbered = number.and_then(|n| numbered_line(input, n, options));
    if let Some(article) = numbered.and_then(|line| the_listed(&line, true, input, listed, options))
    {
        return Some(article);
    }
    let Ok((Contents::Bytes(bytes, false), _)) = input.read_limited(options.max_json, true) else {
        return None;
    };
    let text = std::str::from_utf8(&bytes).ok()?;
    let quoted = format!("\"{own}\"");
    memchr::memmem::find_iter(text.as_bytes(), quoted.as_bytes())
        .map(|at| line_around(text, at))
        .take(CANDIDATES)
        .find_map(|line| the_listed(line, false, input, listed, options))
}

/// The article `line` gives if it is the listed one: its own id says so,
/// or (`numbered`: the line is the entry its number names) its title and
/// date are the listing's.
fn the_listed(
    line: &str,
    numbered: bool,
    input: &Input,
    listed: Head<'_>,
    options: &LoadOptions,
) -> Option<Article> {
    let (articles, _) = parse_bytes(InputKind::JsonLines, &input.id, line.as_bytes(), options);
    let mut article = articles.into_iter().next()?;
    let own_id = article.id == listed.id;
    let same = article.title == listed.title && article.date == listed.date;
    if !(own_id || numbered && same) {
        return None;
    }
    listed.id.clone_into(&mut article.id);
    listed.section.clone_into(&mut article.section);
    Some(article)
}

/// The `n`-th (from 1) non-blank line of the file, numbered as the parser
/// numbers entries, read a block at a time. `None` past the end, on a line
/// too long to be an entry, or on text that is not UTF-8: the whole file is
/// parsed then. The file is read as a load reads it, as far as it was long
/// when opened: a JSON Lines file is not held whole, so the limit on a
/// document read whole (`max_json`) is not its limit.
fn numbered_line(input: &Input, n: usize, options: &LoadOptions) -> Option<String> {
    let (file, _) = input.open(options.max_json).ok()??;
    let mut file = BufReader::with_capacity(1 << 20, file);
    let mut line = Vec::new();
    let (mut entry, mut first_line) = (0, true);
    let limit = options.max_line as u64 + 2;
    while entry < n {
        line.clear();
        let read = (&mut file).take(limit).read_until(b'\n', &mut line).ok()?;
        if read == 0 || read as u64 == limit {
            return None;
        }
        // Most lines start with `{`; anything else is looked at as the
        // parser looks at it (a line of U+3000 is blank, a BOM is not text).
        let first = line
            .iter()
            .find(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
        let blank = match first {
            None => true,
            Some(0x21..=0x7e) => false,
            Some(_) => {
                let text = std::str::from_utf8(&line).ok()?;
                let text = match first_line {
                    true => text.strip_prefix('\u{feff}').unwrap_or(text),
                    false => text,
                };
                text.trim().is_empty()
            }
        };
        entry += usize::from(!blank);
        first_line = false;
    }
    let line = String::from_utf8(line).ok()?;
    Some(jsonl::lines(&line).next().unwrap_or_default().to_owned())
}

/// The line of `text` that holds byte `at`.
fn line_around(text: &str, at: usize) -> &str {
    let start = memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i);
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn lines_are_numbered_as_entries_past_a_bom_blank_lines_and_crlf() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("all.jsonl");
        let text =
            "\u{feff}{\"a\": 1}\r\n\u{3000} \r\n\t\n\u{b}\n{\"a\": 2}\r\n \u{feff}x\n\n{\"a\": 3}";
        std::fs::write(&path, text).unwrap();
        let input = Input::listed(
            PathBuf::from(&path),
            "all.jsonl".into(),
            None,
            String::new(),
            InputKind::JsonLines,
        );
        let options = LoadOptions::default();
        let got: Vec<Option<String>> = (1..=5)
            .map(|n| numbered_line(&input, n, &options))
            .collect();
        let want = [
            "\u{feff}{\"a\": 1}",
            "{\"a\": 2}",
            " \u{feff}x",
            "{\"a\": 3}",
        ];
        let want: Vec<Option<String>> = want
            .iter()
            .map(|w| Some(w.to_string()))
            .chain([None])
            .collect();
        assert_eq!(got, want);
        let long = LoadOptions {
            max_line: 4,
            ..LoadOptions::default()
        };
        assert_eq!(
            numbered_line(&input, 1, &long),
            None,
            "longer than a line may be"
        );
    }

    #[test]
    fn an_entry_past_the_limit_of_a_whole_document_is_found_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("all.jsonl");
        let line = |n: usize| format!("{{\"title\": \"Entry {n}\", \"body\": \"Text {n}.\"}}\n");
        std::fs::write(&path, (1..=40).map(line).collect::<String>()).unwrap();
        let input = Input::listed(
            path,
            "all.jsonl".into(),
            None,
            String::new(),
            InputKind::JsonLines,
        );
        // A gigabyte file of a million entries, in small: its 40th entry
        // is past the first `max_json` bytes, and the file is larger than
        // that, so it cannot be read whole either.
        let options = LoadOptions {
            max_json: 200,
            ..LoadOptions::default()
        };
        let listed = Head {
            id: "all.jsonl#40",
            shown_id: "all.jsonl#40",
            title: "Entry 40",
            ..Head::default()
        };
        let article = entry_alone(&input, listed, &options).expect("found without parsing all");
        assert_eq!(
            (article.id.as_str(), &*article.body),
            ("all.jsonl#40", "Text 40.")
        );
    }
}
