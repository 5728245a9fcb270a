//! Statements (提成明细): one line per component, slice, multiplier and adjustment, each with
//! its base, rate, bounds, gate, cap, multiplier and rounding difference, and a sentence in
//! zh-CN or en.
//!
//! Money is rounded here and only here, either per line (the total is the sum of the rounded
//! lines) or on the total (the total is the rounded exact sum, and the cents the lines' own
//! rounding got wrong are moved to the lines rounded furthest, so the lines still add up to the
//! total). Either way `roundingDifference` reports Σ lines rounded one by one − the rounded
//! exact total.
//!
//! ```
//! use salescore::incentive::{Currency, Statement, StatementLine, TotalRounding};
//! use salescore::number::{Rounding, RoundingStrategy};
//! use salescore::Locale;
//! use rust_decimal::Decimal;
//!
//! // Public case 6: two lines of 558.125, 四舍五入.
//! let mut s = Statement::new(Currency::default(), Rounding::new(2, RoundingStrategy::HalfUp), TotalRounding::OnTotal).unwrap();
//! s.push(StatementLine::adjustment("A", Decimal::new(558125, 3)));
//! s.push(StatementLine::adjustment("B", Decimal::new(558125, 3)));
//! let s = s.finish(Locale::En).unwrap();
//! assert_eq!(s.total.0.to_string(), "1116.25");
//! assert_eq!(s.rounding_difference.0.to_string(), "0.01");
//! assert_eq!((s.lines[0].amount.0.to_string(), s.lines[1].amount.0.to_string()), ("558.12".into(), "558.13".into()));
//! ```

use super::Currency;
use crate::base::name::Name;
use crate::base::number::{Dec, Rounding};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a statement line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum LineKind {
    /// A rate table slice: base × rate between bounds.
    Slice,
    /// The carried-in amount re-rated (retroactive and interpolated tables).
    EarlierSlice,
    /// Target bonus × payout percent read from a curve.
    Curve,
    /// What a multiplier adds: base × (factor − 1).
    Multiplier,
    /// A SPIFF: events × reward.
    Spiff,
    /// An MBO objective: bonus × weight × achievement.
    Objective,
    /// A draw advance on top of earnings.
    DrawAdvance,
    /// A draw balance recovered from earnings.
    DrawRecovery,
    /// A true-up: recomputed cumulative − paid to date.
    TrueUp,
    /// A share of a team pool.
    Pool,
    /// Commission withheld this period: − earned × holdback percent.
    Holdback,
    /// Earlier holdbacks released this period.
    HoldbackRelease,
    /// What was already paid, taken off a recomputed cumulative payout (true-up).
    PaidToDate,
    /// Any other adjustment (a clawback, a manual line).
    Adjustment,
}

/// Whether money is rounded line by line or on the total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum TotalRounding {
    /// Each line rounded; the total is their sum.
    #[default]
    PerLine,
    /// The exact total rounded; the lines adjusted to add up to it.
    OnTotal,
}

/// One line of a statement.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct StatementLine {
    /// The component it comes from.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub component: Name,
    /// What it is.
    pub kind: LineKind,
    /// A name within the component: the rule, multiplier, objective or pool member.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub name: Option<Name>,
    /// The transaction a slice pays (per-transaction calculation).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub transaction: Option<Name>,
    /// Tier index (slices).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub tier: Option<usize>,
    /// Lower bound of a slice.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub from: Option<Dec>,
    /// Upper bound of a slice.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub to: Option<Dec>,
    /// What the rate applies to.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub base: Option<Dec>,
    /// The rate (a fraction) or per-unit amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub rate: Option<Dec>,
    /// Attainment, percent (curves).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub attainment: Option<Dec>,
    /// Whether a gate passed (none: no gate).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub gate_passed: Option<bool>,
    /// Whether a cap cut the line.
    pub cap_hit: bool,
    /// The multiplier factor (multiplier lines).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub multiplier: Option<Dec>,
    /// The exact amount.
    pub exact: Dec,
    /// The amount paid, rounded.
    pub amount: Dec,
    /// amount − exact.
    pub rounding_diff: Dec,
    /// The line as a sentence.
    pub text: String,
}

/// A finished statement: lines, totals and the rounding reported.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Statement {
    /// The currency.
    pub currency: Currency,
    /// Money rounding.
    pub rounding: Rounding,
    /// Per line or on the total.
    pub total_rounding: TotalRounding,
    /// The lines, in order.
    pub lines: Vec<StatementLine>,
    /// Σ exact amounts.
    pub exact_total: Dec,
    /// The total paid: always exactly Σ line amounts.
    pub total: Dec,
    /// Σ lines rounded one by one − the exact total rounded (0 when both agree).
    pub rounding_difference: Dec,
    /// The total as a sentence.
    pub text: String,
}

impl StatementLine {
    /// A bare line of `kind` with an exact amount.
    pub fn new(component: impl Into<Name>, kind: LineKind, exact: Decimal) -> Self {
        StatementLine {
            component: component.into(),
            kind,
            name: None,
            transaction: None,
            tier: None,
            from: None,
            to: None,
            base: None,
            rate: None,
            attainment: None,
            gate_passed: None,
            cap_hit: false,
            multiplier: None,
            exact: Dec(exact),
            amount: Dec(exact),
            rounding_diff: Dec::default(),
            text: String::new(),
        }
    }

    /// An adjustment line (a clawback, a manual amount).
    pub fn adjustment(component: impl Into<Name>, exact: Decimal) -> Self {
        StatementLine::new(component, LineKind::Adjustment, exact)
    }

    pub(super) fn with(mut self, base: Decimal, rate: Decimal) -> Self {
        self.base = Some(Dec(base));
        self.rate = Some(Dec(rate));
        self
    }
}

crate::base::json::read::read_names!(TotalRounding { "perLine" => TotalRounding::PerLine, "onTotal" => TotalRounding::OnTotal });
