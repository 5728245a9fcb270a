//! Precedence-climbing parser with Excel's operator order: negation, `%`, `^`, `* /`, `+ -`, `&`,
//! comparisons, then `NOT`, `AND`, `OR`.

use super::ast::{BinOp, Expr, Node};
use super::functions::{self, FunctionSpec};
use super::lexer::{Tok, Token};
use super::value::Value;
use super::Limits;
use crate::base::error::{Error, ErrorCode, Phrase, Result, Span};

/// Turns a name in the formula into a slot, or refuses it.
pub trait Resolver {
    /// The slot for `name`, or an `UNKNOWN_FIELD` error (the parser adds the span).
    fn resolve(&mut self, name: &str) -> Result<usize>;
}

/// Parser state. The resolver is a trait object: the parser is compiled once for every kind of
/// resolver (a plan's names, a standalone formula's), not once per kind, and a name is resolved
/// once per mention while a formula compiles.
pub struct Parser<'s, 'r> {
    tokens: Vec<Token<'s>>,
    pos: usize,
    depth: u32,
    nodes: u32,
    limits: Limits,
    resolver: &'r mut dyn Resolver,
}

impl<'s, 'r> Parser<'s, 'r> {
    /// A parser over `tokens` (which end with `Tok::End`).
    pub fn new(tokens: Vec<Token<'s>>, limits: Limits, resolver: &'r mut dyn Resolver) -> Self {
        Parser { tokens, pos: 0, depth: 0, nodes: 0, limits, resolver }
    }

    /// Parses the whole input as one expression.
    pub fn parse(mut self) -> Result<Node> {
        if self.peek().tok == Tok::End {
            return Err(Error::new(ErrorCode::EmptyFormula).at(Span::new(0, self.peek().span.end)));
        }
        let node = self.binary(1)?;
        let t = self.peek().clone();
        if t.tok != Tok::End {
            let expected = if t.tok == Tok::Op(")") { Phrase::EndOfFormula } else { Phrase::AnOperator };
            return Err(unexpected(&t, expected));
        }
        Ok(node)
    }

    fn peek(&self) -> &Token<'s> {
        static END: Token = Token { tok: Tok::End, span: Span { start: 0, end: 0 } };
        self.tokens.get(self.pos).or(self.tokens.last()).unwrap_or(&END)
    }

    fn peek_at(&self, ahead: usize) -> Option<&Tok<'s>> {
        self.tokens.get(self.pos.saturating_add(ahead)).map(|t| &t.tok)
    }

    fn advance(&mut self) -> Token<'s> {
        let t = self.peek().clone();
        if t.tok != Tok::End {
            self.pos = self.pos.saturating_add(1);
        }
        t
    }

    fn node(&mut self, expr: Expr, span: Span) -> Result<Node> {
        self.nodes = self.nodes.saturating_add(1);
        if self.nodes > self.limits.max_nodes {
            return Err(Error::new(ErrorCode::FormulaTooComplex).expected(self.limits.max_nodes.to_string()).at(span));
        }
        Ok(Node { expr, span })
    }

    fn expression(&mut self) -> Result<Node> {
        self.enter()?;
        let node = self.binary(1);
        self.leave();
        node
    }

    fn keyword(&self, word: &str) -> bool {
        matches!(&self.peek().tok, Tok::Ident(s) if s.eq_ignore_ascii_case(word))
            && self.peek_at(1) != Some(&Tok::Op("("))
    }

    fn binary_op(&self) -> Option<BinOp> {
        let op = match &self.peek().tok {
            Tok::Op(op) => *op,
            Tok::Ident(s) if s.eq_ignore_ascii_case("AND") => "AND",
            Tok::Ident(s) if s.eq_ignore_ascii_case("OR") => "OR",
            _ => return None,
        };
        Some(match op {
            "+" => BinOp::Add,
            "-" => BinOp::Sub,
            "*" => BinOp::Mul,
            "/" => BinOp::Div,
            "^" => BinOp::Pow,
            "&" => BinOp::Concat,
            "=" => BinOp::Eq,
            "<>" => BinOp::Ne,
            "<" => BinOp::Lt,
            "<=" => BinOp::Le,
            ">" => BinOp::Gt,
            ">=" => BinOp::Ge,
            "AND" => BinOp::And,
            "OR" => BinOp::Or,
            _ => return None,
        })
    }

    /// Left-associative binary operators of at least `min` precedence (Excel: `2^3^2` = 64).
    fn binary(&mut self, min: u8) -> Result<Node> {
        let mut lhs = if min <= 3 { self.not()? } else { self.postfix()? };
        while let Some(op) = self.binary_op().filter(|op| op.precedence() >= min) {
            self.advance();
            let rhs = self.binary(op.precedence().saturating_add(1))?;
            let span = lhs.span.to(rhs.span);
            lhs = self.node(Expr::Binary(op, Box::new(lhs), Box::new(rhs)), span)?;
        }
        Ok(lhs)
    }

    /// `NOT x` binds looser than comparisons: `NOT a = b` is `NOT (a = b)`.
    fn not(&mut self) -> Result<Node> {
        let is_not = self.keyword("NOT") || self.peek().tok == Tok::Op("NOT");
        if !is_not {
            return self.binary(4);
        }
        let start = self.advance().span;
        self.enter()?;
        let operand = self.not();
        self.leave();
        let operand = operand?;
        let span = start.to(operand.span);
        self.node(Expr::Not(Box::new(operand)), span)
    }

    fn enter(&mut self) -> Result<()> {
        self.depth = self.depth.saturating_add(1);
        if self.depth > self.limits.max_depth {
            let span = self.peek().span;
            return Err(Error::new(ErrorCode::FormulaTooDeep).expected(self.limits.max_depth.to_string()).at(span));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn postfix(&mut self) -> Result<Node> {
        let mut node = self.unary()?;
        while self.peek().tok == Tok::Op("%") {
            let end = self.advance().span;
            let span = node.span.to(end);
            node = self.node(Expr::Percent(Box::new(node)), span)?;
        }
        Ok(node)
    }

    fn unary(&mut self) -> Result<Node> {
        match self.peek().tok {
            Tok::Op(op @ ("-" | "+")) => {
                let start = self.advance().span;
                self.enter()?;
                let operand = self.unary();
                self.leave();
                let operand = operand?;
                let span = start.to(operand.span);
                if op == "+" {
                    return Ok(Node { expr: operand.expr, span });
                }
                self.node(Expr::Neg(Box::new(operand)), span)
            }
            _ => self.primary(),
        }
    }

    fn primary(&mut self) -> Result<Node> {
        let t = self.advance();
        match t.tok {
            Tok::Number(d) => self.node(Expr::Lit(Value::Number(d)), t.span),
            Tok::Text(s) => self.node(Expr::Lit(Value::Text(s.as_ref().into())), t.span),
            Tok::Braced(name) => self.reference(name, t.span),
            Tok::Ident(name) => {
                if self.peek().tok == Tok::Op("(") {
                    return self.call(name, t.span);
                }
                if name.eq_ignore_ascii_case("TRUE") || name.eq_ignore_ascii_case("FALSE") {
                    let b = name.eq_ignore_ascii_case("TRUE");
                    return self.node(Expr::Lit(Value::Bool(b)), t.span);
                }
                self.reference(name, t.span)
            }
            Tok::Op("(") => {
                let inner = self.expression()?;
                let close = self.expect(")", Phrase::CloseParen)?;
                Ok(Node { expr: inner.expr, span: t.span.to(close) })
            }
            Tok::End => Err(Error::new(ErrorCode::UnexpectedEnd).expected(Phrase::AValue).at(t.span)),
            _ => Err(unexpected(&t, Phrase::AValue)),
        }
    }

    fn reference(&mut self, name: &str, span: Span) -> Result<Node> {
        let slot = self.resolver.resolve(name).map_err(|e| e.at(span))?;
        self.node(Expr::Ref(slot), span)
    }

    fn expect(&mut self, op: &'static str, what: Phrase) -> Result<Span> {
        let t = self.advance();
        match t.tok {
            Tok::Op(o) if o == op => Ok(t.span),
            Tok::End => Err(Error::new(ErrorCode::UnexpectedEnd).expected(what).at(t.span)),
            _ => Err(unexpected(&t, what)),
        }
    }

    fn call(&mut self, name: &str, name_span: Span) -> Result<Node> {
        let spec = functions::lookup(name).ok_or_else(|| {
            Error::new(ErrorCode::UnknownFunction)
                .name(name)
                .at(name_span)
                .suggest(crate::base::error::closest(name, functions::REGISTRY.iter().map(|f| f.name)))
        })?;
        self.advance();
        let (args, close) = self.arguments()?;
        let span = name_span.to(close);
        check_arity(spec, args.len(), span)?;
        self.node(Expr::Call(spec, args), span)
    }

    fn arguments(&mut self) -> Result<(Vec<Node>, Span)> {
        let mut args = Vec::new();
        if let Tok::Op(")") = self.peek().tok {
            return Ok((args, self.advance().span));
        }
        loop {
            args.push(self.expression()?);
            let t = self.advance();
            match t.tok {
                Tok::Op(",") => continue,
                Tok::Op(")") => return Ok((args, t.span)),
                Tok::End => return Err(Error::new(ErrorCode::UnexpectedEnd).expected(Phrase::CloseParen).at(t.span)),
                _ => return Err(unexpected(&t, Phrase::CommaOrCloseParen)),
            }
        }
    }
}

fn check_arity(spec: &FunctionSpec, n: usize, span: Span) -> Result<()> {
    if spec.arity.accepts(n) {
        return Ok(());
    }
    Err(Error::new(ErrorCode::WrongArgCount)
        .name(spec.name)
        .expected(spec.arity.describe())
        .found(n.to_string())
        .at(span))
}

fn unexpected(t: &Token, expected: Phrase) -> Error {
    Error::new(ErrorCode::UnexpectedToken).expected(expected).found(t.tok.describe()).at(t.span)
}
