//! SkimMatcherV2's scoring rules, shared by the one-character shortcut, the
//! two-character pass ([`super::pair`]) and the matrix ([`super::matrix`]).

/// SkimMatcherV2's default scoring constants (`SkimScoreConfig::default`).
pub(super) const SCORE_MATCH: i32 = 16;
pub(super) const GAP_START: i32 = -3;
pub(super) const GAP_EXTENSION: i32 = -1;
pub(super) const PENALTY_CASE_MISMATCH: i32 = 2 * GAP_EXTENSION;
pub(super) const BONUS_HEAD: i32 = SCORE_MATCH / 2;
pub(super) const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
pub(super) const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
pub(super) const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
pub(super) const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;

/// SkimMatcherV2's "minus infinity" for a cell that cannot end a match.
pub(super) const NEG_INF: i32 = i16::MIN as i32;

/// One character of a title or query: a byte of ASCII text, or a char.
pub(super) trait Unit: Copy {
    fn char(self) -> char;
}

impl Unit for u8 {
    fn char(self) -> char {
        char::from(self)
    }
}

impl Unit for char {
    fn char(self) -> char {
        self
    }
}

/// SkimMatcherV2's character classes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

impl CharType {
    #[inline]
    pub(super) fn of(ch: char) -> Self {
        match ch {
            '\0' => CharType::Empty,
            ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
            '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
            '0'..='9' => CharType::Number,
            'A'..='Z' => CharType::Upper,
            _ => CharType::Lower,
        }
    }
}

/// SkimMatcherV2's bonus for where a character stands: after a separator
/// or at the start, after punctuation, or at a camel-case hump.
#[inline]
pub(super) fn in_place_bonus(prev: CharType, cur: CharType) -> i32 {
    use CharType::*;
    match (prev, cur) {
        (Empty | HardSep, _) => BONUS_HEAD,
        (SoftSep, _) => BONUS_BREAK,
        (Lower | Number, Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// SkimMatcherV2's score for `c` standing for `p`: `None` when they differ
/// (ASCII case folded unless `case_sensitive`), less when only by case.
pub(super) fn match_score(c: char, p: char, case_sensitive: bool) -> Option<i32> {
    let equal = if case_sensitive {
        c == p
    } else {
        c.eq_ignore_ascii_case(&p)
    };
    if !equal {
        return None;
    }
    let mismatch = if c == p { 0 } else { PENALTY_CASE_MISMATCH };
    Some((SCORE_MATCH + mismatch).max(0))
}

/// Where each pattern character first matches, greedily; `false` when one
/// does not (SkimMatcherV2's `cheap_matches`).
pub(super) fn first_matches<U: Unit>(
    choice: &[U],
    pattern: &[U],
    case_sensitive: bool,
    out: &mut Vec<usize>,
) -> bool {
    out.clear();
    let mut want = pattern.iter().peekable();
    for (at, &c) in choice.iter().enumerate() {
        let Some(&&p) = want.peek() else {
            break;
        };
        if match_score(c.char(), p.char(), case_sensitive).is_some() {
            out.push(at);
            want.next();
        }
    }
    want.peek().is_none()
}
