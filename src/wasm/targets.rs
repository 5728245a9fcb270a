//! `decompose(spec)`: target decomposition in one call.
//!
//! The result crosses as columns (numbers in one `Float64Array` or exact decimal strings in one
//! table, parents, depths and flags in one `Uint32Array`, ids, names and sentences in one string)
//! that `buildDecomposition` in `decomposition.js` turns into the node objects with one object
//! literal per node. The same result through the tape ([`convert::to_js`], as every other result)
//! takes 1.14–1.59× as long at 10,000 leaves (`./run bench output`; the figures are in the
//! README). Only the head (currency, unit, months, quarters, weeks) and the commitments, when
//! there are any, cross through [`convert::to_js`].

use super::convert;
use super::error::to_js;
use crate::base::checked::overflow;
use crate::base::error::Result;
use crate::base::number::{decimal_to_f64, serialize_numbers_as, Dec};
use crate::plan::output::NumberOutput;
use crate::targets::decompose::constraints::Rule;
use crate::targets::decompose::{Columns, Money, NodeView, Percent4, Why};
use rustc_hash::FxHashMap;
use std::fmt::Write as _;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/decomposition.js")]
extern "C" {
    #[wasm_bindgen(js_name = buildDecomposition)]
    #[allow(clippy::too_many_arguments)]
    fn build_decomposition(
        head: JsValue,
        numbers: &[f64],
        ints: &[u32],
        text: &str,
        lengths: &[u32],
        value_text: &str,
        value_lengths: &[u32],
        value_refs: &[u32],
        m: usize,
        q: usize,
        w: usize,
        explained: bool,
        commitments: JsValue,
    ) -> JsValue;
}

/// Splits a target top-down along the organisation and over the months of the period, exactly
/// at the rounding unit, and returns every node of the allocation tree as one flat list, depth
/// first with each node's parent index (`{ currency, unit, total, months, quarters, weeks?,
/// nodes }`). `explain: true` adds each node's reasons (`why`) and a sentence (`text`) in the
/// locale (default: the spec's). Throws `SalesScoreError` with a JSON pointer into the spec.
#[wasm_bindgen(unchecked_return_type = "Decomposition")]
pub fn decompose(
    #[wasm_bindgen(unchecked_param_type = "DecompositionSpec | string")] spec: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let json = super::document::json(&spec, &options, crate::base::json::document_locale)?;
    // The spec's locale is read on its own only for an error about the spec or the options.
    let spec_locale = || crate::base::json::document_locale(&json);
    let options = super::document::options_of(&options).map_err(|e| to_js(&e, spec_locale()))?;
    let spec =
        crate::targets::decompose::parse(&json).map_err(|e| to_js(&e, options.locale.unwrap_or_else(spec_locale)))?;
    let locale = options.locale.unwrap_or(spec.locale);
    let columns =
        crate::targets::decompose::columns(&spec, options.explain.then_some(locale)).map_err(|e| to_js(&e, locale))?;
    // The benchmark's comparison (`generic-output`, never in the package): the nodes through the
    // tape, as every other result.
    if cfg!(feature = "generic-output") {
        return serialize_numbers_as(options.numbers, || convert::to_js(&columns.result()?))
            .map_err(|e| to_js(&e, locale));
    }
    serialize_numbers_as(options.numbers, || build(&columns, options.numbers)).map_err(|e| to_js(&e, locale))
}

/// Where the numbers go: doubles, or references into a table of exact decimal strings (a
/// decomposition repeats few distinct amounts: 10,000 people's months, quarters and amounts hold
/// about 4,000), each string written once.
enum Values {
    Numbers(Vec<f64>),
    Text(Strings),
}

/// Distinct decimal strings and the references to them.
#[derive(Default)]
struct Strings {
    text: String,
    lengths: Vec<u32>,
    refs: Vec<u32>,
    /// Amounts in units → their string's index.
    money: FxHashMap<u128, u32>,
    /// Percentages (and none, as `u128::MAX`) → their string's index.
    percents: FxHashMap<u128, u32>,
    /// Decimals (by their exact representation) → their string's index.
    decimals: FxHashMap<u128, u32>,
}

/// The tables of [`Strings`].
#[derive(Clone, Copy)]
enum Table {
    Money,
    Percents,
    Decimals,
}

impl Strings {
    fn map(&mut self, table: Table) -> &mut FxHashMap<u128, u32> {
        match table {
            Table::Money => &mut self.money,
            Table::Percents => &mut self.percents,
            Table::Decimals => &mut self.decimals,
        }
    }

    /// Refers to the string of `key` in `table`, which `write` appends the first time.
    fn add(&mut self, table: Table, key: u128, write: impl FnOnce(&mut String) -> Result<()>) -> Result<()> {
        let index = match self.map(table).get(&key) {
            Some(i) => *i,
            None => {
                let from = self.text.len();
                write(&mut self.text)?;
                self.lengths.push(length(self.text.len().saturating_sub(from))?);
                let i = length(self.lengths.len().saturating_sub(1))?;
                self.map(table).insert(key, i);
                i
            }
        };
        self.refs.push(index);
        Ok(())
    }
}

impl Values {
    fn row(&mut self, money: Money, units: &[u128]) -> Result<()> {
        match self {
            Values::Numbers(out) => money.numbers(units, out)?,
            Values::Text(strings) => {
                for u in units {
                    strings.add(Table::Money, *u, |text| money.write(*u, text))?;
                }
            }
        }
        Ok(())
    }

    fn percent(&mut self, p: Option<Percent4>) -> Result<()> {
        match self {
            Values::Numbers(out) => out.push(p.map_or(0.0, Percent4::number)),
            Values::Text(strings) => strings
                .add(Table::Percents, p.map_or(u128::MAX, |p| p.0), |text| p.map_or(Ok(()), |p| p.write(text)))?,
        }
        Ok(())
    }

    fn decimal(&mut self, d: Dec) -> Result<()> {
        match self {
            Values::Numbers(out) => out.push(decimal_to_f64(d.0)),
            Values::Text(strings) => {
                let key = u128::from_le_bytes(d.0.serialize());
                strings.add(Table::Decimals, key, |text| write!(text, "{}", d.0).map_err(|_| overflow()))?
            }
        }
        Ok(())
    }

    /// A node's reasons: what they hold (see `buildDecomposition`), their numbers into `self`.
    fn why(&mut self, why: &Why) -> Result<u32> {
        let mut has = 0_u32;
        let fields = [
            why.base,
            why.availability,
            None,
            why.weight,
            why.weight_share,
            why.pool,
            why.ideal,
            why.rounding,
            why.bound,
        ];
        for (bit, field) in fields.iter().enumerate() {
            if bit == 2 && !why.ramp.is_empty() {
                has |= 1 << 2 | length(why.ramp.len())?.checked_shl(16).ok_or_else(overflow)?;
                for r in &why.ramp {
                    self.decimal(*r)?;
                }
            }
            if let Some(d) = field {
                has |= 1 << bit;
                self.decimal(*d)?;
            }
        }
        // A seasonality derived from history: always twelve months.
        if why.seasonality.len() == 12 {
            has |= 1 << 12;
            for p in &why.seasonality {
                self.decimal(*p)?;
            }
        }
        let basis = BASES.iter().position(|b| Some(*b) == why.basis).map_or(0, |i| i.saturating_add(1));
        Ok(has | length(basis)? << 9)
    }
}

/// The bases as `buildDecomposition` numbers them.
const BASES: [&str; 6] = ["equal", "history", "potential", "capacity", "weights", "blend"];

fn length(n: usize) -> Result<u32> {
    u32::try_from(n).map_err(|_| overflow())
}

/// The length of `s` in UTF-16 code units: one per character, two for those above U+FFFF (the
/// ones UTF-8 writes in four bytes).
fn utf16(s: &str) -> Result<u32> {
    let units = s.bytes().filter(|b| b & 0xc0 != 0x80).count().saturating_add(s.bytes().filter(|b| *b >= 0xf0).count());
    length(units)
}

/// A node's rule (0–4) and whether it has a share (8) and no name of its own (16).
fn flags(node: &NodeView<'_>) -> u32 {
    let rule = match node.rule {
        Rule::Total => 0,
        Rule::Share => 1,
        Rule::Locked => 2,
        Rule::Min => 3,
        Rule::Max => 4,
    };
    rule | if node.share.is_some() { 8 } else { 0 } | if node.id == node.name { 16 } else { 0 }
}

/// A node's values: the amount, its share, the months, the quarters (sums of months, `sums`
/// reused from node to node: the amount, then one per quarter) and the weeks.
fn amounts(
    values: &mut Values,
    sums: &mut [u128],
    node: &NodeView<'_>,
    quarters: &[std::ops::Range<usize>],
    money: Money,
) -> Result<()> {
    sums.fill(0);
    if let Some(first) = sums.first_mut() {
        *first = node.units;
    }
    for (sum, range) in sums.iter_mut().skip(1).zip(quarters) {
        let months = node.months.get(range.clone()).unwrap_or_default();
        *sum = months.iter().try_fold(0_u128, |a, u| a.checked_add(*u)).ok_or_else(overflow)?;
    }
    values.row(money, sums.get(..1).unwrap_or_default())?;
    values.percent(node.share)?;
    values.row(money, node.months)?;
    values.row(money, sums.get(1..).unwrap_or_default())?;
    values.row(money, node.weeks)
}

/// Hands the columns to `buildDecomposition`.
fn build(columns: &Columns<'_>, numbers: NumberOutput) -> Result<JsValue> {
    let n = columns.len();
    let money = columns.money();
    let (m, q, w) = (columns.months(0).len(), columns.quarter_count(), columns.weeks(0).len());
    let quarters = columns.quarter_ranges();
    let per_node = m.saturating_add(q).saturating_add(w).saturating_add(2);
    let mut values = match numbers {
        NumberOutput::Number => Values::Numbers(Vec::with_capacity(n.saturating_mul(per_node))),
        NumberOutput::String => {
            Values::Text(Strings { refs: Vec::with_capacity(n.saturating_mul(per_node)), ..Strings::default() })
        }
    };
    let mut ints = Vec::with_capacity(n.saturating_mul(4));
    let mut text = String::new();
    let mut lengths = Vec::with_capacity(n);
    let mut commitments = Vec::new();
    let mut sums = vec![0_u128; q.saturating_add(1)];
    let explained = columns.reasons_at(0).is_some();
    for at in 0..n {
        let node = columns.view(at);
        let parent = node.parent.map_or(Ok(0), |p| length(p.saturating_add(1)))?;
        text.push_str(node.id);
        lengths.push(utf16(node.id)?);
        if node.id != node.name {
            text.push_str(node.name);
            lengths.push(utf16(node.name)?);
        }
        amounts(&mut values, &mut sums, &node, quarters, money)?;
        if let Some(c) = columns.commitment(at) {
            commitments.push((at, c));
        }
        let mut has = 0;
        if let Some((why, sentence)) = columns.reasons_at(at) {
            has = values.why(why)?;
            text.push_str(sentence);
            lengths.push(utf16(sentence)?);
        }
        ints.extend([parent, node.depth, flags(&node), has]);
    }
    let commitments = if commitments.is_empty() { JsValue::UNDEFINED } else { convert::to_js(&commitments)? };
    let head = convert::to_js(&columns.head()?)?;
    let (numbers, strings) = match &values {
        Values::Numbers(v) => (v.as_slice(), None),
        Values::Text(s) => (&[][..], Some(s)),
    };
    let (value_text, value_lengths, value_refs) =
        strings.map_or(("", &[][..], &[][..]), |s| (s.text.as_str(), &s.lengths[..], &s.refs[..]));
    Ok(build_decomposition(
        head,
        numbers,
        &ints,
        &text,
        &lengths,
        value_text,
        value_lengths,
        value_refs,
        m,
        q,
        w,
        explained,
        commitments,
    ))
}
