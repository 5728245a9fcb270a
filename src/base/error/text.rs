//! [`Text`]: one fact of an error (its `name`, what was `expected`, what was `found`), either a
//! [`Phrase`] of the catalogue or a value shown as written.

use super::phrases::Phrase;
use crate::base::locale::Locale;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// One fact of an error message: a [`Phrase`] of the catalogue (worded by each locale, with the
/// values its `{0}`, `{1}`… stand for), or a value shown as written in every locale (an id, a key,
/// a number, a path, text the user gave).
///
/// A `Text` reads as its English form (`Deref<Target = str>`, `Display`, and it serializes so):
/// for a phrase its wire text, for a value the value. That is what `detail` carries to callers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    /// The English form.
    wire: Cow<'static, str>,
    /// The phrase, when it is one.
    phrase: Option<Phrase>,
    /// The values of the phrase's `{0}`, `{1}`….
    args: Vec<String>,
}

impl Text {
    /// A value shown as written, in every locale.
    pub fn value(value: impl fmt::Display) -> Text {
        Text { wire: Cow::Owned(value.to_string()), phrase: None, args: Vec::new() }
    }

    /// A phrase with the values of its `{0}`, `{1}`… (see [`Phrase::with`]).
    pub(super) fn phrase_with(phrase: Phrase, args: Vec<String>) -> Text {
        let wire = if args.is_empty() { Cow::Borrowed(phrase.wire()) } else { Cow::Owned(fill(phrase.wire(), &args)) };
        Text { wire, phrase: Some(phrase), args }
    }

    /// A text from its English form, as `document.js` and `record.js` send it: the phrase whose
    /// wire text it is, else a value.
    pub fn from_wire(text: &str) -> Text {
        Phrase::from_wire(text).map_or_else(|| Text::value(text), Text::from)
    }

    /// The phrase, when this is one.
    pub fn phrase(&self) -> Option<Phrase> {
        self.phrase
    }

    /// The values filled into the phrase (for a value: none).
    pub fn args(&self) -> &[String] {
        &self.args
    }

    /// The English form (what `detail` carries).
    pub fn as_str(&self) -> &str {
        &self.wire
    }

    /// How it reads in a message in `locale`.
    pub fn render(&self, locale: Locale) -> Cow<'_, str> {
        match self.phrase {
            None => Cow::Borrowed(&self.wire),
            Some(p) => {
                let template = match locale {
                    Locale::ZhCn => p.zh(),
                    Locale::En => p.en(),
                };
                if self.args.is_empty() {
                    Cow::Borrowed(template)
                } else {
                    Cow::Owned(fill(template, &self.args))
                }
            }
        }
    }
}

/// `template` with `{0}`, `{1}`… replaced by `args`.
pub(super) fn fill(template: &str, args: &[String]) -> String {
    let mut out = template.to_string();
    for (i, arg) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), arg);
    }
    out
}

impl From<Phrase> for Text {
    fn from(phrase: Phrase) -> Text {
        Text::phrase_with(phrase, Vec::new())
    }
}

impl From<String> for Text {
    fn from(value: String) -> Text {
        Text { wire: Cow::Owned(value), phrase: None, args: Vec::new() }
    }
}

impl From<&str> for Text {
    fn from(value: &str) -> Text {
        Text::from(value.to_string())
    }
}

impl From<&String> for Text {
    fn from(value: &String) -> Text {
        Text::from(value.clone())
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.wire
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.wire)
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.wire)
    }
}
