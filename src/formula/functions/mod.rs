//! The function registry: one declaration per built-in drives arity checks, docs and
//! `listFunctions()`.

mod date;
mod logic;
mod lookup;
mod math;
mod text;

pub use date::add_days;

use super::ast::Node;
use super::eval::Evaluator;
use super::value::Value;
use crate::base::error::Result;
use serde::Serialize;

/// How many arguments a function takes: at least `min`, at most `max` (`None`: no limit), and
/// past `min`, in groups of `step` (e.g. `IFS` takes pairs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arity {
    /// Fewest arguments.
    pub min: usize,
    /// Most arguments, if bounded.
    pub max: Option<usize>,
    /// Arguments beyond `min` come in groups of this size.
    pub step: usize,
}

impl Arity {
    /// Exactly `n`.
    pub const fn exactly(n: usize) -> Self {
        Arity { min: n, max: Some(n), step: 1 }
    }
    /// From `min` to `max`.
    pub const fn range(min: usize, max: usize) -> Self {
        Arity { min, max: Some(max), step: 1 }
    }
    /// `min` or more, in groups of `step`.
    pub const fn at_least(min: usize, step: usize) -> Self {
        Arity { min, max: None, step }
    }
    /// Whether `n` arguments are accepted.
    pub fn accepts(&self, n: usize) -> bool {
        let extra = n.checked_sub(self.min);
        let in_steps = extra.is_some_and(|e| e.checked_rem(self.step.max(1)) == Some(0));
        in_steps && self.max.is_none_or(|m| n <= m)
    }
    /// How the arity reads in a message: `2`, `1–2`, `2, 4, 6…`, `1+`.
    pub fn describe(&self) -> String {
        match (self.max, self.step) {
            (Some(max), _) if max == self.min => self.min.to_string(),
            (Some(max), _) => format!("{}–{}", self.min, max),
            (None, 1) => format!("{}+", self.min),
            (None, step) => {
                let second = self.min.saturating_add(step);
                format!("{}, {}, {}…", self.min, second, second.saturating_add(step))
            }
        }
    }
}

/// How a function is evaluated.
#[derive(Clone, Copy)]
pub enum Eval {
    /// Arguments are evaluated first, left to right.
    Eager(fn(&[Value]) -> Result<Value>),
    /// The function decides which arguments to evaluate (`IF`, `IFERROR`, `AND`…).
    Lazy(fn(&Evaluator<'_>, &[Node]) -> Result<Value>),
}

/// A function's documentation and parameters, as `listFunctions()` returns them.
#[derive(Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FunctionSpec {
    /// Upper-case name.
    pub name: &'static str,
    /// Group for autocomplete menus: logic, math, lookup, date, text.
    pub category: &'static str,
    /// Signature as written, e.g. `ROUND(number, [digits])`.
    pub signature: &'static str,
    /// One line in Chinese.
    pub summary_zh: &'static str,
    /// One line in English.
    pub summary_en: &'static str,
    /// An example formula and its result.
    pub example: &'static str,
    /// Argument counts accepted.
    #[serde(skip)]
    pub arity: Arity,
    /// Implementation.
    #[serde(skip)]
    pub eval: Eval,
}

impl std::fmt::Debug for FunctionSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// Every built-in function, in documentation order.
pub static REGISTRY: &[FunctionSpec] = &[
    logic::IF,
    logic::IFS,
    logic::SWITCH,
    logic::AND,
    logic::OR,
    logic::NOT,
    logic::IFERROR,
    logic::ISBLANK,
    math::SUM,
    math::AVERAGE,
    math::MIN,
    math::MAX,
    math::ABS,
    math::ROUND,
    math::ROUNDUP,
    math::ROUNDDOWN,
    math::CEILING,
    math::FLOOR,
    math::INT,
    math::MOD,
    math::POWER,
    math::SQRT,
    math::CLAMP,
    math::DIVIDE,
    lookup::TIER,
    lookup::TIERSUM,
    date::DATE,
    date::YEAR,
    date::MONTH,
    date::DAY,
    date::DAYS,
    date::DATEDIF,
    date::EDATE,
    date::EOMONTH,
    text::CONCAT,
    text::FIXED,
];

/// The function called `name` (case-insensitive).
pub fn lookup(name: &str) -> Option<&'static FunctionSpec> {
    REGISTRY.iter().find(|f| f.name.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arity_rules() {
        let pairs = Arity::at_least(2, 2);
        assert!(pairs.accepts(2) && pairs.accepts(4) && !pairs.accepts(3) && !pairs.accepts(0));
        assert_eq!(pairs.describe(), "2, 4, 6…");
        assert!(Arity::range(1, 2).accepts(2) && !Arity::range(1, 2).accepts(3));
    }

    #[test]
    fn names_are_unique_and_upper_case() {
        for (i, f) in REGISTRY.iter().enumerate() {
            assert_eq!(f.name, f.name.to_uppercase());
            assert!(REGISTRY.iter().skip(i + 1).all(|g| g.name != f.name), "{}", f.name);
        }
    }
}
