//! Dates as feeds write them: text (RFC 3339, RFC 2822, `YYYY-MM-DD`) or
//! Unix seconds, milliseconds or microseconds.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde_json::value::RawValue;

use crate::corpus::warning::WarningKind;

/// A date field's JSON, as Unix seconds; what was wrong with it otherwise.
pub fn parse(raw: &RawValue, field: &str) -> Result<Option<i64>, WarningKind> {
    let json = raw.get();
    match json.as_bytes().first() {
        // Valid JSON already: without a backslash, the text is what is
        // between the quotes, read without a copy.
        Some(b'"') if !json.contains('\\') => parse_text(&json[1..json.len() - 1]).map(Some),
        Some(b'"') => {
            let text: Cow<str> = serde_json::from_str(json)
                .map_err(|e| WarningKind::BadEntry(format!("{field}: {e}")))?;
            parse_text(&text).map(Some)
        }
        Some(b'-' | b'0'..=b'9') => parse_number(json).map(Some),
        Some(b'n') => Ok(None),
        first => Err(WarningKind::BadField {
            field: field.to_owned(),
            expected: "a date as text or as Unix seconds".to_owned(),
            found: match first {
                Some(b't' | b'f') => "true or false",
                Some(b'[') => "a list",
                _ => "an object",
            }
            .to_owned(),
        }),
    }
}

/// Unix seconds, or a fraction of them as Python's `time.time()` writes.
fn parse_number(json: &str) -> Result<i64, WarningKind> {
    let seconds = match json.parse::<i64>() {
        Ok(n) => Some(timestamp_seconds(n)),
        // In range, the cast only drops the fraction.
        Err(_) => json
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && v.abs() < 9.2e18 && !is_integer(json))
            .map(|v| timestamp_seconds(v as i64)),
    };
    in_range(seconds.ok_or(()), json)
}

/// An integer too large for i64 is out of range, not a fraction.
fn is_integer(json: &str) -> bool {
    json.bytes().all(|b| b == b'-' || b.is_ascii_digit())
}

fn parse_text(text: &str) -> Result<i64, WarningKind> {
    let t = text.trim();
    // A Unix timestamp written as a string, `"1715500000"` (or with a
    // fraction), as the README promises.
    if !t.is_empty()
        && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && t.bytes().filter(|&b| b == b'.').count() <= 1
    {
        return parse_number(t);
    }
    // The ISO forms first, through FromStr: chrono's format-string parsers
    // re-read the format on every call, which showed in load profiles.
    let seconds = match t.as_bytes().get(10) {
        None => plain_date(t)
            .or_else(|| t.parse::<NaiveDate>().ok())
            .map(midnight),
        Some(b'T' | b't' | b' ') => DateTime::parse_from_rfc3339(t)
            .map(|d| d.timestamp())
            .ok()
            .or_else(|| {
                t.replacen(' ', "T", 1)
                    .parse::<NaiveDateTime>()
                    .ok()
                    .map(|d| d.and_utc().timestamp())
            }),
        Some(_) => None,
    };
    let seconds = seconds.or_else(|| DateTime::parse_from_rfc2822(t).ok().map(|d| d.timestamp()));
    in_range(seconds.ok_or(()), t)
}

/// Unix timestamps come in seconds, milliseconds or microseconds: anything
/// past the year 5000 in one unit is taken as the next.
fn timestamp_seconds(n: i64) -> i64 {
    match n.unsigned_abs() {
        0..=100_000_000_000 => n,
        100_000_000_001..=100_000_000_000_000 => n / 1_000,
        _ => n / 1_000_000,
    }
}

/// Only years 1 to 9999: every date then prints as `YYYY-MM-DD`.
fn in_range(seconds: Result<i64, ()>, shown: &str) -> Result<i64, WarningKind> {
    const FIRST: i64 = -62_135_596_800; // 0001-01-01
    const LAST: i64 = 253_402_300_799; // 9999-12-31 23:59:59
    match seconds {
        Ok(s) if (FIRST..=LAST).contains(&s) => Ok(s),
        _ => Err(WarningKind::BadDate(shown.to_owned())),
    }
}

/// `YYYY-MM-DD` read directly: the commonest form by far, and even
/// chrono's `FromStr` showed in load profiles.
fn plain_date(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(number(&b[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&b[5..7])?, number(&b[8..])?)
}

fn midnight(date: NaiveDate) -> i64 {
    date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp()
}
