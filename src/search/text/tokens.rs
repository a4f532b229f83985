//! Words as the full-text index sees them: Unicode word segmentation,
//! lower case, accents folded; runs of CJK characters, which are written
//! without spaces, as overlapping character bigrams.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::search::fold::fold_char;

/// Calls `each` with every token of `text` and the bytes it covers.
/// `buf` is reused between tokens, so tokenizing allocates nothing per word.
pub(crate) fn for_each(text: &str, mut each: impl FnMut(&str, Range<usize>)) {
    let mut buf = String::new();
    let mut run: Vec<(usize, char)> = Vec::new();
    for (start, word) in text.split_word_bound_indices() {
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && is_cjk(c)
        {
            run.push((start, c));
            continue;
        }
        let all_cjk = !word.is_empty() && word.chars().all(is_cjk);
        if all_cjk {
            run.extend(word.char_indices().map(|(i, c)| (start + i, c)));
            continue;
        }
        flush(&mut run, &mut buf, &mut each);
        if !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        buf.clear();
        buf.extend(word.chars().filter_map(|c| fold_char(c, true)));
        buf.make_ascii_lowercase();
        each(&buf, start..start + word.len());
    }
    flush(&mut run, &mut buf, &mut each);
}

/// The tokens of `text`, as owned strings (for queries and tests).
pub(crate) fn collect(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each(text, |t, _| out.push(t.to_owned()));
    out
}

/// A run of CJK characters as bigrams; a lone character as itself.
fn flush(
    run: &mut Vec<(usize, char)>,
    buf: &mut String,
    each: &mut impl FnMut(&str, Range<usize>),
) {
    let end = |&(at, c): &(usize, char)| at + c.len_utf8();
    match run.as_slice() {
        [] => {}
        [one] => {
            buf.clear();
            buf.push(one.1);
            each(buf, one.0..end(one));
        }
        pairs => {
            for w in pairs.windows(2) {
                buf.clear();
                buf.push(w[0].1);
                buf.push(w[1].1);
                each(buf, w[0].0..end(&w[1]));
            }
        }
    }
    run.clear();
}

/// Han, kana and Hangul: scripts written without spaces between words
/// (or, for Hangul, often searched inside words).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_case_and_folded() {
        assert_eq!(
            collect("Zürich's São-Paulo, 2005!"),
            ["zurich's", "sao", "paulo", "2005"]
        );
        assert_eq!(collect("Cafe\u{301} ÉTÉ"), ["cafe", "ete"]);
    }

    #[test]
    fn cjk_runs_become_bigrams() {
        assert_eq!(collect("中非合作 talks"), ["中非", "非合", "合作", "talks"]);
        assert_eq!(collect("北 京"), ["北", "京"]);
        let mut spans = Vec::new();
        for_each("a 中非", |_, r| spans.push(r));
        assert_eq!(spans, [0..1, 2..8]);
    }
}
