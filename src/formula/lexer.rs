//! Turns formula text into tokens with UTF-16 spans.

use crate::base::error::{Error, ErrorCode, Result, Span};
use crate::base::number::parse_decimal;
use rust_decimal::Decimal;

/// One token.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// A number literal (without a trailing `%`).
    Number(Decimal),
    /// A string literal, quotes removed and `""` unescaped.
    Text(String),
    /// A bare identifier (field, function, keyword).
    Ident(String),
    /// A `{braced field name}`.
    Braced(String),
    /// Punctuation or an operator.
    Op(&'static str),
    /// End of input.
    End,
}

impl Tok {
    /// How the token reads in a message.
    pub fn describe(&self) -> String {
        match self {
            Tok::Number(d) => d.to_string(),
            Tok::Text(s) => format!("\"{s}\""),
            Tok::Ident(s) => s.clone(),
            Tok::Braced(s) => format!("{{{s}}}"),
            Tok::Op(op) => (*op).to_string(),
            Tok::End => "end".to_string(),
        }
    }
}

/// A token and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// Its span in UTF-16 units.
    pub span: Span,
}

/// Cursor over the characters, tracking the UTF-16 offset.
struct Cursor<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    pos: u32,
}

impl Cursor<'_> {
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }
    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        self.pos = self.pos.saturating_add(u32::try_from(c.len_utf16()).unwrap_or(2));
        Some(c)
    }
}

/// Splits `src` into tokens. Full-width `（ ） ， ！ ＝ ＜ ＞` are read as their ASCII forms, since
/// Chinese input methods type them.
pub fn tokenize(src: &str) -> Result<Vec<Token>> {
    let mut cur = Cursor { chars: src.chars().peekable(), pos: 0 };
    let mut out = Vec::new();
    while let Some(c) = cur.peek() {
        let start = cur.pos;
        if c.is_whitespace() || c == '\u{3000}' {
            cur.bump();
            continue;
        }
        let tok = if c.is_ascii_digit() || c == '.' {
            number(&mut cur)?
        } else if c == '"' {
            text(&mut cur)?
        } else if c == '{' {
            braced(&mut cur)?
        } else if is_ident_start(c) {
            let mut s = String::new();
            while let Some(c) = cur.peek().filter(|&c| is_ident_continue(c)) {
                s.push(c);
                cur.bump();
            }
            Tok::Ident(s)
        } else {
            operator(&mut cur)?
        };
        out.push(Token { tok, span: Span::new(start, cur.pos) });
    }
    out.push(Token { tok: Tok::End, span: Span::new(cur.pos, cur.pos) });
    Ok(out)
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn number(cur: &mut Cursor<'_>) -> Result<Tok> {
    let start = cur.pos;
    let mut s = String::new();
    while let Some(c) = cur.peek().filter(|c| c.is_ascii_digit() || *c == '.') {
        s.push(c);
        cur.bump();
    }
    if let Some(e) = cur.peek().filter(|c| matches!(c, 'e' | 'E')) {
        s.push(e);
        cur.bump();
        if let Some(sign) = cur.peek().filter(|c| matches!(c, '+' | '-')) {
            s.push(sign);
            cur.bump();
        }
        while let Some(c) = cur.peek().filter(char::is_ascii_digit) {
            s.push(c);
            cur.bump();
        }
    }
    // `12abc` is a malformed number, not a number followed by a name.
    while let Some(c) = cur.peek().filter(|&c| is_ident_continue(c) || c == '.') {
        s.push(c);
        cur.bump();
    }
    let span = Span::new(start, cur.pos);
    if s.matches('.').count() > 1 || s == "." {
        return Err(Error::new(ErrorCode::InvalidNumber).found(s).at(span));
    }
    parse_decimal(&s).map(Tok::Number).map_err(|e| e.at(span))
}

fn text(cur: &mut Cursor<'_>) -> Result<Tok> {
    let start = cur.pos;
    cur.bump();
    let mut s = String::new();
    loop {
        match cur.bump() {
            None => return Err(Error::new(ErrorCode::UnterminatedString).at(Span::new(start, cur.pos))),
            Some('"') if cur.peek() == Some('"') => {
                cur.bump();
                s.push('"');
            }
            Some('"') => return Ok(Tok::Text(s)),
            Some(c) => s.push(c),
        }
    }
}

fn braced(cur: &mut Cursor<'_>) -> Result<Tok> {
    let start = cur.pos;
    cur.bump();
    let mut s = String::new();
    loop {
        match cur.bump() {
            None => return Err(Error::new(ErrorCode::UnterminatedField).at(Span::new(start, cur.pos))),
            Some('}') if s.trim().is_empty() => {
                return Err(Error::new(ErrorCode::UnexpectedToken)
                    .expected("a field name")
                    .found("{}")
                    .at(Span::new(start, cur.pos)))
            }
            Some('}') => return Ok(Tok::Braced(s.trim().to_string())),
            Some(c) => s.push(c),
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

fn operator(cur: &mut Cursor<'_>) -> Result<Tok> {
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
    fn spans_count_utf16_units() {
        let toks = tokenize("回款额 >= 😀").unwrap_err();
        assert_eq!(toks.span, Some(Span::new(7, 9)));
        let toks = tokenize("{新 客户} + 1").unwrap();
        assert_eq!(toks[0].tok, Tok::Braced("新 客户".into()));
        assert_eq!(toks[1].span, Span::new(7, 8));
    }

    #[test]
    fn full_width_punctuation_reads_as_ascii() {
        let toks = tokenize("MAX（1，2）").unwrap();
        let ops: Vec<_> = toks.iter().map(|t| t.tok.clone()).collect();
        assert_eq!(ops[1], Tok::Op("("));
        assert_eq!(ops[3], Tok::Op(","));
    }
}
