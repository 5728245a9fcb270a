//! [`Name`]: an id from the compiled plan (a component, a rule, an indicator) as results carry
//! it. Every result line names where it came from, and a rep's statement has one line per
//! transaction slice: an owned `String` per line was an allocation and a free per name per line.
//! A `Name` is shared instead — cloning one counts a reference — and the empty name (lines that
//! carry no names) allocates nothing. It reads and serializes as the text it holds.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A shared, immutable name; `Name::default()` is the empty name. It compares, orders and
/// hashes as its text (as `Borrow<str>` requires: a map keyed by names finds them by `&str`).
#[derive(Clone, Default)]
pub struct Name(Option<Arc<str>>);

impl PartialEq for Name {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Name {}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Name {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Name {
    /// The name as text.
    pub fn as_str(&self) -> &str {
        self.0.as_deref().unwrap_or("")
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Self {
        if s.is_empty() {
            Name(None)
        } else {
            Name(Some(Arc::from(s)))
        }
    }
}

impl From<String> for Name {
    fn from(s: String) -> Self {
        Name::from(s.as_str())
    }
}

impl From<&String> for Name {
    fn from(s: &String) -> Self {
        Name::from(s.as_str())
    }
}

impl From<&Name> for Name {
    fn from(n: &Name) -> Self {
        n.clone()
    }
}

impl From<Name> for String {
    fn from(n: Name) -> Self {
        n.as_str().to_string()
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == other.as_str()
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Name::from)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test
    use super::Name;

    #[test]
    fn reads_and_writes_as_its_text() {
        let n = Name::from("提成");
        assert_eq!(n, "提成");
        assert_eq!(n.to_string(), "提成");
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"提成\"");
        assert_eq!(format!("{n:?}"), "\"提成\"");
        assert_eq!(Name::from(""), Name::default());
        assert_eq!(serde_json::to_string(&Name::default()).unwrap(), "\"\"");
    }

    #[test]
    fn a_map_keyed_by_names_finds_them_by_text() {
        let map: std::collections::HashMap<Name, u8> = [(Name::from("提成"), 1), (Name::default(), 2)].into();
        assert_eq!(map.get("提成"), Some(&1));
        assert_eq!(map.get(""), Some(&2));
        let set: std::collections::BTreeSet<Name> = ["b", "", "a"].into_iter().map(Name::from).collect();
        assert_eq!(set.iter().map(Name::as_str).collect::<Vec<_>>(), ["", "a", "b"]);
    }
}
