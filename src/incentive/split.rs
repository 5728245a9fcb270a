//! Split credit (业绩分配): one deal credited to several reps by shares that total exactly 100%.
//! Each rep's credited amount is exact to the cent and the credits add up to the deal; a rep's
//! attainment counts only the credit.
//!
//! ```
//! use salescore::incentive::{parse, Currency, Split};
//! use rust_decimal::Decimal;
//!
//! let split = Split::new(parse(r#"{"shares": [{"rep": "张三", "percent": 60}, {"rep": "李四", "percent": 40}]}"#).unwrap()).unwrap();
//! let credit = split.credit(Decimal::new(1000001, 2), &Currency::default()).unwrap();
//! assert_eq!(credit[0].credited.0.to_string(), "6000.01");
//! assert_eq!(credit[1].credited.0.to_string(), "4000.00");
//! ```

use super::{at, non_negative, sum, Currency};
use crate::base::error::{ErrorCode, Result};
use crate::base::number::Dec;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One rep's share of the credit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SplitShareDef {
    /// The rep.
    pub rep: String,
    /// Percent of the credit.
    pub percent: Dec,
}

/// A credit split as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SplitDef {
    /// The shares, totalling 100.
    pub shares: Vec<SplitShareDef>,
}

impl SplitShareDef {
    /// The shares of a transaction's split cell (JSON from a record): an array of `{ rep,
    /// percent }` objects, each with both members and no other, `percent` a number (by its
    /// shortest decimal form) or a decimal string, as serde's derive reads them; none when the
    /// value is not that. Unlike serde's derive, a share written as an array (`["张三", 60]`) is
    /// not read, as no document's object is.
    pub(crate) fn list_of(value: &serde_json::Value) -> Option<Vec<SplitShareDef>> {
        use serde_json::Value;
        let share = |v: &Value| {
            let o = v.as_object().filter(|o| o.len() == 2)?;
            let rep = o.get("rep")?.as_str()?.to_string();
            let percent = match o.get("percent")? {
                Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                    (Some(u), _) => Decimal::from(u),
                    (None, Some(i)) => Decimal::from(i),
                    (None, None) => crate::base::number::decimal_from_f64(n.as_f64()?).ok()?,
                },
                Value::String(text) => crate::base::number::parse_decimal(text).ok()?,
                _ => return None,
            };
            Some(SplitShareDef { rep, percent: Dec(percent) })
        };
        value.as_array()?.iter().map(share).collect()
    }
}

/// A validated split.
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    def: SplitDef,
}

/// What one rep is credited.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SplitShare {
    /// The rep.
    pub rep: String,
    /// Percent of the credit.
    pub percent: Dec,
    /// amount × percent, exact before rounding.
    pub exact: Dec,
    /// The credited amount, to the smallest unit; the credits add up to the amount.
    pub credited: Dec,
}

impl Split {
    /// Validates: shares ≥ 0, reps unique (`DUPLICATE_ID`), total exactly 100 (`SPLITS_NOT_100`).
    pub fn new(def: SplitDef) -> Result<Self> {
        for (i, share) in def.shares.iter().enumerate() {
            non_negative(share.percent.0, "percent", &format!("/shares/{i}/percent"))?;
            if def.shares.iter().take(i).any(|s| s.rep == share.rep) {
                return Err(at(ErrorCode::DuplicateId, format!("/shares/{i}/rep")).name(share.rep.clone()));
            }
        }
        let total = sum(def.shares.iter().map(|s| s.percent.0))?;
        if total != Decimal::ONE_HUNDRED {
            return Err(at(ErrorCode::SplitsNot100, "/shares").found(total.normalize().to_string()));
        }
        Ok(Split { def })
    }

    /// The definition.
    pub fn def(&self) -> &SplitDef {
        &self.def
    }

    /// Credits `amount` (negative for a clawback) to the reps, exact to the currency's unit.
    pub fn credit(&self, amount: Decimal, currency: &Currency) -> Result<Vec<SplitShare>> {
        let weights: Vec<Decimal> = self.def.shares.iter().map(|s| s.percent.0).collect();
        let keys: Vec<&str> = self.def.shares.iter().map(|s| s.rep.as_str()).collect();
        let parts = super::allocation::allocate(amount, currency, &weights, &keys)?;
        self.def
            .shares
            .iter()
            .zip(parts)
            .map(|(s, credited)| {
                let exact = super::percent_of(amount, s.percent.0)?;
                Ok(SplitShare { rep: s.rep.clone(), percent: s.percent, exact: Dec(exact), credited: Dec(credited) })
            })
            .collect()
    }

    /// What `rep` is credited of `amount`: its share of [`Split::credit`] (0 when the split does
    /// not name it), with the same errors, without building every rep's share.
    pub(crate) fn credit_to(&self, amount: Decimal, currency: &Currency, rep: &str) -> Result<Decimal> {
        let mine = self.def.shares.iter().position(|s| s.rep == rep);
        if let Some(credited) = mine.and_then(|m| share_of(&self.def.shares, amount, currency, m)) {
            for s in &self.def.shares {
                super::percent_of(amount, s.percent.0)?;
            }
            return Ok(credited);
        }
        self.credit_to_by_allocating(amount, currency, rep)
    }

    /// [`Split::credit_to`] through `allocate`, every part built: the reference the fast path
    /// (`share_of`) is tested against, and what reports the errors.
    fn credit_to_by_allocating(&self, amount: Decimal, currency: &Currency, rep: &str) -> Result<Decimal> {
        let weights: Vec<Decimal> = self.def.shares.iter().map(|s| s.percent.0).collect();
        let keys: Vec<&str> = self.def.shares.iter().map(|s| s.rep.as_str()).collect();
        let parts = super::allocation::allocate(amount, currency, &weights, &keys)?;
        let mut mine = None;
        for (s, credited) in self.def.shares.iter().zip(parts) {
            // `credit` works out each exact share too: the same overflow is reported here.
            super::percent_of(amount, s.percent.0)?;
            if mine.is_none() && s.rep == rep {
                mine = Some(credited);
            }
        }
        Ok(mine.unwrap_or(Decimal::ZERO))
    }
}

/// Share `m`'s part of `amount`, worked out alone: the same largest-remainder apportionment as
/// `allocation::allocate` (whole units of each share, the units left one each to the largest
/// remainders, ties to the smaller rep then the earlier share), without building every part.
/// `None` wherever `allocate` could report an error: the caller then takes that path.
fn share_of(shares: &[SplitShareDef], amount: Decimal, currency: &Currency, m: usize) -> Option<Decimal> {
    let units = currency.units(amount, "amount", "").ok()?;
    let n = units.unsigned_abs();
    // Every part is at most `n` units: when `n` fits, every part does.
    currency.from_units(i128::try_from(n).ok()?).ok()?;
    // The weights as integers at their common scale, as `allocate` reads them.
    let scale = shares.iter().map(|s| s.percent.0.normalize().scale()).max().unwrap_or(0);
    let weight = |s: &SplitShareDef| -> Option<u128> {
        let w = s.percent.0;
        if w.is_sign_negative() && !w.is_zero() {
            return None;
        }
        let mut v = w;
        v.rescale(scale);
        u128::try_from(v.mantissa()).ok()
    };
    let mut denominator = 0_u128;
    for s in shares {
        denominator = denominator.checked_add(weight(s)?)?;
    }
    if denominator == 0 {
        return None;
    }
    // (whole units, remainder) of share `i`.
    let part = |s: &SplitShareDef| -> Option<(u128, u128)> {
        let share = n.checked_mul(weight(s)?)?;
        Some((share.checked_div(denominator)?, share.checked_rem(denominator)?))
    };
    let me = shares.get(m)?;
    let (whole, rem) = part(me)?;
    let (mut placed, mut fractional, mut ahead) = (0_u128, 0_u128, 0_u128);
    for (i, s) in shares.iter().enumerate() {
        let (w, r) = part(s)?;
        placed = placed.saturating_add(w);
        if r > 0 {
            fractional = fractional.saturating_add(1);
            // Before this share in the order the left units go round: larger remainder, then
            // the smaller rep, then the earlier share.
            if r > rem || (r == rem && (s.rep.as_str(), i) < (me.rep.as_str(), m)) {
                ahead = ahead.saturating_add(1);
            }
        }
    }
    let left = u128::try_from(usize::try_from(n.saturating_sub(placed)).unwrap_or(usize::MAX)).ok()?;
    let extra = if rem == 0 || fractional == 0 {
        0
    } else {
        left.checked_div(fractional)?.saturating_add(u128::from(ahead < left.checked_rem(fractional)?))
    };
    let count = i128::try_from(whole.checked_add(extra)?).ok()?;
    currency.from_units(if units < 0 { count.checked_neg()? } else { count }).ok()
}

use crate::base::json::read::{At, Read};

impl Read for SplitShareDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["rep", "percent"])?;
        Ok(SplitShareDef { rep: o.req("rep")?, percent: o.req("percent")? })
    }
}

impl Read for SplitDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["shares"])?;
        Ok(SplitDef { shares: o.req("shares")? })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test
    use super::*;
    #[cfg(not(target_arch = "wasm32"))]
    use crate::base::arithmetic::Arithmetic;

    /// A JSON value that is, or is near, a list of shares: keys `rep`, `percent` and others,
    /// values of every kind (numbers whole, negative, fractional, huge; decimal strings and
    /// text), shares written as arrays.
    #[cfg(not(target_arch = "wasm32"))]
    fn share_lists() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        use serde_json::{json, Value};
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-1e30_f64..1e30).prop_map(|f| json!(f)),
            (0_u32..1000, 0_u32..4).prop_map(|(m, s)| json!(Decimal::new(i64::from(m), s).to_string())),
            proptest::sample::select(vec!["张三", "60", "-5", "1e3", "", " 7", "abc", "0.1"]).prop_map(Value::from),
        ];
        let key = proptest::sample::select(vec!["rep", "percent", "Rep", "share"]);
        let named = proptest::sample::select(vec!["张三", "李四", ""]);
        let share = prop_oneof![
            4 => (named, leaf.clone()).prop_map(|(rep, percent)| json!({"rep": rep, "percent": percent})),
            4 => proptest::collection::btree_map(key, leaf.clone(), 0..4)
                .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
            1 => proptest::collection::vec(leaf.clone(), 0..3).prop_map(Value::Array),
            1 => leaf.clone(),
        ];
        prop_oneof![4 => proptest::collection::vec(share, 0..4).prop_map(Value::Array), 1 => leaf]
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, ..Default::default() })]
        /// A split cell reads as serde's derive reads it (but for a share written as an array,
        /// which it does not read).
        #[test]
        fn split_cells_read_as_serde_reads_them(value in share_lists()) {
            let by_serde = <Vec<SplitShareDef> as Deserialize>::deserialize(&value).ok();
            let as_array = value.as_array().is_some_and(|a| a.iter().any(serde_json::Value::is_array));
            let read = SplitShareDef::list_of(&value);
            if as_array {
                proptest::prop_assert!(read.is_none());
            } else {
                proptest::prop_assert_eq!(read, by_serde, "{}", value);
            }
        }
    }

    #[test]
    fn split_cells_read_their_shares() {
        let value = serde_json::json!([{"rep": "张三", "percent": 60}, {"percent": "40.5", "rep": "李四"}, {"rep": "王五", "percent": -0.5}]);
        let read = SplitShareDef::list_of(&value).unwrap();
        let got: Vec<(&str, String)> = read.iter().map(|s| (s.rep.as_str(), s.percent.0.to_string())).collect();
        assert_eq!(got, [("张三", "60".to_string()), ("李四", "40.5".to_string()), ("王五", "-0.5".to_string())]);
        for bad in [
            serde_json::json!({"rep": "张三", "percent": 100}),
            serde_json::json!([{"rep": "张三"}]),
            serde_json::json!([{"rep": "张三", "percent": 100, "note": 1}]),
            serde_json::json!([{"rep": 1, "percent": 100}]),
            serde_json::json!([{"rep": "张三", "percent": "百"}]),
            serde_json::json!([["张三", 100]]),
        ] {
            assert_eq!(SplitShareDef::list_of(&bad), None, "{bad}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]
        /// The fast path credits every rep exactly what allocating every part credits it.
        #[test]
        fn credit_to_matches_allocating_every_part(
            percents in proptest::collection::vec(proptest::prop_oneof![(0_i64..=2_500, 2_u32..=4), (0_i64..=25, proptest::strategy::Just(0_u32))], 1..6),
            reps in proptest::collection::vec(0_u8..4, 6),
            cents in -10_000_000_000_i64..10_000_000_000,
            scale in 0_u32..=3,
        ) {
            // Shares total exactly 100: the first takes what the others leave (when it can).
            let mut weights: Vec<Decimal> = percents.iter().map(|(p, s)| Decimal::new(*p, *s)).collect();
            let others: Decimal = weights.iter().skip(1).copied().sum();
            proptest::prop_assume!(others <= Decimal::ONE_HUNDRED);
            weights[0] = Decimal::ONE_HUNDRED.sub_checked(others).unwrap();
            let shares: Vec<SplitShareDef> = weights
                .iter()
                .enumerate()
                .map(|(i, w)| SplitShareDef { rep: format!("r{}-{i}", reps[i]), percent: Dec(*w) })
                .collect();
            let split = Split::new(SplitDef { shares: shares.clone() }).unwrap();
            let currency = Currency::default();
            let amount = Decimal::new(cents, scale);
            for s in shares.iter().map(|s| s.rep.as_str()).chain(["nobody"]) {
                let fast = split.credit_to(amount, &currency, s).map_err(|e| (e.code, e.path.clone()));
                let slow = split.credit_to_by_allocating(amount, &currency, s).map_err(|e| (e.code, e.path.clone()));
                proptest::prop_assert_eq!(fast, slow);
            }
        }
    }

    #[test]
    fn shares_must_total_100() {
        let def: SplitDef =
            super::super::parse(r#"{"shares": [{"rep": "a", "percent": 60}, {"rep": "b", "percent": 30}]}"#).unwrap();
        let e = Split::new(def).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str(), e.detail.found.as_deref()),
            (ErrorCode::SplitsNot100, "/shares", Some("90"))
        );
    }

    #[test]
    fn thirds_add_up() {
        let def: SplitDef = super::super::parse(
            r#"{"shares": [{"rep": "a", "percent": "33.33"}, {"rep": "b", "percent": "33.33"}, {"rep": "c", "percent": "33.34"}]}"#,
        )
        .unwrap();
        let credit = Split::new(def).unwrap().credit(Decimal::new(1, 2), &Currency::default()).unwrap();
        let total: Decimal = credit.iter().map(|c| c.credited.0).sum();
        assert_eq!(total, Decimal::new(1, 2));
        assert_eq!(credit[2].credited.0, Decimal::new(1, 2));
    }
}
