//! An article's body: text shared, not copied, when an article is cloned.
//!
//! A refresh ([`crate::corpus::Corpus::refresh`]) builds a new corpus from
//! the articles of the files that did not change. Copying a hundred
//! thousand bodies (420 MB) took longer than the whole refresh may; an
//! `Arc` makes a clone a count. `Arc<String>`, not `Arc<str>`, so that the
//! parser's `String` becomes a body without a copy either.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Cleaned text, one paragraph a line; reads as a `&str`. The empty body
/// allocates nothing: a million articles made from a listing have one each.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Body(Option<Arc<String>>);

impl Body {
    pub fn as_str(&self) -> &str {
        self.0.as_deref().map_or("", String::as_str)
    }
}

impl Deref for Body {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Body {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        // One empty body, whatever made it: equal, and equally ordered.
        Self((!text.is_empty()).then(|| Arc::new(text)))
    }
}

impl From<&str> for Body {
    fn from(text: &str) -> Self {
        Self::from(text.to_owned())
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl PartialEq<str> for Body {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Body {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Body {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_shares_the_text() {
        let body = Body::from("one\ntwo".to_owned());
        let copy = body.clone();
        assert!(std::ptr::eq(body.as_str(), copy.as_str()));
        assert_eq!(copy, "one\ntwo");
        assert_eq!(copy.split('\n').count(), 2);
    }

    #[test]
    fn every_empty_body_is_the_same() {
        assert_eq!(Body::default(), Body::from(String::new()));
        assert_eq!(Body::default().as_str(), "");
        let (empty, a) = (Body::from(""), Body::from("a"));
        assert!(empty < a);
    }
}
