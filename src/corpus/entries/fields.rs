//! One entry's fields as feeds spell them, read leniently: a field of an
//! unexpected shape (a number for a URL, a list for a title, a key given
//! twice) is noted and ignored, and the rest of the entry is kept.
//!
//! Deserialized by hand rather than derived: a derived struct fails whole
//! at its first bad field, and serde's untagged enums word their failures
//! in its own terms ("data did not match any variant"), which no user
//! should read. Text borrows from the input where JSON has no escapes in
//! it, so bodies are copied once, by cleaning, not twice.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::corpus::warning::WarningKind;

/// The fields byline reads, by their index in [`RawArticle::fields`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
pub enum Field {
    Title,
    Headline,
    Body,
    ContentHtml,
    ContentText,
    Content,
    Text,
    Description,
    Summary,
    Url,
    Link,
    Source,
    Author,
    Authors,
    Section,
    Category,
    Tags,
    /// The entry's own stable key (the archive's items have one).
    Id,
    /// The archive's mark of an item whose page was fetched whole.
    FullText,
    // Dates, kept as raw JSON: a number such as 1e999 is an error to
    // serde_json as soon as it reads it as a number.
    Date,
    PublishedAt,
    Published,
    DatePublished,
    PubDate,
    /// When the archive first fetched the item: what makes it new.
    FirstSeen,
}

const COUNT: usize = Field::FirstSeen as usize + 1;

impl Field {
    fn of(key: &str) -> Option<Self> {
        use Field::*;
        Some(match key {
            "title" => Title,
            "headline" => Headline,
            "body" => Body,
            "content_html" => ContentHtml,
            "content_text" => ContentText,
            "content" => Content,
            "text" => Text,
            "description" => Description,
            "summary" => Summary,
            "url" => Url,
            "link" => Link,
            "source" => Source,
            "author" => Author,
            "authors" => Authors,
            "section" => Section,
            "category" => Category,
            "tags" => Tags,
            "id" => Id,
            "full_text" => FullText,
            "date" => Date,
            "publishedAt" => PublishedAt,
            "published" => Published,
            "date_published" => DatePublished,
            "pubDate" => PubDate,
            "first_seen" => FirstSeen,
            _ => return None,
        })
    }

    /// The name as feeds spell it, for warnings.
    pub fn name(self) -> &'static str {
        use Field::*;
        match self {
            Title => "title",
            Headline => "headline",
            Body => "body",
            ContentHtml => "content_html",
            ContentText => "content_text",
            Content => "content",
            Text => "text",
            Description => "description",
            Summary => "summary",
            Url => "url",
            Link => "link",
            Source => "source",
            Author => "author",
            Authors => "authors",
            Section => "section",
            Category => "category",
            Tags => "tags",
            Id => "id",
            FullText => "full_text",
            Date => "date",
            PublishedAt => "publishedAt",
            Published => "published",
            DatePublished => "date_published",
            PubDate => "pubDate",
            FirstSeen => "first_seen",
        }
    }

    fn is_date(self) -> bool {
        self as usize >= Field::Date as usize
    }
}

/// Any JSON value, kept only as far as byline reads it.
#[derive(Debug)]
pub enum Value<'a> {
    Text(Cow<'a, str>),
    Number,
    Bool(bool),
    Null,
    List(Vec<Value<'a>>),
    /// An object: only its `name` is read (NewsAPI's `source`, JSON Feed's
    /// authors).
    Object(Option<Cow<'a, str>>),
    /// A date field's JSON, unparsed.
    Raw(&'a RawValue),
}

impl Value<'_> {
    /// What the value is, for a warning about it.
    pub fn shape(&self) -> &'static str {
        match self {
            Value::Text(_) => "text",
            Value::Number => "a number",
            Value::Bool(_) => "true or false",
            Value::Null => "null",
            Value::List(_) => "a list",
            Value::Object(_) => "an object",
            Value::Raw(_) => "JSON",
        }
    }
}

/// An entry's known fields, and what was wrong with its shape.
#[derive(Debug)]
pub struct RawArticle<'a> {
    fields: [Option<Value<'a>>; COUNT],
    pub notes: Vec<WarningKind>,
}

impl<'a> RawArticle<'a> {
    pub fn take(&mut self, field: Field) -> Option<Value<'a>> {
        self.fields[field as usize].take()
    }
}

impl<'de: 'a, 'a> de::Deserialize<'de> for RawArticle<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ArticleVisitor(std::marker::PhantomData))
    }
}

struct ArticleVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for ArticleVisitor<'a> {
    type Value = RawArticle<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an article (a JSON object)")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut raw = RawArticle {
            fields: std::array::from_fn(|_| None),
            notes: Vec::new(),
        };
        while let Some(Key(key)) = map.next_key()? {
            let Some(field) = Field::of(&key) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if raw.fields[field as usize].is_some() {
                map.next_value::<IgnoredAny>()?;
                let note = WarningKind::DuplicateField(field.name().to_owned());
                raw.notes.push(note);
                continue;
            }
            let value = if field.is_date() {
                Value::Raw(map.next_value()?)
            } else {
                map.next_value::<Value>()?
            };
            raw.fields[field as usize] = Some(value);
        }
        Ok(raw)
    }
}

/// A key, borrowed when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> de::Deserialize<'de> for Key<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_str(ValueVisitor(std::marker::PhantomData))? {
            Value::Text(text) => Ok(Key(text)),
            _ => Err(de::Error::custom("key must be a string")),
        }
    }
}

impl<'de: 'a, 'a> de::Deserialize<'de> for Value<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor(std::marker::PhantomData))
    }
}

struct ValueVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for ValueVisitor<'a> {
    type Value = Value<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Value::Text(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Value::Text(Cow::Owned(v.to_owned())))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Value::Number)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Value::Number)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Value::Number)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::List(items))
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut name = None;
        while let Some(Key(key)) = map.next_key()? {
            if key != "name" || name.is_some() {
                map.next_value::<IgnoredAny>()?;
            } else if let Value::Text(text) = map.next_value()? {
                name = Some(text);
            }
        }
        Ok(Value::Object(name))
    }
}
