//! A formula of a document (a plan's scorecard or incentive section): the parsed tree and the
//! JSON pointer of its place, so an error raised inside it points at the document.

use super::ast::Node;
use super::eval::Evaluator;
use super::parser::Resolver;
use super::{parse, Limits};
use crate::base::error::{Error, Origin, Result};
use rust_decimal::Decimal;

/// A formula of a document, with its path there for errors.
#[derive(Clone, Debug)]
pub struct Expr {
    /// The tree.
    pub root: Node,
    /// JSON pointer of the formula in the plan.
    pub path: String,
}

impl Expr {
    /// The formula's number; an error raised inside it points at the formula.
    pub(crate) fn number(&self, ev: &Evaluator<'_>) -> Result<Decimal> {
        ev.number(&self.root).map_err(|err| self.at(err))
    }
    /// The formula as a condition.
    pub(crate) fn condition(&self, ev: &Evaluator<'_>) -> Result<bool> {
        ev.condition(&self.root).map_err(|err| self.at(err))
    }
    /// The formula's value as text (ids, names).
    pub(crate) fn text(&self, ev: &Evaluator<'_>) -> Result<String> {
        ev.text(&self.root).map_err(|err| self.at(err))
    }
    /// Evaluates the formula as text into a shared name (see [`Evaluator::name`]).
    pub(crate) fn name(&self, ev: &Evaluator<'_>) -> Result<crate::base::name::Name> {
        ev.name(&self.root).map_err(|err| self.at(err))
    }
    /// Points an error raised inside the formula at its place in the plan.
    fn at(&self, mut err: Error) -> Error {
        if err.origin == Origin::Formula && err.path.is_empty() {
            err.origin = Origin::Plan;
            err.path.clone_from(&self.path);
        }
        err
    }
}

/// Parses `src`, the formula at `path` of the document, resolving names with `names`.
pub fn formula(src: &str, path: String, names: &mut impl Resolver) -> Result<Expr> {
    let root = parse(src, Limits::default(), names).map_err(|e| e.path(Origin::Plan, path.clone()))?;
    Ok(Expr { root, path })
}
