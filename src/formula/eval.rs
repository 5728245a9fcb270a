//! Evaluates a compiled tree with checked decimal arithmetic.

use super::ast::{BinOp, Expr, Node};
use super::functions::Eval;
use super::value::Value;
use crate::base::arithmetic::Arithmetic;
use crate::base::checked::overflow;
use crate::base::error::{Error, ErrorCode, Phrase, Result, Span};
use crate::base::name::Name;
use arrayvec::ArrayVec;
use rust_decimal::prelude::*;
use rust_decimal::MathematicalOps;
use std::borrow::Cow;

/// Where referenced values come from.
pub trait Scope {
    /// The value in `slot`, or an error such as `MISSING_FIELD`.
    fn get(&self, slot: usize) -> Result<Value>;

    /// The value in `slot` without copying it, when the scope holds it (`None` otherwise: the
    /// evaluator then asks [`Scope::get`], which reports why it is missing).
    fn peek(&self, _slot: usize) -> Option<&Value> {
        None
    }
}

/// Evaluates nodes against a scope.
pub struct Evaluator<'s> {
    scope: &'s dyn Scope,
}

/// Attaches `span` to an error that has none yet.
fn locate(err: Error, span: Span) -> Error {
    if err.span.is_some() {
        err
    } else {
        err.at(span)
    }
}

impl<'s> Evaluator<'s> {
    /// An evaluator reading from `scope`.
    pub fn new(scope: &'s dyn Scope) -> Self {
        Evaluator { scope }
    }

    /// Evaluates one node.
    pub fn eval(&self, node: &Node) -> Result<Value> {
        self.eval_inner(node).map_err(|e| locate(e, node.span))
    }

    /// Evaluates one node, borrowing literals and values the scope holds instead of copying them
    /// (a text compared in a condition is then never allocated).
    fn operand<'n>(&'n self, node: &'n Node) -> Result<Cow<'n, Value>> {
        match &node.expr {
            Expr::Lit(v) => Ok(Cow::Borrowed(v)),
            Expr::Ref(slot) => match self.scope.peek(*slot) {
                Some(v) => Ok(Cow::Borrowed(v)),
                None => self.eval(node).map(Cow::Owned),
            },
            _ => self.eval(node).map(Cow::Owned),
        }
    }

    /// Evaluates a node that must be a number.
    pub fn number(&self, node: &Node) -> Result<Decimal> {
        self.operand(node)?.to_number().map_err(|e| locate(e, node.span))
    }

    /// Evaluates a node as text (ids, names): [`Value::to_text`] of its value, without copying
    /// a value the scope holds first.
    pub fn text(&self, node: &Node) -> Result<String> {
        self.operand(node).map(|v| v.to_text())
    }

    /// Evaluates a node as text ([`Evaluator::text`]) into a shared [`Name`]: a text the scope
    /// holds is copied once, into the name.
    pub fn name(&self, node: &Node) -> Result<Name> {
        self.operand(node).map(|v| match &*v {
            Value::Text(s) => s.clone(),
            other => Name::from(other.to_text()),
        })
    }

    /// Evaluates a node that must be a condition.
    pub fn condition(&self, node: &Node) -> Result<bool> {
        self.operand(node)?.to_bool().map_err(|e| locate(e, node.span))
    }

    /// Evaluates a left-leaning chain of operators (`a + b - c + …`, `x AND y AND z`) from the
    /// left, without recursing down its left side: a long chain cannot exhaust the stack (which
    /// under wasm2js is the JavaScript stack). Right operands recurse as usual; AND/OR still
    /// short-circuit; each step's error carries that step's span.
    fn binary_chain(&self, node: &Node) -> Result<Value> {
        let mut small: ArrayVec<&Node, 32> = ArrayVec::new();
        let mut big: Vec<&Node> = Vec::new();
        let mut leftmost = node;
        while let Expr::Binary(_, left, _) = &leftmost.expr {
            if !big.is_empty() {
                big.push(leftmost);
            } else if let Err(full) = small.try_push(leftmost) {
                big.extend(small.drain(..));
                big.push(full.element());
            }
            leftmost = left;
        }
        let spine: &[&Node] = if big.is_empty() { &small } else { &big };
        let mut acc = self.operand(leftmost)?;
        let mut left_span = leftmost.span;
        for step in spine.iter().rev() {
            let Expr::Binary(op, _, right) = &step.expr else { continue };
            acc = Cow::Owned(match op {
                BinOp::And | BinOp::Or => {
                    let l = acc.to_bool().map_err(|e| locate(e, left_span))?;
                    let decided = if *op == BinOp::And { !l } else { l };
                    Value::Bool(if decided { l } else { self.condition(right)? })
                }
                _ => {
                    let r = self.operand(right)?;
                    binary(*op, &acc, &r).map_err(|e| locate(e, step.span))?
                }
            });
            left_span = step.span;
        }
        Ok(acc.into_owned())
    }

    fn eval_inner(&self, node: &Node) -> Result<Value> {
        match &node.expr {
            Expr::Lit(v) => Ok(v.clone()),
            Expr::Ref(slot) => self.scope.get(*slot),
            Expr::Neg(a) => checked(Decimal::ZERO.sub_checked(self.number(a)?)).map(Value::Number),
            Expr::Percent(a) => checked(self.number(a)?.div_checked(Decimal::ONE_HUNDRED)).map(Value::Number),
            Expr::Not(a) => Ok(Value::Bool(!self.condition(a)?)),
            Expr::Binary(..) => self.binary_chain(node),
            Expr::Call(spec, args) => {
                let result = match spec.eval {
                    Eval::Lazy(f) => f(self, args),
                    Eval::Eager(f) => {
                        // Most calls have a few arguments: keep them on the stack.
                        let mut small: ArrayVec<Value, 8> = ArrayVec::new();
                        if args.len() <= small.capacity() {
                            for a in args {
                                small.try_push(self.eval(a)?).map_err(|_| Error::new(ErrorCode::FormulaTooComplex))?;
                            }
                            f(&small)
                        } else {
                            f(&args.iter().map(|a| self.eval(a)).collect::<Result<Vec<_>>>()?)
                        }
                    }
                };
                result.map_err(|mut e| {
                    if e.detail.name.is_none() && matches!(e.code, ErrorCode::InvalidArgument | ErrorCode::NoMatch) {
                        e.detail.name = Some(spec.name.into());
                    }
                    e
                })
            }
        }
    }
}

pub use crate::base::checked::checked;

/// Checked division: zero divisor → `DIV_BY_ZERO`.
pub fn divide(a: Decimal, b: Decimal) -> Result<Decimal> {
    if b.is_zero() {
        return Err(Error::new(ErrorCode::DivByZero));
    }
    checked(a.div_checked(b))
}

/// Excel `^` and `POWER`: exact for integer exponents, `0^0` and roots of negatives are
/// `INVALID_ARGUMENT`.
pub fn power(base: Decimal, exp: Decimal) -> Result<Decimal> {
    let invalid = |why: Phrase| Error::new(ErrorCode::InvalidArgument).name("^").expected(why);
    if base.is_zero() && exp <= Decimal::ZERO {
        return Err(if exp.is_zero() { invalid(Phrase::ZeroToZero) } else { Error::new(ErrorCode::DivByZero) });
    }
    if exp.fract().is_zero() {
        let n = exp.to_i64().ok_or_else(overflow)?;
        if n >= 0 {
            return checked(base.checked_powi(n));
        }
        let m = n.checked_neg().ok_or_else(overflow)?;
        // 1 / base^m is exact when base^m fits; otherwise the result is tiny: (1/base)^m.
        return match base.checked_powi(m) {
            Some(positive) => divide(Decimal::ONE, positive),
            None => checked(divide(Decimal::ONE, base)?.checked_powi(m)),
        };
    }
    if base.is_sign_negative() {
        return Err(invalid(Phrase::NegativeFractionalPower));
    }
    if exp == Decimal::new(5, 1) {
        return base.sqrt().ok_or_else(overflow);
    }
    checked(base.checked_powd(exp)).map(|d| d.round_dp(20).normalize())
}

fn binary(op: BinOp, l: &Value, r: &Value) -> Result<Value> {
    use std::cmp::Ordering::*;
    let cmp = |want: &[std::cmp::Ordering]| -> Result<Value> { Ok(Value::Bool(want.contains(&l.compare(r)?))) };
    match op {
        BinOp::Eq => cmp(&[Equal]),
        BinOp::Ne => cmp(&[Less, Greater]),
        BinOp::Lt => cmp(&[Less]),
        BinOp::Le => cmp(&[Less, Equal]),
        BinOp::Gt => cmp(&[Greater]),
        BinOp::Ge => cmp(&[Greater, Equal]),
        BinOp::Concat => Ok(Value::Text(Name::from(l.to_text() + &r.to_text()))),
        BinOp::Add | BinOp::Sub => add_sub(op, l, r),
        BinOp::Mul => Ok(Value::Number(checked(l.to_number()?.mul_checked(r.to_number()?))?)),
        BinOp::Div => Ok(Value::Number(divide(l.to_number()?, r.to_number()?)?)),
        BinOp::Pow => Ok(Value::Number(power(l.to_number()?, r.to_number()?)?)),
        BinOp::And | BinOp::Or => Ok(Value::Bool(match op {
            BinOp::And => l.to_bool()? && r.to_bool()?,
            _ => l.to_bool()? || r.to_bool()?,
        })),
    }
}

/// `+` and `-`, including date ± days, days + date and date − date (days between). Text in
/// `YYYY-MM-DD` form counts as a date here, as Excel reads it.
fn add_sub(op: BinOp, l: &Value, r: &Value) -> Result<Value> {
    let sub = op == BinOp::Sub;
    let numeric = |v: &Value| v.to_number().is_ok();
    let (ld, rd) = (l.as_date().filter(|_| !numeric(l)), r.as_date().filter(|_| !numeric(r)));
    match (ld, rd, sub) {
        (Some(a), Some(b), true) => Ok(Value::Number(Decimal::from(a.signed_duration_since(b).num_days()))),
        (Some(a), None, _) => {
            let days = r.to_number()?;
            let days = if sub { checked(Decimal::ZERO.sub_checked(days))? } else { days };
            super::functions::add_days(a, days).map(Value::Date)
        }
        (None, Some(b), false) => super::functions::add_days(b, l.to_number()?).map(Value::Date),
        (Some(_), Some(_), false) | (None, Some(_), true) => {
            Err(Error::new(ErrorCode::TypeMismatch).expected(Phrase::TypeNumber).found(Phrase::TypeDate))
        }
        (None, None, _) => {
            let (a, b) = (l.to_number()?, r.to_number()?);
            checked(if sub { a.sub_checked(b) } else { a.add_checked(b) }).map(Value::Number)
        }
    }
}
