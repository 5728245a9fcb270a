//! Where in a JSON text serde failed, as a JSON pointer.
//!
//! `serde_json` reports an error's position as a line and a byte column. This module scans the
//! text up to that position and names the value, key or container serde was working on, with the
//! rules of a path-tracking deserializer: an error in a member's value points at the member
//! (`/fields/0/type`), an unknown key at the key (`/fields/0/lable`), and an error between
//! members, a missing key or a duplicate key at the object (`/metrics/0`).
//!
//! A position alone can be ambiguous: an error in a member's value that is found only after the
//! value was read (a buffered enum's content) is reported after its object's closing brace, where
//! the object's own errors (a missing key) are reported too. [`locate`] then asks the caller to
//! parse the text cut after the last member: only the member's error happens again.

use crate::base::error::pointer_segment;

/// What went wrong at the position, as far as the pointer is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    /// A value did not fit its type (serde's data errors: unknown or missing key, bad value).
    Data {
        /// The error found at a key is about its object: a duplicate key, or an enum's variant
        /// written as a key.
        object: bool,
    },
    /// The text is not JSON at (or before) the position.
    Syntax,
    /// More after the members a container's type reads (a trailing comma, or too many
    /// elements): serde_json reports it at the byte after the one it peeked at.
    Trailing,
    /// The text ends before the document does.
    Eof,
}

/// The byte offset of a `serde_json` error position (1-based line, byte column), clamped to the
/// text.
pub(crate) fn offset(json: &str, line: usize, column: usize) -> usize {
    let start = match line.checked_sub(2) {
        None => 0,
        Some(newlines) => json.match_indices('\n').nth(newlines).map_or(json.len(), |(i, _)| i.saturating_add(1)),
    };
    start.saturating_add(column).min(json.len())
}

/// The JSON pointer of what a deserializer of `json` was reading when it failed with `fault` at
/// byte offset `at` (see the module documentation). `fails_again(cut)` says whether the same
/// error happens when only `json[..cut]` is read (only asked for a data error found right after
/// a container closed).
pub(crate) fn locate(json: &str, at: usize, fault: Fault, fails_again: impl Fn(usize) -> bool) -> String {
    // At the end of the text, an end-of-input error is a syntax error like any other.
    let stop = match fault {
        Fault::Eof => usize::MAX,
        Fault::Trailing => at.saturating_sub(1),
        Fault::Data { .. } | Fault::Syntax => at,
    };
    let mut scan = Scan { json, pos: 0, frames: Vec::new(), phase: Phase::ValueNext, closed: None };
    let stopped = scan.run(stop);
    if fault == Fault::Trailing {
        return scan.container();
    }
    match stopped {
        Stop::Reached => scan.at_position(fault, fails_again),
        Stop::Inside { key: true } => scan.container(),
        Stop::Inside { key: false } => scan.member(),
        Stop::Unexpected => scan.at_unexpected(),
    }
}

/// A container being read, and the member or element being read in it.
struct Frame {
    /// An object (else an array).
    object: bool,
    /// The current key of an object (once read).
    key: Option<String>,
    /// The current element of an array.
    index: usize,
    /// Where the last member's value ended.
    last_end: Option<usize>,
}

/// Where the scan is between tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// A value comes next (the root value, or a member's value after its `:`).
    ValueNext,
    /// After `[` (`comma: false`) or a `,` in an array: an element comes next.
    ElementNext { comma: bool },
    /// After `{` (`comma: false`) or a `,` in an object: a key comes next.
    KeyNext { comma: bool },
    /// After a key: a `:` comes next.
    AfterKey,
    /// After a value, which ended at `end` (`closed`: with a `}` or `]`).
    AfterValue { end: usize, closed: bool },
}

/// Why the scan stopped.
enum Stop {
    /// At the position.
    Reached,
    /// The position falls inside a string or other token (a key's, or a value's), or the token
    /// is malformed.
    Inside { key: bool },
    /// At a byte that cannot come next, or at the end of the text.
    Unexpected,
}

struct Scan<'a> {
    json: &'a str,
    pos: usize,
    frames: Vec<Frame>,
    phase: Phase,
    /// The container that closed last.
    closed: Option<Frame>,
}

impl Scan<'_> {
    fn run(&mut self, stop: usize) -> Stop {
        let bytes = self.json.as_bytes();
        loop {
            if self.pos >= stop {
                return Stop::Reached;
            }
            let Some(&b) = bytes.get(self.pos) else { return Stop::Unexpected };
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.pos = self.pos.saturating_add(1);
                continue;
            }
            match (self.phase, b) {
                (Phase::KeyNext { .. }, b'"') => {
                    let Some(end) = self.token_end().filter(|&end| end <= stop) else {
                        return Stop::Inside { key: true };
                    };
                    let key = self.json.get(self.pos..end).and_then(super::string_of);
                    if let Some(frame) = self.frames.last_mut() {
                        frame.key = key;
                    }
                    self.pos = end;
                    self.phase = Phase::AfterKey;
                }
                (Phase::KeyNext { comma: false }, b'}') | (Phase::ElementNext { comma: false }, b']') => self.close(),
                (Phase::AfterKey, b':') => {
                    self.pos = self.pos.saturating_add(1);
                    self.phase = Phase::ValueNext;
                }
                (Phase::AfterValue { .. }, b',' | b'}' | b']') => {
                    let Some(frame) = self.frames.last_mut() else { return Stop::Unexpected };
                    match (frame.object, b) {
                        (true, b',') => self.phase = Phase::KeyNext { comma: true },
                        (false, b',') => {
                            frame.index = frame.index.saturating_add(1);
                            self.phase = Phase::ElementNext { comma: true };
                        }
                        (true, b'}') | (false, b']') => {
                            self.close();
                            continue;
                        }
                        _ => return Stop::Unexpected,
                    }
                    self.pos = self.pos.saturating_add(1);
                }
                (Phase::ValueNext | Phase::ElementNext { .. }, b'{' | b'[') => {
                    self.frames.push(Frame { object: b == b'{', key: None, index: 0, last_end: None });
                    self.pos = self.pos.saturating_add(1);
                    self.phase =
                        if b == b'{' { Phase::KeyNext { comma: false } } else { Phase::ElementNext { comma: false } };
                }
                (Phase::ValueNext | Phase::ElementNext { .. }, b',' | b':' | b'}' | b']') => return Stop::Unexpected,
                (Phase::ValueNext | Phase::ElementNext { .. }, _) => {
                    let Some(end) = self.token_end().filter(|&end| end <= stop) else {
                        return Stop::Inside { key: false };
                    };
                    self.pos = end;
                    self.ended(false);
                }
                _ => return Stop::Unexpected,
            }
        }
    }

    /// The end of the string, number or literal at `pos`; none when it is malformed (as far as
    /// serde_json reads it) or the text ends inside it.
    fn token_end(&self) -> Option<usize> {
        let rest = self.json.get(self.pos..)?;
        let bytes = rest.as_bytes();
        let len = if bytes.first() == Some(&b'"') {
            let mut escaped = false;
            let close = bytes.iter().enumerate().skip(1).find_map(|(i, &b)| {
                let end = b == b'"' && !escaped;
                escaped = b == b'\\' && !escaped;
                end.then_some(i)
            })?;
            close.checked_add(1)?
        } else {
            ["true", "false", "null"]
                .iter()
                .find(|w| rest.starts_with(*w))
                .map(|w| w.len())
                .or_else(|| number_len(rest))?
        };
        self.pos.checked_add(len)
    }

    /// Consumes the closing `}` or `]` at `pos`: the container becomes a value that just ended.
    fn close(&mut self) {
        self.closed = self.frames.pop();
        self.pos = self.pos.saturating_add(1);
        self.ended(true);
    }

    /// A value ended at `pos`.
    fn ended(&mut self, closed: bool) {
        self.phase = Phase::AfterValue { end: self.pos, closed };
        if let Some(frame) = self.frames.last_mut() {
            frame.last_end = Some(self.pos);
        }
    }

    /// The pointer of the innermost container (the root when there is none).
    fn container(&self) -> String {
        let n = self.frames.len().saturating_sub(1);
        path(self.frames.iter().take(n))
    }

    /// The pointer of the current member of the innermost container (its key or element).
    fn member(&self) -> String {
        path(self.frames.iter())
    }

    /// The pointer of the element before the current one of the innermost array.
    fn previous_element(&self) -> String {
        let n = self.frames.len().saturating_sub(1);
        let index = self.frames.last().map_or(0, |f| f.index.saturating_sub(1));
        format!("{}/{index}", path(self.frames.iter().take(n)))
    }

    /// The pointer for an error reported at the scan's position.
    fn at_position(&self, fault: Fault, fails_again: impl Fn(usize) -> bool) -> String {
        match (self.phase, fault) {
            (Phase::KeyNext { .. }, _) => self.container(),
            // After a key: the key itself (unknown), or its object (see `Fault::Data`; no `:`).
            (Phase::AfterKey, Fault::Data { object: false }) => self.member(),
            (Phase::AfterKey, _) => self.container(),
            (Phase::ValueNext, _) => self.member(),
            // After a `,`: an error of the element before, found only once it was read (an
            // internally tagged enum; serde_json reports it after the separator) happens again
            // when the text is cut right after that element.
            (Phase::ElementNext { comma: true }, Fault::Data { .. })
                if self.frames.last().and_then(|f| f.last_end).is_some_and(&fails_again) =>
            {
                self.previous_element()
            }
            // At an element's start: the element is of the wrong type, or (when it happens
            // again without the element) the array is.
            (Phase::ElementNext { .. }, Fault::Data { .. }) if fails_again(self.pos) => self.container(),
            (Phase::ElementNext { .. }, Fault::Data { .. }) => self.member(),
            // A too deeply nested array.
            (Phase::ElementNext { .. }, _) => self.container(),
            // Right after a container, a data error is its own (a missing key), or its last
            // member's, found only once the container was read (an internally tagged enum): then
            // reading the text up to the end of that member fails the same way.
            (Phase::AfterValue { end, closed: true }, Fault::Data { .. }) if end == self.pos => {
                let last = self.closed.as_ref().filter(|c| c.last_end.is_some_and(&fails_again));
                match last {
                    Some(last) => path(self.frames.iter().chain(Some(last))),
                    None => self.member(),
                }
            }
            // After a value: that value (a bad value; or, further on, a member whose value was
            // only checked once read).
            (Phase::AfterValue { .. }, Fault::Data { .. }) => self.member(),
            // A syntax error at the end of a value (a number out of range, or not an enum), else
            // between members.
            (Phase::AfterValue { end, .. }, _) if end == self.pos => self.member(),
            (Phase::AfterValue { .. }, _) => self.container(),
        }
    }

    /// The pointer for a syntax error at the byte the scan stopped at (or the end of the text):
    /// the member whose value was being read, else the container.
    fn at_unexpected(&self) -> String {
        let end_or_bracket = matches!(self.json.as_bytes().get(self.pos), None | Some(b']'));
        match self.phase {
            Phase::ValueNext => self.member(),
            // serde_json reads an element only once it sees one (not the end, nor `]` after `,`).
            Phase::ElementNext { .. } if !end_or_bracket => self.member(),
            _ => self.container(),
        }
    }
}

/// The JSON pointer through the current members of `frames`.
fn path<'f>(frames: impl Iterator<Item = &'f Frame>) -> String {
    let mut out = String::new();
    for frame in frames {
        out.push('/');
        if frame.object {
            out.push_str(&pointer_segment(frame.key.as_deref().unwrap_or_default()));
        } else {
            out.push_str(&frame.index.to_string());
        }
    }
    out
}

/// The length of the JSON number at the start of `text` (`-`? (`0` | [1-9][0-9]*) (`.` [0-9]+)?
/// ([eE] [+-]? [0-9]+)?), read as serde_json does: none when it is malformed; what follows it is
/// not part of it.
pub(super) fn number_len(text: &str) -> Option<usize> {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let s = text.strip_prefix('-').unwrap_or(text);
    let int = digits(s);
    if int == 0 || (int > 1 && s.starts_with('0')) {
        return None;
    }
    let mut rest = s.get(int..)?;
    if let Some(frac) = rest.strip_prefix('.') {
        let n = digits(frac);
        rest = frac.get(n..).filter(|_| n > 0)?;
    }
    if let Some(exp) = rest.strip_prefix(['e', 'E']) {
        let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        let n = digits(exp);
        rest = exp.get(n..).filter(|_| n > 0)?;
    }
    text.len().checked_sub(rest.len())
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)] // offsets into the test texts
mod tests {
    use super::*;

    const DATA: Fault = Fault::Data { object: false };

    /// The pointer for an error at the first occurrence of `marker` (or just after it, with a
    /// leading `^`), when reading the text up to `cut` fails again only for the cuts in `again`.
    fn at(json: &str, marker: &str, fault: Fault, again: &[usize]) -> String {
        let at = match marker.strip_prefix('^') {
            Some(m) => json.find(m).unwrap() + m.len(),
            None => json.find(marker).unwrap(),
        };
        locate(json, at, fault, |cut| again.contains(&cut))
    }

    #[test]
    fn offsets_count_bytes_per_line() {
        let json = "{\n  \"回款\": x\n}";
        assert_eq!(offset(json, 1, 1), 1);
        // serde_json's columns count bytes: 回款 is six.
        assert_eq!(offset(json, 2, 13), json.find('x').unwrap() + 1);
        assert_eq!(offset(json, 9, 0), json.len());
        assert_eq!(offset(json, 0, 0), 0);
    }

    #[test]
    fn numbers_as_serde_json_reads_them() {
        for (text, len) in [("0", Some(1)), ("-12.5e+3,", Some(8)), ("1x", Some(1)), ("01", None), ("1.", None)] {
            assert_eq!(number_len(text), len, "{text}");
        }
        assert_eq!(number_len("-"), None);
        assert_eq!(number_len("1e"), None);
    }

    #[test]
    fn data_errors() {
        // After a key: the key; a key given twice, or a variant written as a key: its object.
        assert_eq!(at(r#"{"fields":[{"id":"a","lable":"x"}]}"#, ":\"x\"", DATA, &[]), "/fields/0/lable");
        assert_eq!(at(r#"{"a":{"x":1,"x":2}}"#, ":2", Fault::Data { object: true }, &[]), "/a");
        // After a value, or at its start: that value.
        assert_eq!(at(r#"{"fields":[{"type":"mony"}]}"#, "}]", DATA, &[]), "/fields/0/type");
        assert_eq!(at(r#"{"fields":{"id":"a"}}"#, "{\"id", DATA, &[]), "/fields");
        assert_eq!(at(r#"[1,[2,3]]"#, "3", DATA, &[]), "/1/1");
        assert_eq!(at(r#"[1,[2,3]]"#, "]]", DATA, &[]), "/1/1");
        assert_eq!(at(r#"{"a/b~":[{}]}"#, "^{}", DATA, &[]), "/a~1b~0/0");
        assert_eq!(at(r#""x""#, "^\"x\"", DATA, &[]), "");
        // An element's start, where the array itself can be what is wrong.
        assert_eq!(at(r#"{"a":[[1]]}"#, "[1", DATA, &[]), "/a/0");
        assert_eq!(at(r#"{"a":[[1]]}"#, "[1", DATA, &[6]), "/a");
        // After a closing brace: the object (a missing key), or its last member, when the
        // error happens again without the brace.
        let json = r#"{"i":[{"id":"m","method":{"type":"linear"}}]}"#;
        let brace = json.find("}}").unwrap();
        assert_eq!(at(json, "^}}", DATA, &[]), "/i/0");
        assert_eq!(at(json, "^}}", DATA, &[brace + 1]), "/i/0/method");
        // Past the value, at the next member: that value.
        let json = r#"{"i":[{"method":{"type":"linear"} ,"id":"m"}]}"#;
        assert_eq!(at(json, ",", DATA, &[]), "/i/0/method");
        assert_eq!(at(json, " ,", DATA, &[]), "/i/0/method");
    }

    #[test]
    fn syntax_errors() {
        let eof = |json: &str| locate(json, json.len(), Fault::Eof, |_| false);
        assert_eq!(eof(r#"{"fields": ["#), "/fields");
        assert_eq!(eof(r#"{"fields": [1,"#), "/fields");
        assert_eq!(eof(r#"{"fields": [1, "ab"#), "/fields/1");
        assert_eq!(eof(r#"{"fields": "#), "/fields");
        assert_eq!(eof(r#"{"fields" "#), "");
        assert_eq!(eof(r#"{"fie"#), "");
        assert_eq!(eof(""), "");
        let syntax = |json: &str| locate(json, json.len(), Fault::Syntax, |_| false);
        assert_eq!(syntax(r#"{"a": [1 2]}"#), "/a");
        assert_eq!(syntax(r#"{"a": [1,]}"#), "/a");
        assert_eq!(syntax(r#"{"a": [}"#), "/a/0");
        assert_eq!(syntax(r#"{"a": [-]}"#), "/a/0");
        assert_eq!(syntax(r#"{"a": [1x]}"#), "/a");
        assert_eq!(syntax(r#"{"a": }"#), "/a");
        assert_eq!(syntax(r#"{"a": {"b": 1,}}"#), "/a");
        assert_eq!(syntax(r#"{"a": {"b" 1}}"#), "/a");
        assert_eq!(syntax(r#"{"a": {1: 1}}"#), "/a");
        assert_eq!(syntax(r#"{"a": [1}"#), "/a");
        // Inside a token (an escape, or a number out of range, that serde_json rejects).
        assert_eq!(locate(r#"{"a": ["\x"]}"#, 10, Fault::Syntax, |_| false), "/a/0");
        assert_eq!(locate(r#"{"a": {"\x": 1}}"#, 10, Fault::Syntax, |_| false), "/a");
        assert_eq!(locate(r#"{"a": [1e400]}"#, 12, Fault::Syntax, |_| false), "/a/0");
        // More elements than a fixed-size array reads: the array.
        assert_eq!(locate(r#"{"a": ["x","y",{"z":1}]}"#, 16, Fault::Trailing, |_| false), "/a");
    }
}
