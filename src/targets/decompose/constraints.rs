//! Locks, minima and maxima among siblings, and when they cannot be met.
//!
//! Locked children get exactly their locked amount; the rest of the parent's amount (the
//! **pool**) is shared by the other children. Without bounds each gets `pool × wᵢ ÷ Σw`. With
//! bounds each gets `clamp(λ·wᵢ, minᵢ, maxᵢ)` for the one λ that makes them add up to the pool
//! (a child without a minimum has 0, without a maximum no limit): children the proportional
//! share would push below their minimum sit at it, above their maximum sit at it, and the others
//! (the **free** children) share what is left in proportion to their weights, rounded by largest
//! remainder. Bounds are whole units, so rounding a free child never crosses one.

use super::allocate::split;
use crate::base::arithmetic::Arithmetic;
use crate::base::checked::{overflow, sum};
use crate::base::error::{Error, ErrorCode, Origin, Phrase, Result};
use rust_decimal::Decimal;

/// One child as the split sees it (amounts in whole units).
#[derive(Clone, Debug, PartialEq)]
pub struct Sibling<'a> {
    /// Node index in the spec.
    pub node: usize,
    /// Id (the tie-break key).
    pub id: &'a str,
    /// Weight (≥ 0).
    pub weight: Decimal,
    /// Lowest amount.
    pub min: Option<u128>,
    /// Highest amount.
    pub max: Option<u128>,
    /// Locked amount.
    pub locked: Option<u128>,
}

/// Why a child got its amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Rule {
    /// The root: the spec's total.
    Total,
    /// Its proportional share of the pool.
    Share,
    /// Its locked amount.
    Locked,
    /// Its minimum (the share would be below it).
    Min,
    /// Its maximum (the share would be above it).
    Max,
}

/// The amounts of the siblings and why, and the pool shared by the free ones.
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    /// Units and rule per sibling, in sibling order.
    pub amounts: Vec<(u128, Rule)>,
    /// Units shared in proportion among the free siblings.
    pub pool: u128,
    /// Sum of the free siblings' weights.
    pub free_weight: Decimal,
}

fn infeasible(parent_id: &str, parent: usize, expected: Phrase, found: String) -> Error {
    Error::new(ErrorCode::Infeasible)
        .name(parent_id)
        .expected(expected)
        .found(found)
        .path(Origin::Plan, format!("/nodes/{parent}"))
}

/// Splits `units` among `kids` (the parent is `parent`, id `parent_id`, for errors).
pub fn share(units: u128, kids: &[Sibling<'_>], parent: usize, parent_id: &str, basis: Phrase) -> Result<Split> {
    let locked: u128 = kids.iter().filter_map(|k| k.locked).try_fold(0_u128, u128::checked_add).ok_or_else(overflow)?;
    let Some(rest) = units.checked_sub(locked) else {
        return Err(infeasible(parent_id, parent, Phrase::LockedExceed, format!("{locked} > {units}")));
    };
    let open: Vec<usize> = (0..kids.len()).filter(|i| kids.get(*i).is_some_and(|k| k.locked.is_none())).collect();
    if open.is_empty() && rest > 0 {
        let expected = Phrase::AllLockedMismatch;
        return Err(infeasible(parent_id, parent, expected, format!("{locked} ≠ {units}")));
    }
    let min_sum: u128 =
        open.iter().filter_map(|i| kids.get(*i)?.min).try_fold(0_u128, u128::checked_add).ok_or_else(overflow)?;
    if min_sum > rest {
        return Err(infeasible(parent_id, parent, Phrase::MinimaExceed, format!("{min_sum} > {rest}")));
    }
    if let Some(max_sum) = open.iter().map(|i| kids.get(*i).and_then(|k| k.max)).sum::<Option<u128>>() {
        if max_sum < rest {
            return Err(infeasible(parent_id, parent, Phrase::MaximaShort, format!("{max_sum} < {rest}")));
        }
    }
    let mut amounts: Vec<(u128, Rule)> = kids.iter().map(|k| (k.locked.unwrap_or(0), Rule::Locked)).collect();
    let mut state = clamp_states(rest, kids, &open)?;
    // Rounding at the edge of a bound is re-checked: a free child that lands outside its bounds
    // is moved to the bound and the rest re-split (at most once per child).
    loop {
        let free: Vec<usize> = open.iter().copied().filter(|i| state.get(*i) == Some(&Rule::Share)).collect();
        let fixed: u128 = open
            .iter()
            .filter(|i| state.get(**i) != Some(&Rule::Share))
            .map(|i| bound_of(kids.get(*i), state.get(*i)))
            .try_fold(0_u128, u128::checked_add)
            .ok_or_else(overflow)?;
        let pool = rest.checked_sub(fixed).ok_or_else(overflow)?;
        let weights: Vec<Decimal> = free.iter().filter_map(|i| kids.get(*i).map(|k| k.weight)).collect();
        let free_weight = sum(weights.iter().copied())?;
        if pool > 0 && (free.is_empty() || free_weight.is_zero()) {
            return Err(Error::new(ErrorCode::WeightsAllZero)
                .name(parent_id)
                .expected(basis)
                .path(Origin::Plan, format!("/nodes/{parent}")));
        }
        let ids: Vec<&str> = free.iter().filter_map(|i| kids.get(*i).map(|k| k.id)).collect();
        let got = split(pool, &weights, |j| ids.get(j).copied().unwrap_or(""))?;
        let mut moved = false;
        for (j, i) in free.iter().enumerate() {
            let g = got.get(j).copied().unwrap_or(0);
            let kid = kids.get(*i);
            let rule = match (kid.and_then(|k| k.min), kid.and_then(|k| k.max)) {
                (Some(min), _) if g < min => Rule::Min,
                (_, Some(max)) if g > max => Rule::Max,
                _ => Rule::Share,
            };
            if rule != Rule::Share {
                moved = true;
                if let Some(s) = state.get_mut(*i) {
                    *s = rule;
                }
            }
            if let Some(a) = amounts.get_mut(*i) {
                *a = (g, Rule::Share);
            }
        }
        if moved {
            continue;
        }
        for i in &open {
            if let (Some(a), Some(s)) = (amounts.get_mut(*i), state.get(*i)) {
                if *s != Rule::Share {
                    *a = (bound_of(kids.get(*i), Some(s)), *s);
                }
            }
        }
        return Ok(Split { amounts, pool, free_weight });
    }
}

/// The first 8 bytes of `id`, big-endian, zero-padded: ordering by it orders by the id's bytes
/// except between ids that agree on them.
fn prefix(id: &str) -> u64 {
    let mut b = [0_u8; 8];
    for (slot, byte) in b.iter_mut().zip(id.bytes()) {
        *slot = byte;
    }
    u64::from_be_bytes(b)
}

fn bound_of(kid: Option<&Sibling<'_>>, rule: Option<&Rule>) -> u128 {
    match (kid, rule) {
        (Some(k), Some(Rule::Min)) => k.min.unwrap_or(0),
        (Some(k), Some(Rule::Max)) => k.max.unwrap_or(0),
        _ => 0,
    }
}

/// Which open siblings sit at a bound in the exact (unrounded) solution, found by sweeping λ
/// over the points where a child leaves its minimum or reaches its maximum. Indices are into
/// `kids`; locked siblings stay `Locked`.
fn clamp_states(rest: u128, kids: &[Sibling<'_>], open: &[usize]) -> Result<Vec<Rule>> {
    let mut state = vec![Rule::Locked; kids.len()];
    let bounded = open.iter().any(|i| kids.get(*i).is_some_and(|k| k.min.is_some() || k.max.is_some()));
    for i in open {
        if let Some(s) = state.get_mut(*i) {
            *s = if bounded { Rule::Min } else { Rule::Share };
        }
    }
    if !bounded {
        return Ok(state);
    }
    let (constant, events) = events(kids, open)?;
    sweep(dec(rest), kids, constant, events, &mut state)?;
    Ok(state)
}

/// Units as a decimal (the largest decimal past its range).
fn dec(u: u128) -> Decimal {
    i128::try_from(u).ok().and_then(|i| Decimal::try_from_i128_with_scale(i, 0).ok()).unwrap_or(Decimal::MAX)
}

/// Where a sibling enters or leaves the free set: (λ, enters?, id, index into the siblings).
type Event<'a> = (Decimal, bool, &'a str, usize);

/// The sum of the open siblings' minimums (the amount reached at λ = 0), and the events in
/// sweeping order.
///
/// Each open sibling enters the free set at min/w and leaves it at max/w (a bound of 0, the
/// usual case, is at λ = 0 without dividing). Sorted by λ, entries before exits, then by id:
/// the sum of the weights that entered (the slope) is rounded once it has more digits than a
/// decimal holds, so its order is part of the result. Events at λ = 0 are sorted apart,
/// without comparing decimals, and ids by their first 8 bytes first.
fn events<'a>(kids: &[Sibling<'a>], open: &[usize]) -> Result<(Decimal, Vec<Event<'a>>)> {
    let mut zero: Vec<(bool, u64, &str, usize)> = Vec::new();
    let mut events: Vec<Event<'a>> = Vec::new();
    let mut constant = Decimal::ZERO;
    for i in open {
        let Some(k) = kids.get(*i) else { continue };
        let min = dec(k.min.unwrap_or(0));
        constant = constant.add_checked(min).ok_or_else(overflow)?;
        if k.weight.is_zero() {
            continue;
        }
        let mut event = |bound: Decimal, enters: bool| -> Result<()> {
            if bound.is_zero() {
                zero.push((!enters, prefix(k.id), k.id, *i));
            } else {
                events.push((bound.div_checked(k.weight).ok_or_else(overflow)?, enters, k.id, *i));
            }
            Ok(())
        };
        event(min, true)?;
        if let Some(max) = k.max {
            event(dec(max), false)?;
        }
    }
    // Every (exit?, id) is distinct: any sort gives the one order.
    crate::base::order::sort_by(&mut zero, |a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then_with(|| a.2.cmp(b.2)));
    crate::base::order::sort_by(&mut events, |a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    let zero = zero.into_iter().map(|(exits, _, id, i)| (Decimal::ZERO, !exits, id, i));
    // A bound so small against its weight that λ rounds to 0 would belong among them.
    if events.first().is_some_and(|e| e.0.is_zero()) {
        let mut all: Vec<_> = zero.chain(events).collect();
        crate::base::order::sort_by(&mut all, |a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
        Ok((constant, all))
    } else {
        Ok((constant, zero.chain(events).collect()))
    }
}

/// Sweeps λ up through the events until the amount reached (the constant part, plus the slope
/// × λ) makes up `target`: a sibling that entered is a share, one that left is at its maximum.
fn sweep(
    target: Decimal,
    kids: &[Sibling<'_>],
    constant: Decimal,
    events: Vec<Event<'_>>,
    state: &mut [Rule],
) -> Result<()> {
    let (mut constant, mut slope) = (constant, Decimal::ZERO);
    for (lambda, enters, _, i) in events {
        // At λ = 0 the amount reached is the constant part alone.
        let reached = if lambda.is_zero() {
            constant
        } else {
            constant.add_checked(slope.mul_checked(lambda).ok_or_else(overflow)?).ok_or_else(overflow)?
        };
        if reached >= target {
            break;
        }
        let Some(k) = kids.get(i) else { continue };
        let s = state.get_mut(i).ok_or_else(overflow)?;
        if enters {
            *s = Rule::Share;
            constant = constant.sub_checked(dec(k.min.unwrap_or(0))).ok_or_else(overflow)?;
            slope = slope.add_checked(k.weight).ok_or_else(overflow)?;
        } else {
            *s = Rule::Max;
            constant = constant.add_checked(dec(k.max.unwrap_or(0))).ok_or_else(overflow)?;
            slope = slope.sub_checked(k.weight).ok_or_else(overflow)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kid<'a>(id: &'a str, w: i64) -> Sibling<'a> {
        Sibling { node: 0, id, weight: Decimal::from(w), min: None, max: None, locked: None }
    }

    fn units(s: &Split) -> Vec<u128> {
        s.amounts.iter().map(|a| a.0).collect()
    }

    #[test]
    fn lock_then_share_the_rest() {
        let kids = [Sibling { locked: Some(50), ..kid("a", 1) }, kid("b", 1), kid("c", 3)];
        let s = share(150, &kids, 0, "p", Phrase::Equal).unwrap();
        assert_eq!(units(&s), [50, 25, 75]);
        assert_eq!(s.amounts[0].1, Rule::Locked);
    }

    #[test]
    fn min_and_max_clamp_and_the_rest_is_shared() {
        // Proportional 100 / 100 / 100; a's minimum 150, b's maximum 50: c gets the rest.
        let kids = [Sibling { min: Some(150), ..kid("a", 1) }, Sibling { max: Some(50), ..kid("b", 1) }, kid("c", 1)];
        let s = share(300, &kids, 0, "p", Phrase::Equal).unwrap();
        assert_eq!(units(&s), [150, 50, 100]);
        assert_eq!(s.amounts.iter().map(|a| a.1).collect::<Vec<_>>(), [Rule::Min, Rule::Max, Rule::Share]);
        // The maximum binds only when the share would pass it.
        let kids = [Sibling { max: Some(200), ..kid("a", 1) }, kid("b", 1)];
        assert_eq!(units(&share(300, &kids, 0, "p", Phrase::Equal).unwrap()), [150, 150]);
    }

    #[test]
    fn id_prefixes_order_as_the_ids() {
        let ids =
            ["", "a", "a\0", "a\0b", "ab", "abcdefgh", "abcdefgh0", "abcdefgi", "b", "张伟", "张伟伟", "P10", "P9"];
        for x in ids {
            for y in ids {
                let by_prefix = prefix(x).cmp(&prefix(y)).then_with(|| x.cmp(y));
                assert_eq!(by_prefix, x.cmp(y), "{x:?} {y:?}");
            }
        }
    }

    #[test]
    fn infeasible_constraints_name_the_parent() {
        let kids = [Sibling { locked: Some(200), ..kid("a", 1) }, kid("b", 1)];
        let e = share(100, &kids, 3, "华东", Phrase::Equal).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str(), e.detail.name.as_deref()),
            (ErrorCode::Infeasible, "/nodes/3", Some("华东"))
        );
        let kids = [Sibling { min: Some(80), ..kid("a", 1) }, Sibling { min: Some(80), ..kid("b", 1) }];
        assert_eq!(share(100, &kids, 0, "p", Phrase::Equal).unwrap_err().code, ErrorCode::Infeasible);
        let kids = [Sibling { max: Some(10), ..kid("a", 1) }, Sibling { max: Some(10), ..kid("b", 1) }];
        assert_eq!(share(100, &kids, 0, "p", Phrase::Equal).unwrap_err().code, ErrorCode::Infeasible);
        let kids = [kid("a", 0), kid("b", 0)];
        assert_eq!(share(100, &kids, 0, "p", Phrase::Equal).unwrap_err().code, ErrorCode::WeightsAllZero);
    }
}
