//! The full-text query language: bare words must all appear, `"quoted
//! phrases"` must appear in that order, `-word` must not appear, and
//! `word*` stands for every word that starts so.

use super::tokens;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// A word, as a token (a bare CJK run gives several, all required).
    Word(String),
    /// Tokens that start with this.
    Prefix(String),
    /// Tokens in this order, next to each other.
    Phrase(Vec<String>),
    /// Like a phrase, its last token standing for every token starting so
    /// (`"prime minis*"`).
    PrefixPhrase(Vec<String>),
    /// None of these tokens together.
    Exclude(Vec<String>),
}

/// A parsed query: every clause must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextQuery {
    pub clauses: Vec<Clause>,
}

impl TextQuery {
    pub fn parse(query: &str) -> Self {
        let mut clauses = Vec::new();
        let mut rest = query;
        while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
            rest = &rest[start..];
            let (piece, after) = next_piece(rest);
            rest = after;
            clauses.extend(clauses_of(piece));
        }
        Self { clauses }
    }

    /// The tokens that should be highlighted and scored.
    pub fn positive_words(&self) -> impl Iterator<Item = &str> {
        self.clauses
            .iter()
            .flat_map(|c| match c {
                Clause::Word(w) => std::slice::from_ref(w),
                Clause::Phrase(words) => words.as_slice(),
                Clause::PrefixPhrase(words) => &words[..words.len().saturating_sub(1)],
                Clause::Prefix(_) | Clause::Exclude(_) => &[],
            })
            .map(String::as_str)
    }

    pub fn prefixes(&self) -> impl Iterator<Item = &str> {
        self.clauses.iter().filter_map(|c| match c {
            Clause::Prefix(p) => Some(p.as_str()),
            Clause::PrefixPhrase(words) => words.last().map(String::as_str),
            _ => None,
        })
    }

    /// Whether `token` is one the query looks for (to highlight it).
    pub fn wants(&self, token: &str) -> bool {
        self.positive_words().any(|w| w == token) || self.prefixes().any(|p| token.starts_with(p))
    }

    /// The words to set in-article find to when a hit opens.
    pub fn find_words(&self) -> String {
        let mut words: Vec<&str> = self.positive_words().collect();
        words.extend(self.prefixes());
        words.join(" ")
    }
}

/// The query written back in its own syntax, as parsed (lower case,
/// folded): parsing it again gives the same clauses.
impl std::fmt::Display for TextQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, clause) in self.clauses.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            match clause {
                Clause::Word(w) => f.write_str(w)?,
                Clause::Prefix(p) => write!(f, "{p}*")?,
                Clause::Phrase(words) => write!(f, "\"{}\"", words.join(" "))?,
                Clause::PrefixPhrase(words) => write!(f, "\"{}*\"", words.join(" "))?,
                Clause::Exclude(words) => write!(f, "-\"{}\"", words.join(" "))?,
            }
        }
        Ok(())
    }
}

/// One space-separated piece, or one quoted phrase (with its `-`).
fn next_piece(text: &str) -> (&str, &str) {
    let quote = if text.starts_with("-\"") { 1 } else { 0 };
    if text[quote..].starts_with('"') {
        let body = &text[quote + 1..];
        return match body.find('"') {
            Some(end) => (&text[..quote + 1 + end + 1], &body[end + 1..]),
            None => (text, ""),
        };
    }
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    (&text[..end], &text[end..])
}

fn clauses_of(piece: &str) -> Vec<Clause> {
    let (exclude, piece) = match piece.strip_prefix('-') {
        Some(rest) if !rest.is_empty() => (true, rest),
        _ => (false, piece),
    };
    let quoted = piece.starts_with('"');
    let inner = piece.trim_matches('"');
    let prefix = inner.ends_with('*');
    let words = tokens::collect(inner.trim_end_matches('*'));
    if words.is_empty() {
        return Vec::new();
    }
    if exclude {
        return vec![Clause::Exclude(words)];
    }
    if quoted && words.len() > 1 {
        return vec![match prefix {
            true => Clause::PrefixPhrase(words),
            false => Clause::Phrase(words),
        }];
    }
    let last = words.len() - 1;
    words
        .into_iter()
        .enumerate()
        .map(|(i, w)| match (prefix && i == last) || lone_cjk(&w) {
            true => Clause::Prefix(w),
            false => Clause::Word(w),
        })
        .collect()
}

/// One CJK character is indexed only inside bigrams: it is looked for as
/// their start.
fn lone_cjk(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if tokens::is_cjk(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Clause::*;

    fn parsed(q: &str) -> Vec<Clause> {
        TextQuery::parse(q).clauses
    }

    #[test]
    fn words_phrases_exclusions_and_prefixes() {
        assert_eq!(
            parsed(r#"Blair "general election" -Brown minist*"#),
            [
                Word("blair".into()),
                Phrase(vec!["general".into(), "election".into()]),
                Exclude(vec!["brown".into()]),
                Prefix("minist".into()),
            ]
        );
        assert_eq!(
            parsed(r#"-"tony blair""#),
            [Exclude(vec!["tony".into(), "blair".into()])]
        );
        assert_eq!(
            parsed(r#""unclosed phrase"#),
            [Phrase(vec!["unclosed".into(), "phrase".into()])]
        );
        assert_eq!(parsed("  - * \"\" "), []);
    }

    #[test]
    fn cjk_words_are_bigrams_all_required() {
        assert_eq!(
            parsed("中非合作"),
            [
                Word("中非".into()),
                Word("非合".into()),
                Word("合作".into())
            ]
        );
        assert_eq!(parsed("zürich"), [Word("zurich".into())]);
        assert_eq!(parsed("中"), [Prefix("中".into())]);
    }

    #[test]
    fn prefixes_in_phrases() {
        assert_eq!(
            parsed(r#""prime minis*" "minis*""#),
            [
                PrefixPhrase(vec!["prime".into(), "minis".into()]),
                Prefix("minis".into())
            ]
        );
        let q = TextQuery::parse(r#""prime minis*""#);
        assert_eq!(q.positive_words().collect::<Vec<_>>(), ["prime"]);
        assert_eq!(q.prefixes().collect::<Vec<_>>(), ["minis"]);
    }

    proptest::proptest! {
        /// Any text parses, into clauses that each hold a word.
        #[test]
        fn anything_parses(query in "\\PC{0,40}") {
            for clause in TextQuery::parse(&query).clauses {
                let empty = match &clause {
                    Word(w) | Prefix(w) => w.is_empty(),
                    Phrase(ws) | PrefixPhrase(ws) | Exclude(ws) => ws.is_empty() || ws.iter().any(String::is_empty),
                };
                proptest::prop_assert!(!empty, "{:?} from {:?}", clause, query);
            }
        }

        /// A query written back parses to the same clauses, whatever mix
        /// of words, prefixes, phrases and exclusions it held.
        #[test]
        fn written_back_parses_the_same(
            pieces in proptest::collection::vec(
                ("[-\"]?", "[a-zA-Zé中非0-9]{1,4}( [a-zé中非]{1,4}){0,2}", "[*\"]?"),
                0..5,
            ),
        ) {
            let text: Vec<String> = pieces.iter().map(|(a, w, b)| format!("{a}{w}{b}")).collect();
            let query = TextQuery::parse(&text.join(" "));
            let again = TextQuery::parse(&query.to_string());
            proptest::prop_assert_eq!(&again, &query, "{}", query);
        }
    }
}
