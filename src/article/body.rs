//! An article's body: text shared, not copied, when an article is cloned,
//! and stored many bodies to a block.
//!
//! A refresh ([`crate::corpus::Corpus::refresh`]) builds a new corpus from
//! the articles of the files that did not change. Copying a hundred
//! thousand bodies (420 MB) took longer than the whole refresh may; a
//! shared buffer makes a clone a count.
//!
//! A body of its own allocation was rounded up to the allocator's next size
//! class (about 9% of the bodies' bytes) and had its own count beside it.
//! So a body is copied into the block its thread is filling
//! ([`BLOCK`] bytes, with no space left between bodies), and refers to its
//! bytes there: the block is freed when the last body in it is.

use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;

use bytes::{Bytes, BytesMut};

/// Cleaned text, one paragraph a line; reads as a `&str`. The empty body
/// allocates nothing: a million articles made from a listing have one each.
///
/// The bytes are always UTF-8: every body is made from a `str`, copied
/// whole, and a body's bytes are never changed.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Body(Option<Bytes>);

/// How many bytes of bodies one block holds: large enough that its unused
/// end is a small part (a body of 4 KB wastes 0.2% on average), small
/// enough that a block kept for a few surviving bodies costs little.
const BLOCK: usize = 1 << 20;

/// A body longer than this keeps the allocation it came in: its size
/// class rounds it up by at most an eighth, and it would waste much of a
/// block's end.
const OWN: usize = BLOCK / 16;

thread_local! {
    /// The unused end of the block this thread is filling.
    static FILLING: RefCell<BytesMut> = RefCell::new(BytesMut::new());
}

impl Body {
    pub fn as_str(&self) -> &str {
        let bytes = self.0.as_deref().unwrap_or_default();
        // SAFETY: a body's bytes are a whole `str`'s, copied or moved as
        // they were and never changed (see the type's invariant), so they
        // are UTF-8. Checking again on every read would cost a pass over
        // the text each time an article is searched or drawn.
        #[allow(unsafe_code)]
        unsafe {
            std::str::from_utf8_unchecked(bytes)
        }
    }

    /// `text`'s bytes in the block this thread is filling.
    fn in_block(text: &str) -> Bytes {
        FILLING.with_borrow_mut(|filling| {
            if filling.capacity() - filling.len() < text.len() {
                *filling = BytesMut::with_capacity(BLOCK);
            }
            filling.extend_from_slice(text.as_bytes());
            filling.split().freeze()
        })
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
        match text.len() > OWN {
            // Its own buffer, as it came: no copy.
            true => Self(Some(Bytes::from(text.into_bytes()))),
            false => Self::from(text.as_str()),
        }
    }
}

impl From<&str> for Body {
    fn from(text: &str) -> Self {
        // One empty body, whatever made it: equal, and equally ordered.
        match text.len() {
            0 => Self(None),
            len if len > OWN => Self(Some(Bytes::copy_from_slice(text.as_bytes()))),
            _ => Self(Some(Self::in_block(text))),
        }
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
    fn bodies_made_one_after_another_lie_end_to_end_in_one_block() {
        let first = Body::from("naïve café");
        let second = Body::from("北京".to_owned());
        let after_first = first.as_str().as_bytes().as_ptr_range().end;
        assert_eq!(second.as_str().as_ptr(), after_first);
        assert_eq!((first.as_str(), second.as_str()), ("naïve café", "北京"));
    }

    #[test]
    fn a_body_that_does_not_fit_starts_a_block_and_the_others_stay() {
        let paragraph = "word ".repeat(OWN / 5);
        let bodies: Vec<Body> = (0..2 * BLOCK / OWN + 1)
            .map(|_| Body::from(paragraph.as_str()))
            .collect();
        assert!(bodies.iter().all(|body| *body == paragraph));
        let starts = bodies.windows(2).filter(|pair| {
            let end = pair[0].as_str().as_bytes().as_ptr_range().end;
            pair[1].as_str().as_ptr() != end
        });
        assert!(starts.count() >= 2, "two blocks filled, a third begun");
    }

    #[test]
    fn a_long_body_keeps_its_own_buffer() {
        let text = "a".repeat(OWN + 1);
        let at = text.as_ptr();
        let body = Body::from(text);
        assert_eq!(body.as_str().as_ptr(), at);
        assert_eq!(body.len(), OWN + 1);
    }

    #[test]
    fn every_empty_body_is_the_same() {
        assert_eq!(Body::default(), Body::from(String::new()));
        assert_eq!(Body::default().as_str(), "");
        let (empty, a) = (Body::from(""), Body::from("a"));
        assert!(empty < a);
    }
}
