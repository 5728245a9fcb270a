//! Turns formula text into tokens with UTF-16 spans.

use crate::base::error::{Error, ErrorCode, Result, Span};
use crate::base::number::parse_decimal;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// One token; names and text are slices of the formula's source (a text literal is its own
/// string only when it unescapes a `""`).
#[derive(Clone, Debug, PartialEq)]
pub enum Tok<'a> {
    /// A number literal (without a trailing `%`).
    Number(Decimal),
    /// A string literal, quotes removed and `""` unescaped.
    Text(Cow<'a, str>),
    /// A bare identifier (field, function, keyword).
    Ident(&'a str),
    /// A `{braced field name}`, trimmed.
    Braced(&'a str),
    /// Punctuation or an operator.
    Op(&'static str),
    /// End of input.
    End,
}

impl Tok<'_> {
    /// How the token reads in a message.
    pub fn describe(&self) -> String {
        match self {
            Tok::Number(d) => d.to_string(),
            Tok::Text(s) => format!("\"{s}\""),
            Tok::Ident(s) => (*s).to_string(),
            Tok::Braced(s) => format!("{{{s}}}"),
            Tok::Op(op) => (*op).to_string(),
            Tok::End => "end".to_string(),
        }
    }
}

/// A token and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Token<'a> {
    /// The token.
    pub tok: Tok<'a>,
    /// Its span in UTF-16 units.
    pub span: Span,
}

/// Cursor over the characters: the text not read yet, and the UTF-16 offset reached.
struct Cursor<'a> {
    rest: &'a str,
    pos: u32,
}

impl<'a> Cursor<'a> {
    fn new(src: &'a str) -> Self {
        Cursor { rest: src, pos: 0 }
    }
    fn peek(&self) -> Option<char> {
        self.rest.chars().next()
    }
    fn bump(&mut self) -> Option<char> {
        let mut chars = self.rest.chars();
        let c = chars.next()?;
        self.rest = chars.as_str();
        self.pos = self.pos.saturating_add(u32::try_from(c.len_utf16()).unwrap_or(2));
        Some(c)
    }
    /// The text read since `from` (an earlier `rest`).
    fn since(&self, from: &'a str) -> &'a str {
        before(from, self.rest)
    }
}

/// The text of `from` before `to`, where both are what was left to read (`to` later).
fn before<'a>(from: &'a str, to: &str) -> &'a str {
    from.get(..from.len().saturating_sub(to.len())).unwrap_or_default()
}

/// Splits `src` into tokens. Full-width `（ ） ， ！ ＝ ＜ ＞` are read as their ASCII forms, since
/// Chinese input methods type them.
pub fn tokenize(src: &str) -> Result<Vec<Token<'_>>> {
    let mut cur = Cursor::new(src);
    // About one token per three bytes of formula text: most formulas need no second allocation.
    let mut out = Vec::with_capacity((src.len() / 3).saturating_add(2));
    while let Some((tok, span)) = next_token(&mut cur) {
        out.push(Token { tok: tok?, span });
    }
    out.push(Token { tok: Tok::End, span: Span::new(cur.pos, cur.pos) });
    Ok(out)
}

/// The next token after any white space and its span, or `None` at the end of the text. A token
/// that cannot be read is its error, spanning the text it took; reading can go on after it.
fn next_token<'a>(cur: &mut Cursor<'a>) -> Option<(Result<Tok<'a>>, Span)> {
    while cur.peek().is_some_and(|c| c.is_whitespace() || c == '\u{3000}') {
        cur.bump();
    }
    let c = cur.peek()?;
    let start = cur.pos;
    let tok = if c.is_ascii_digit() || c == '.' {
        number(cur)
    } else if c == '"' {
        text(cur)
    } else if c == '{' {
        braced(cur)
    } else if is_ident_start(c) {
        let from = cur.rest;
        while cur.peek().is_some_and(is_ident_continue) {
            cur.bump();
        }
        Ok(Tok::Ident(cur.since(from)))
    } else {
        operator(cur)
    };
    Some((tok, Span::new(start, cur.pos)))
}

/// What a piece of formula text is, as a highlighter colours it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LexemeKind {
    /// A number literal.
    Number,
    /// A string literal, quotes included.
    String,
    /// A field name, bare or `{braced}`.
    Field,
    /// A name called as a function (known to the engine or not).
    Function,
    /// `TRUE` or `FALSE`.
    Boolean,
    /// `AND`, `OR` or `NOT` used as an operator.
    Keyword,
    /// An operator: `+ - * / ^ % & = <> < <= > >=`, `!`, `&&`, `||` and their full-width forms.
    Operator,
    /// `(`, `)` or `,` (full-width too).
    Punctuation,
    /// Text the lexer cannot read; the lexeme carries the code compiling it gives.
    Error,
}

impl LexemeKind {
    /// The kind's name in the package's API (`"number"`, `"function"`…).
    pub fn as_str(self) -> &'static str {
        match self {
            LexemeKind::Number => "number",
            LexemeKind::String => "string",
            LexemeKind::Field => "field",
            LexemeKind::Function => "function",
            LexemeKind::Boolean => "boolean",
            LexemeKind::Keyword => "keyword",
            LexemeKind::Operator => "operator",
            LexemeKind::Punctuation => "punctuation",
            LexemeKind::Error => "error",
        }
    }
}

/// A token of formula text for a highlighter: its kind, its span in UTF-16 units and, for an
/// error, the code compiling the text gives there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lexeme {
    /// What the text is.
    pub kind: LexemeKind,
    /// Where it is, in UTF-16 units.
    pub span: Span,
    /// The error's code, for [`LexemeKind::Error`].
    pub error: Option<ErrorCode>,
}

/// Every token of `src` with its kind, for highlighting; white space is left out. Never fails:
/// text the lexer cannot read is an [`LexemeKind::Error`] lexeme with the code and span that
/// compiling gives (an unterminated string or `{field` runs to the end of the text), and reading
/// goes on after it. A name followed by `(` is a function, except `AND` and `OR` after an operand
/// (`a AND (b)`), as the parser reads them.
///
/// ```
/// use salescore::formula::{lexemes, LexemeKind};
/// let kinds: Vec<_> = lexemes("SUM(回款额) > 1").iter().map(|l| l.kind).collect();
/// assert_eq!(kinds, [LexemeKind::Function, LexemeKind::Punctuation, LexemeKind::Field,
///     LexemeKind::Punctuation, LexemeKind::Operator, LexemeKind::Number]);
/// ```
pub fn lexemes(src: &str) -> Vec<Lexeme> {
    let mut cur = Cursor::new(src);
    let mut read = Vec::new();
    while let Some(next) = next_token(&mut cur) {
        read.push(next);
    }
    let mut out = Vec::with_capacity(read.len());
    let mut after_operand = false;
    for (i, (tok, span)) in read.iter().enumerate() {
        let called = matches!(read.get(i.saturating_add(1)), Some((Ok(Tok::Op("(")), _)));
        let (kind, error) = match tok {
            Ok(tok) => (kind_of(tok, called, after_operand), None),
            Err(e) => (LexemeKind::Error, Some(e.code)),
        };
        after_operand = match tok {
            Ok(Tok::Op(op)) => matches!(*op, ")" | "%"),
            Ok(_) => !matches!(kind, LexemeKind::Function | LexemeKind::Keyword),
            Err(_) => true,
        };
        out.push(Lexeme { kind, span: *span, error });
    }
    out
}

/// The kind of a token read; `called` when `(` follows it, `after_operand` when a value ends
/// just before it (where `AND` and `OR` are operators).
fn kind_of(tok: &Tok, called: bool, after_operand: bool) -> LexemeKind {
    match tok {
        Tok::Number(_) => LexemeKind::Number,
        Tok::Text(_) => LexemeKind::String,
        Tok::Braced(_) => LexemeKind::Field,
        Tok::Ident(s) if after_operand && (s.eq_ignore_ascii_case("AND") || s.eq_ignore_ascii_case("OR")) => {
            LexemeKind::Keyword
        }
        Tok::Ident(_) if called => LexemeKind::Function,
        Tok::Ident(s) if s.eq_ignore_ascii_case("TRUE") || s.eq_ignore_ascii_case("FALSE") => LexemeKind::Boolean,
        Tok::Ident(s) if ["AND", "OR", "NOT"].iter().any(|k| s.eq_ignore_ascii_case(k)) => LexemeKind::Keyword,
        Tok::Ident(_) => LexemeKind::Field,
        Tok::Op("(" | ")" | ",") => LexemeKind::Punctuation,
        Tok::Op(_) => LexemeKind::Operator,
        // Never read inside the text: the end has no lexeme.
        Tok::End => LexemeKind::Error,
    }
}

fn is_ident_start(c: char) -> bool {
    // CJK Unified Ideographs (most field names here) are alphabetic: answered without the
    // Unicode table's search.
    matches!(c, '\u{4E00}'..='\u{9FFF}') || c.is_alphabetic() || c == '_'
}

fn is_ident_continue(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}') || c.is_alphanumeric() || c == '_'
}

fn number<'a>(cur: &mut Cursor<'a>) -> Result<Tok<'a>> {
    let start = cur.pos;
    let from = cur.rest;
    while cur.peek().is_some_and(|c| c.is_ascii_digit() || c == '.') {
        cur.bump();
    }
    if cur.peek().is_some_and(|c| matches!(c, 'e' | 'E')) {
        cur.bump();
        if cur.peek().is_some_and(|c| matches!(c, '+' | '-')) {
            cur.bump();
        }
        while cur.peek().is_some_and(|c| c.is_ascii_digit()) {
            cur.bump();
        }
    }
    // `12abc` is a malformed number, not a number followed by a name.
    while cur.peek().is_some_and(|c| is_ident_continue(c) || c == '.') {
        cur.bump();
    }
    let s = cur.since(from);
    let span = Span::new(start, cur.pos);
    if s.matches('.').count() > 1 || s == "." {
        return Err(Error::new(ErrorCode::InvalidNumber).found(s).at(span));
    }
    parse_decimal(s).map(Tok::Number).map_err(|e| e.at(span))
}

fn text<'a>(cur: &mut Cursor<'a>) -> Result<Tok<'a>> {
    let start = cur.pos;
    cur.bump();
    let from = cur.rest;
    // The text up to the first `""`, then (only if there is one) its own string.
    let mut own: Option<String> = None;
    loop {
        let at = cur.rest;
        match cur.bump() {
            None => return Err(Error::new(ErrorCode::UnterminatedString).at(Span::new(start, cur.pos))),
            Some('"') if cur.peek() == Some('"') => {
                cur.bump();
                own.get_or_insert_with(|| before(from, at).to_string()).push('"');
            }
            Some('"') => return Ok(Tok::Text(own.map_or(Cow::Borrowed(before(from, at)), Cow::Owned))),
            Some(c) => {
                if let Some(own) = &mut own {
                    own.push(c);
                }
            }
        }
    }
}

fn braced<'a>(cur: &mut Cursor<'a>) -> Result<Tok<'a>> {
    let start = cur.pos;
    cur.bump();
    let from = cur.rest;
    loop {
        let at = cur.rest;
        match cur.bump() {
            None => return Err(Error::new(ErrorCode::UnterminatedField).at(Span::new(start, cur.pos))),
            Some('}') => {
                let name = before(from, at).trim();
                if name.is_empty() {
                    return Err(Error::new(ErrorCode::UnexpectedToken)
                        .expected(crate::base::error::Phrase::AFieldName)
                        .found("{}")
                        .at(Span::new(start, cur.pos)));
                }
                return Ok(Tok::Braced(name));
            }
            Some(_) => {}
        }
    }
}

/// Full-width punctuation typed by Chinese input methods, read as its ASCII form.
fn fold(c: char) -> char {
    match c {
        '＋' => '+',
        '－' => '-',
        '×' | '＊' => '*',
        '÷' | '／' => '/',
        '％' => '%',
        '＝' => '=',
        '＜' => '<',
        '＞' => '>',
        '！' => '!',
        '（' => '(',
        '）' => ')',
        '，' => ',',
        other => other,
    }
}

fn operator<'a>(cur: &mut Cursor<'a>) -> Result<Tok<'a>> {
    let start = cur.pos;
    let Some(raw) = cur.bump() else {
        return Ok(Tok::End);
    };
    let c = fold(raw);
    let pair = match (c, cur.peek().map(fold)) {
        ('<', Some('=')) => Some("<="),
        ('<', Some('>')) => Some("<>"),
        ('>', Some('=')) => Some(">="),
        ('=', Some('=')) => Some("="),
        ('!', Some('=')) => Some("<>"),
        ('&', Some('&')) => Some("AND"),
        ('|', Some('|')) => Some("OR"),
        _ => None,
    };
    if let Some(op) = pair {
        cur.bump();
        return Ok(Tok::Op(op));
    }
    let op = match c {
        '+' => "+",
        '-' => "-",
        '*' => "*",
        '/' => "/",
        '^' => "^",
        '%' => "%",
        '&' => "&",
        '=' => "=",
        '<' => "<",
        '>' => ">",
        '!' => "NOT",
        '(' => "(",
        ')' => ")",
        ',' => ",",
        _ => {
            return Err(Error::new(ErrorCode::UnexpectedChar)
                .found(raw.to_string())
                .at(Span::new(start, cur.pos))
                .suggest(smart_quote_fix(raw)))
        }
    };
    Ok(Tok::Op(op))
}

fn smart_quote_fix(c: char) -> Option<String> {
    matches!(c, '“' | '”' | '＂' | '\'' | '‘' | '’').then(|| "\"".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cjk_shortcut_answers_as_the_unicode_table() {
        for c in ('\u{4DF0}'..='\u{A010}').chain(['a', 'Z', '_', '1', ' ', '（', '😀']) {
            assert_eq!(is_ident_start(c), c.is_alphabetic() || c == '_', "{c:?}");
            assert_eq!(is_ident_continue(c), c.is_alphanumeric() || c == '_', "{c:?}");
        }
    }

    #[test]
    fn spans_count_utf16_units() {
        let toks = tokenize("回款额 >= 😀").unwrap_err();
        assert_eq!(toks.span, Some(Span::new(7, 9)));
        let toks = tokenize("{新 客户} + 1").unwrap();
        assert_eq!(toks[0].tok, Tok::Braced("新 客户"));
        assert_eq!(toks[1].span, Span::new(7, 8));
    }

    #[test]
    fn names_and_text_are_read_from_the_source() {
        let toks = tokenize(r#"新客户 & "a""b" & "回款" & { 合同 额 } & 1.5e2"#).unwrap();
        let got: Vec<_> = toks.iter().map(|t| t.tok.clone()).filter(|t| *t != Tok::Op("&")).collect();
        assert_eq!(got[0], Tok::Ident("新客户"));
        assert_eq!(got[1], Tok::Text(Cow::Owned("a\"b".to_string())));
        assert!(matches!(&got[2], Tok::Text(Cow::Borrowed("回款"))));
        assert_eq!(got[3], Tok::Braced("合同 额"));
        assert_eq!(got[4], Tok::Number(Decimal::from(150)));
        assert_eq!(tokenize("\"a\"\"").unwrap_err().code, ErrorCode::UnterminatedString);
    }

    #[test]
    fn full_width_punctuation_reads_as_ascii() {
        let toks = tokenize("MAX（1，2）").unwrap();
        let ops: Vec<_> = toks.iter().map(|t| t.tok.clone()).collect();
        assert_eq!(ops[1], Tok::Op("("));
        assert_eq!(ops[3], Tok::Op(","));
    }

    fn kinds(src: &str) -> Vec<(&'static str, u32, u32, Option<&'static str>)> {
        lexemes(src)
            .iter()
            .map(|l| (l.kind.as_str(), l.span.start, l.span.end, l.error.map(ErrorCode::as_str)))
            .collect()
    }

    #[test]
    fn lexemes_classify_names_as_the_parser_reads_them() {
        assert_eq!(
            kinds("IF(NOT 是否违规 AND (x), TRUE, a OR b)"),
            [
                ("function", 0, 2, None),
                ("punctuation", 2, 3, None),
                ("keyword", 3, 6, None),
                ("field", 7, 11, None),
                ("keyword", 12, 15, None),
                ("punctuation", 16, 17, None),
                ("field", 17, 18, None),
                ("punctuation", 18, 19, None),
                ("punctuation", 19, 20, None),
                ("boolean", 21, 25, None),
                ("punctuation", 25, 26, None),
                ("field", 27, 28, None),
                ("keyword", 29, 31, None),
                ("field", 32, 33, None),
                ("punctuation", 33, 34, None),
            ]
        );
        assert_eq!(kinds("AND(a) + 5%")[0].0, "function");
        assert_eq!(kinds("{新 客户} >= 1")[..2], [("field", 0, 6, None), ("operator", 7, 9, None)]);
    }

    #[test]
    fn lexemes_go_on_after_errors_and_never_fail() {
        assert_eq!(
            kinds("1.2.3 + @ + 😀\"ab"),
            [
                ("error", 0, 5, Some("INVALID_NUMBER")),
                ("operator", 6, 7, None),
                ("error", 8, 9, Some("UNEXPECTED_CHAR")),
                ("operator", 10, 11, None),
                ("error", 12, 14, Some("UNEXPECTED_CHAR")),
                ("error", 14, 17, Some("UNTERMINATED_STRING")),
            ]
        );
        assert_eq!(
            kinds("\"😀\" & {}"),
            [("string", 0, 4, None), ("operator", 5, 6, None), ("error", 7, 9, Some("UNEXPECTED_TOKEN"))]
        );
        assert_eq!(kinds("{a"), [("error", 0, 2, Some("UNTERMINATED_FIELD"))]);
        assert!(kinds(" \u{3000}\n").is_empty());
    }

    /// On every golden formula: lexemes are in order, inside the text, and agree with
    /// `tokenize` (the same spans; the first error lexeme is its error).
    #[test]
    fn lexemes_agree_with_tokenize_on_the_golden_formulas() {
        let rows = include_str!("../../tests/data/formulas.tsv").lines().filter(|l| !l.starts_with('#')).skip(1);
        for src in rows.filter_map(|row| row.split('\t').next()) {
            let all = lexemes(src);
            let len = u32::try_from(src.encode_utf16().count()).unwrap();
            assert!(
                all.windows(2).all(|w| w[0].span.end <= w[1].span.start && w[1].span.start < w[1].span.end),
                "{src}"
            );
            assert!(all.last().is_none_or(|l| l.span.end <= len), "{src}");
            match tokenize(src) {
                Ok(toks) => {
                    let spans: Vec<_> = toks.iter().filter(|t| t.tok != Tok::End).map(|t| t.span).collect();
                    assert_eq!(all.iter().map(|l| l.span).collect::<Vec<_>>(), spans, "{src}");
                    assert!(all.iter().all(|l| l.kind != LexemeKind::Error), "{src}");
                }
                Err(e) => {
                    let first = all.iter().find(|l| l.kind == LexemeKind::Error).unwrap();
                    assert_eq!((Some(first.span), first.error), (e.span, Some(e.code)), "{src}");
                }
            }
        }
    }
}
