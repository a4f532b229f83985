//! fzf's extended-search syntax: terms separated by spaces must all match,
//! in any order; `'exact`, `^prefix`, `suffix$`, `^equal$`, `!exclude`
//! (exact unless `!'fuzzy`), `a | b` for either, `\ ` for a literal space.
//! Smart case looks at the whole query, by Unicode case; terms are folded
//! as titles are (see [`super::fold`]).

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::fold::{case_sensitive, fold_str};
use super::prefilter::whole_word;
use super::score::{Scorer, Scratch};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Fuzzy,
    Exact,
    Prefix,
    Suffix,
    Equal,
}

pub(super) struct Term {
    pub(super) kind: Kind,
    pub(super) inverse: bool,
    /// Folded, and lower-cased when case is ignored.
    pub(super) text: String,
    scorer: Scorer,
}

/// A parsed query: every group must match, and a group matches when any
/// of its terms does.
pub(super) struct Extended {
    pub(super) groups: Vec<Vec<Term>>,
    pub(super) ignore_case: bool,
}

impl Extended {
    pub(super) fn parse(query: &str) -> Self {
        let ignore_case = !case_sensitive(query);
        let mut groups: Vec<Vec<Term>> = Vec::new();
        let mut after_bar = false;
        for token in tokens(query) {
            if token == "|" && !groups.is_empty() && !after_bar {
                after_bar = true;
                continue;
            }
            let Some(term) = Term::parse(&token, ignore_case) else {
                after_bar = false;
                continue;
            };
            match groups.last_mut() {
                Some(group) if after_bar => group.push(term),
                _ => groups.push(vec![term]),
            }
            after_bar = false;
        }
        Self {
            groups,
            ignore_case,
        }
    }

    /// The text of the query's one term when it is a single fuzzy term:
    /// ranking keeps its fast path for those.
    pub(super) fn plain(&self) -> Option<&str> {
        match self.groups.as_slice() {
            [group] => match group.as_slice() {
                [t] if t.kind == Kind::Fuzzy && !t.inverse => Some(&t.text),
                _ => None,
            },
            _ => None,
        }
    }

    /// The summed score of the terms that matched, and whether each stands
    /// as a whole word; `None` when `title` (folded) does not match.
    ///
    /// With `enters`, a title is first asked whether it could place: given
    /// whether the query could stand in it as whole words and a bound of
    /// its score ([`Extended::best_case`]); `None` when it could not.
    pub(super) fn score(
        &self,
        title: &str,
        scratch: &mut Scratch,
        enters: Option<impl Fn(bool, i64) -> bool>,
    ) -> Option<(i64, bool)> {
        if let Some(enters) = enters {
            // A group of exclusions alone adds nothing to the score and
            // costs one search: a title it refuses needs no bound.
            let exclusions = self.groups.iter().filter(|g| g.iter().all(|t| t.inverse));
            for group in exclusions {
                self.first_match(group, title, scratch)?;
            }
            let (word, bound) = self.best_case(title);
            if !enters(word, bound) {
                return None;
            }
        }
        let (mut score, mut word) = (0, true);
        for group in &self.groups {
            let (term, s) = self.first_match(group, title, scratch)?;
            if !term.inverse {
                score += s;
                word &= whole_word(title, &term.text, self.ignore_case);
            }
        }
        let positive = self.groups.iter().flatten().any(|t| !t.inverse);
        Some((score, word && positive))
    }

    /// Whether the terms could stand as whole words, and a bound of the
    /// score, without scoring: a group adds the score of its first term
    /// that matches, so at most the best bound of its terms (0 for an
    /// exclusion), and is a whole word only if one of its terms is.
    fn best_case(&self, title: &str) -> (bool, i64) {
        let (mut word, mut bound) = (true, 0);
        for group in &self.groups {
            let (mut group_word, mut group_bound) = (false, None);
            for term in group {
                if term.inverse {
                    group_word = true;
                    group_bound = group_bound.max(Some(0));
                } else {
                    group_word |= whole_word(title, &term.text, self.ignore_case);
                    group_bound = group_bound.max(Some(term.scorer.bound(title)));
                }
            }
            word &= group_word;
            bound += group_bound.unwrap_or(0);
        }
        let positive = self.groups.iter().flatten().any(|t| !t.inverse);
        (word && positive, bound)
    }

    /// The char indices of `title` (folded) that the query's terms
    /// matched, sorted; empty when it does not match.
    pub(super) fn positions(&self, title: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        for group in &self.groups {
            let Some((term, _)) = self.first_match(group, title, &mut scratch) else {
                return Vec::new();
            };
            if !term.inverse {
                out.extend(term.positions(title, self.ignore_case));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The first term of `group` that `title` satisfies, with its score
    /// (0 for an exclusion), as fzf takes the first of an OR group.
    fn first_match<'t>(
        &'t self,
        group: &'t [Term],
        title: &str,
        scratch: &mut Scratch,
    ) -> Option<(&'t Term, i64)> {
        group
            .iter()
            .find_map(|t| Some((t, t.satisfied(title, self.ignore_case, scratch)?)))
    }
}

/// The query split at unescaped spaces; `\ ` becomes a space in its term.
fn tokens(query: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = query.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&' ') => {
                current.push(' ');
                chars.next();
            }
            ' ' => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

impl Term {
    /// One token as fzf reads it; `None` when only operators remain.
    fn parse(token: &str, ignore_case: bool) -> Option<Self> {
        let mut text = token;
        let (mut kind, mut inverse) = (Kind::Fuzzy, false);
        if let Some(rest) = text.strip_prefix('!') {
            (kind, inverse, text) = (Kind::Exact, true, rest);
        }
        if text != "$"
            && let Some(rest) = text.strip_suffix('$')
        {
            (kind, text) = (Kind::Suffix, rest);
        }
        if let Some(rest) = text.strip_prefix('\'') {
            // fzf flips exactness: `'a` is exact, `!'a` a fuzzy exclusion.
            kind = if inverse { Kind::Fuzzy } else { Kind::Exact };
            text = rest;
        } else if let Some(rest) = text.strip_prefix('^') {
            kind = if kind == Kind::Suffix {
                Kind::Equal
            } else {
                Kind::Prefix
            };
            text = rest;
        }
        if text.is_empty() {
            return None;
        }
        let text = fold_str(text, ignore_case);
        let scorer = Scorer::with_case(&text, !ignore_case);
        Some(Self {
            kind,
            inverse,
            text,
            scorer,
        })
    }

    /// The term's score when `title` satisfies it (0 for an exclusion).
    /// Non-fuzzy terms are scored as SkimMatcherV2 scores their text: a
    /// title holding it exactly holds it as a subsequence too.
    fn satisfied(&self, title: &str, ignore_case: bool, scratch: &mut Scratch) -> Option<i64> {
        let found = match self.kind {
            Kind::Fuzzy => self.scorer.score(title, scratch),
            _ => self
                .span(title, ignore_case)
                .map(|_| self.scorer.score(title, scratch).unwrap_or(0)),
        };
        match (found, self.inverse) {
            (Some(score), false) => Some(score),
            (None, true) => Some(0),
            _ => None,
        }
    }

    /// Where a non-fuzzy term stands in `title`, as a byte range.
    fn span(&self, title: &str, ignore_case: bool) -> Option<(usize, usize)> {
        let n = self.text.len();
        let same = |a: &str| match ignore_case {
            true => a.eq_ignore_ascii_case(&self.text),
            false => a == self.text,
        };
        let trimmed = title.trim();
        let lead = title.len() - title.trim_start().len();
        let at = match self.kind {
            Kind::Fuzzy => return None,
            Kind::Exact => find(title, &self.text, ignore_case)?,
            Kind::Prefix => lead + (trimmed.get(..n).is_some_and(same)).then_some(0)?,
            Kind::Suffix => {
                let start = trimmed.len().checked_sub(n)?;
                lead + (trimmed.get(start..).is_some_and(same)).then_some(start)?
            }
            Kind::Equal => lead + same(trimmed).then_some(0)?,
        };
        Some((at, at + n))
    }

    fn positions(&self, title: &str, ignore_case: bool) -> Vec<usize> {
        if self.kind == Kind::Fuzzy {
            return fuzzy(ignore_case)
                .fuzzy_indices(title, &self.text)
                .map(|(_, p)| p)
                .unwrap_or_default();
        }
        let Some((start, end)) = self.span(title, ignore_case) else {
            return Vec::new();
        };
        let first = title[..start].chars().count();
        (first..first + title[start..end].chars().count()).collect()
    }
}

/// A fresh matcher with the query's case rule (SkimMatcherV2 can carry
/// state from one call to the next).
fn fuzzy(ignore_case: bool) -> SkimMatcherV2 {
    match ignore_case {
        true => SkimMatcherV2::default().ignore_case(),
        false => SkimMatcherV2::default().respect_case(),
    }
}

/// The byte offset of the first `needle` in `hay`, ASCII case folded when
/// `ignore_case` (non-ASCII letters were lower-cased by folding).
fn find(hay: &str, needle: &str, ignore_case: bool) -> Option<usize> {
    if !ignore_case {
        return hay.find(needle);
    }
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = *n.first()?;
    let last = h.len().checked_sub(n.len())?;
    let (a, b) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    memchr::memchr2_iter(a, b, &h[..=last]).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
#[path = "extended_tests.rs"]
mod tests;
