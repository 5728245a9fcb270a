//! The formula language: Excel-like text compiled once into a tree, evaluated many times with
//! exact decimals.
//!
//! ```
//! use salescore::formula::{Formula, Value};
//! let f = Formula::compile("IF(回款额 >= 目标 * 0.8, 回款额 * 0.05, 0)").unwrap();
//! let v = f.evaluate_json(&serde_json::json!({"回款额": 90000, "目标": 100000})).unwrap();
//! assert_eq!(v.to_string(), "4500");
//! ```

pub mod ast;
pub mod eval;
pub mod expr;
pub mod functions;
pub mod input;
mod lexer;
pub mod parser;
pub mod record;
pub mod render;
pub mod value;

pub use lexer::{lexemes, Lexeme, LexemeKind};
pub use value::Value;

use crate::base::error::{pointer_segment, Error, ErrorCode, Origin, Result};
use crate::formula::input::Input;
use arrayvec::ArrayVec;
use ast::Node;
use eval::{Evaluator, Scope};
use parser::{Parser, Resolver};

/// Bounds on formula size, so no formula can exhaust memory or the stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Longest source, in UTF-16 code units.
    pub max_length: u32,
    /// Deepest nesting of parentheses, calls and prefix operators.
    pub max_depth: u32,
    /// Most nodes in the tree.
    pub max_nodes: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_length: 8_000, max_depth: 64, max_nodes: 1_000 }
    }
}

/// Parses `src` into a tree, resolving names through `resolver`.
pub fn parse(src: &str, limits: Limits, resolver: &mut impl Resolver) -> Result<Node> {
    let max = usize::try_from(limits.max_length).unwrap_or(usize::MAX);
    // A text has at most as many UTF-16 units as UTF-8 bytes: only a long one is counted.
    let len = if src.len() <= max { src.len() } else { src.encode_utf16().count() };
    if len > max {
        let span = crate::base::error::Span::new(limits.max_length, u32::try_from(len).unwrap_or(u32::MAX));
        return Err(Error::new(ErrorCode::FormulaTooLong).expected(limits.max_length.to_string()).at(span));
    }
    let tokens = lexer::tokenize(src)?;
    Parser::new(tokens, limits, resolver).parse()
}

/// Accepts any name, giving each distinct name the next slot.
#[derive(Default)]
struct CollectNames {
    names: Vec<String>,
}

impl Resolver for CollectNames {
    fn resolve(&mut self, name: &str) -> Result<usize> {
        if let Some(i) = self.names.iter().position(|n| n == name) {
            return Ok(i);
        }
        self.names.push(name.to_string());
        Ok(self.names.len().saturating_sub(1))
    }
}

/// A standalone compiled formula. Its fields are whatever names it mentions.
#[derive(Clone, Debug)]
pub struct Formula {
    source: String,
    root: Node,
    names: Vec<String>,
}

/// A formula's result with its calculation shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// The result.
    pub value: Value,
    /// The formula with each field replaced by its value.
    pub substituted: String,
    /// Each field read and its value.
    pub inputs: Vec<(String, String)>,
    /// `formula = substituted = result`.
    pub text: String,
}

/// One input a formula read.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TraceInput<'a> {
    /// Field or metric id.
    pub name: std::borrow::Cow<'a, str>,
    /// Its value as text (exact).
    pub value: String,
}

/// Values of a formula's fields, by slot; a missing value is an error only when it is used.
struct Slots<'a> {
    names: &'a [String],
    values: SlotValues,
}

/// A formula's field values; most formulas read a handful of fields, kept on the stack.
#[allow(clippy::large_enum_variant)] // on the stack on purpose: no allocation per evaluation
enum SlotValues {
    Few(ArrayVec<Option<Value>, 12>),
    Many(Vec<Option<Value>>),
}

impl SlotValues {
    fn with_capacity(n: usize) -> Self {
        if n <= 12 {
            SlotValues::Few(ArrayVec::new())
        } else {
            SlotValues::Many(Vec::with_capacity(n))
        }
    }
    fn push(&mut self, value: Option<Value>) {
        match self {
            SlotValues::Few(few) => {
                if let Err(full) = few.try_push(value) {
                    let mut many: Vec<Option<Value>> = few.drain(..).collect();
                    many.push(full.element());
                    *self = SlotValues::Many(many);
                }
            }
            SlotValues::Many(many) => many.push(value),
        }
    }
    fn as_slice(&self) -> &[Option<Value>] {
        match self {
            SlotValues::Few(few) => few,
            SlotValues::Many(many) => many,
        }
    }
}

impl Scope for Slots<'_> {
    fn get(&self, slot: usize) -> Result<Value> {
        match self.values.as_slice().get(slot) {
            Some(Some(v)) => Ok(v.clone()),
            _ => {
                let name = self.names.get(slot).map_or("", String::as_str);
                Err(Error::new(ErrorCode::MissingField)
                    .name(name)
                    .path(Origin::Record, format!("/{}", pointer_segment(name))))
            }
        }
    }
    fn peek(&self, slot: usize) -> Option<&Value> {
        self.values.as_slice().get(slot)?.as_ref()
    }
}

impl Formula {
    /// Compiles `src` with the default limits.
    pub fn compile(src: &str) -> Result<Formula> {
        Self::compile_with(src, Limits::default())
    }

    /// Compiles `src` with the given limits.
    pub fn compile_with(src: &str, limits: Limits) -> Result<Formula> {
        let mut names = CollectNames::default();
        let root = parse(src, limits, &mut names)?;
        Ok(Formula { source: src.to_string(), root, names: names.names })
    }

    /// The field names the formula mentions, in order of first appearance.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The source text.
    pub fn source(&self) -> &str {
        &self.source
    }

    fn scope(&self, inputs: impl IntoIterator<Item = Input>) -> Result<Slots<'_>> {
        let mut values = SlotValues::with_capacity(self.names.len());
        for (input, name) in inputs.into_iter().zip(&self.names) {
            let path = || format!("/{}", pointer_segment(name));
            values.push(input.to_value().map_err(|e| e.name(name.as_str()).path(Origin::Record, path()))?);
        }
        Ok(Slots { names: &self.names, values })
    }

    /// Evaluates with one input per name (in the order of [`Formula::names`]).
    pub fn evaluate_inputs(&self, inputs: impl IntoIterator<Item = Input>) -> Result<Value> {
        let scope = self.scope(inputs)?;
        Evaluator::new(&scope).eval(&self.root).map(Value::normalized)
    }

    /// Evaluates and shows the calculation: the formula with every field replaced by its value.
    pub fn explain_inputs(&self, inputs: impl IntoIterator<Item = Input>) -> Result<Explanation> {
        let scope = self.scope(inputs)?;
        let value = Evaluator::new(&scope).eval(&self.root).map(Value::normalized)?;
        let literals: Vec<Option<String>> =
            scope.values.as_slice().iter().map(|v| v.as_ref().map(render::literal)).collect();
        let substituted = render::Template::of(&self.root).fill(|slot| literals.get(slot).and_then(|l| l.as_deref()));
        let inputs = self
            .names
            .iter()
            .zip(scope.values.as_slice())
            .map(|(name, v)| (name.clone(), v.as_ref().map_or_else(|| "∅".to_string(), Value::to_string)))
            .collect();
        let source = self.source.trim();
        let text = if substituted == source {
            format!("{source} = {value}")
        } else {
            format!("{source} = {substituted} = {value}")
        };
        Ok(Explanation { value, substituted, inputs, text })
    }

    /// Evaluates against a JSON object of field values.
    pub fn evaluate_json(&self, values: &serde_json::Value) -> Result<Value> {
        let inputs = self.names.iter().map(|n| Input::from_json(values.get(n)));
        self.evaluate_inputs(inputs)
    }
}
