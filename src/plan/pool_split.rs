//! A pool split again after one member's share weight moved, from what its last split kept.
//!
//! Splitting a pool among a group's members reads every member's weight and id and turns each
//! weight into an integer at the weights' common scale ([`crate::incentive::allocation`]). When
//! one score moves, only that member's weight changes: [`PoolSplits`] keeps each group's
//! members, ids, integer weights, their total and the units each was given, so the split again
//! changes one weight and the denominator and works the largest remainders out again, reading
//! nothing else. It gives what [`Plan::pool_awards`] gives (the largest remainder method is the
//! same at any common scale of the weights); whatever it cannot keep exactly (a weight finer than
//! the kept scale, a total past the decimal range, a member it does not hold) is split from the
//! members again.

use super::team::{PoolAward, PoolAwards, TeamMember};
use super::Plan;
use crate::base::checked::{overflow, pow10};
use crate::base::error::Result;
use crate::base::tally::Tally;
use crate::incentive::allocation::{integer_weights, signed_part, unit_counts, IntegerWeights};
use crate::incentive::{Currency, PoolPart};
use rust_decimal::Decimal;

/// Each pool's split per group (or for the whole team) as a side last made it.
#[derive(Clone, Debug, Default)]
pub(crate) struct PoolSplits(Vec<Sharers>);

impl PoolSplits {
    /// Forgets every split (the members, their groups or their weights changed otherwise).
    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }
}

/// One pool's members in one group, as last split.
#[derive(Clone, Debug)]
struct Sharers {
    /// The pool component's index.
    component: usize,
    /// The group (none: the team, or the members without a group).
    group: Option<String>,
    /// The members' record indices, ascending.
    indices: Vec<usize>,
    /// Each member's place among their ids in order: what breaks a tie between equal
    /// remainders, as comparing the ids does (ids in a team are unique).
    id_ranks: Vec<u32>,
    weights: Vec<Decimal>,
    /// The weights as integers at `scale`, and their sum.
    ints: Vec<u128>,
    scale: u32,
    denominator: u128,
    /// Σ weights, as [`PoolPart::total`] gives it.
    total: Tally,
    /// Members whose weight is above 0.
    sharing: usize,
    /// The units each member was given by the last split (none before the first).
    counts: Vec<u128>,
}

impl Sharers {
    /// Pool `component`'s members in `group` (`per_group`), read from `members`.
    fn new(
        component: usize,
        per_group: bool,
        group: Option<&str>,
        members: &[TeamMember],
        weight: &dyn Fn(usize, usize) -> Option<Decimal>,
    ) -> Result<Sharers> {
        let mut list: Vec<(usize, &str, Decimal)> = members
            .iter()
            .filter(|m| !per_group || m.group.as_deref() == group)
            .map(|m| (m.index, m.id.as_str(), weight(m.index, component).unwrap_or_default()))
            .collect();
        crate::base::order::sort_by(&mut list, |a, b| a.0.cmp(&b.0));
        let weights: Vec<Decimal> = list.iter().map(|(_, _, w)| *w).collect();
        let IntegerWeights { ints, scale, sum: denominator } = integer_weights(&weights)?;
        let mut by_id: Vec<usize> = (0..list.len()).collect();
        crate::base::order::sort_by(&mut by_id, |a, b| list.get(*a).map(|m| m.1).cmp(&list.get(*b).map(|m| m.1)));
        let mut id_ranks = vec![0_u32; list.len()];
        for (rank, k) in by_id.into_iter().enumerate() {
            if let Some(r) = id_ranks.get_mut(k) {
                *r = u32::try_from(rank).map_err(|_| overflow())?;
            }
        }
        let mut total = Tally::default();
        for w in &weights {
            total.add(*w);
        }
        Ok(Sharers {
            component,
            group: group.filter(|_| per_group).map(str::to_string),
            indices: list.iter().map(|(i, _, _)| *i).collect(),
            id_ranks,
            counts: Vec::new(),
            sharing: ints.iter().filter(|w| **w > 0).count(),
            weights,
            ints,
            scale,
            denominator,
            total,
        })
    }

    /// Member `index`'s weight set to `w`; false (the split is to be made again from the
    /// members) when it cannot be kept exactly.
    fn set(&mut self, index: usize, w: Decimal) -> bool {
        self.try_set(index, w).is_some()
    }

    fn try_set(&mut self, index: usize, w: Decimal) -> Option<()> {
        let k = self.indices.binary_search(&index).ok()?;
        if w.is_sign_negative() && !w.is_zero() {
            return None;
        }
        let n = w.normalize();
        let factor = pow10(self.scale.checked_sub(n.scale())?)?;
        let int = u128::try_from(n.mantissa().checked_mul(factor)?).ok()?;
        let (old_int, old) = (*self.ints.get(k)?, *self.weights.get(k)?);
        self.denominator = self.denominator.checked_sub(old_int)?.checked_add(int)?;
        self.total.remove(old);
        self.total.add(w);
        self.total.total()?;
        self.sharing = self.sharing.checked_sub(usize::from(old_int > 0))?.checked_add(usize::from(int > 0))?;
        *self.ints.get_mut(k)? = int;
        *self.weights.get_mut(k)? = w;
        Some(())
    }

    /// The pool of `amount` split among them again into `awards`; the records whose share's
    /// amount changed pushed onto `changed`. `moved`: the record whose weight moved (its share
    /// names its new weight); every other member's share that keeps its units only names the
    /// new total.
    fn split(
        &mut self,
        amount: Decimal,
        currency: &Currency,
        moved: usize,
        awards: &mut PoolAwards,
        changed: &mut Vec<usize>,
    ) -> Result<()> {
        // The pool is checked as a split from the members checks it.
        crate::incentive::Pool::new(amount, currency.clone())?;
        let units = currency.units(amount, "amount", "")?;
        let total = self.total.total().ok_or_else(overflow)?;
        let counts = if self.sharing == 0 {
            vec![0; self.ints.len()]
        } else {
            unit_counts(units.unsigned_abs(), &self.ints, self.denominator, |i| self.id_ranks.get(i).copied())?
        };
        let before = std::mem::take(&mut self.counts);
        for (k, index) in self.indices.iter().enumerate() {
            let (Some(count), Some(w)) = (counts.get(k), self.weights.get(k)) else { return Err(overflow()) };
            let sharing = self.sharing > 0 && *w > Decimal::ZERO;
            let Some(slot) = awards.of_mut(*index).iter_mut().find(|a| a.component == self.component) else {
                return Err(overflow());
            };
            // The same units, and a share before and now: only the total it names moves.
            if *index != moved && before.get(k) == Some(count) {
                if let (true, Some(share)) = (sharing, slot.share.as_mut()) {
                    share.total = total;
                    continue;
                }
            }
            let share = if sharing {
                Some(PoolPart { amount: signed_part(currency, units, *count)?, score: *w, total })
            } else {
                None
            };
            if slot.share.map(|s| s.amount) != share.map(|s| s.amount) {
                changed.push(*index);
            }
            *slot = PoolAward { component: self.component, pool: amount, share };
        }
        self.counts = counts;
        Ok(())
    }
}

impl Plan {
    /// [`Plan::pool_awards`] after one member's share weight moved, the members and their groups
    /// as they were when `awards` was split: only the pools that member shares in are split
    /// again (a pool for the whole team; its own group's part of a pool per group), in place,
    /// from what `splits` kept of the last split (or from the members, kept for the next time);
    /// the other groups' shares are kept. Returns the records whose share's amount changed (or
    /// that gained or lost a share), each once, in record order: what they are paid is all that
    /// can differ for the others (a share's weight total, shown in its statement, moves for
    /// every member, and is updated in `awards` too). An error when `awards` does not fit the
    /// members; `awards` and `splits` are then partly updated, to be split again from the start.
    pub(crate) fn pool_awards_after(
        &self,
        members: &[TeamMember],
        weight: &dyn Fn(usize, usize) -> Option<Decimal>,
        awards: &mut PoolAwards,
        moved: &TeamMember,
        splits: &mut PoolSplits,
    ) -> Result<Vec<usize>> {
        let Some(inc) = &self.incentive else { return Ok(Vec::new()) };
        let mut changed = Vec::new();
        for (ci, def) in inc.pools() {
            let group = if def.per_group { moved.group.as_deref() } else { None };
            let w = weight(moved.index, ci).unwrap_or_default();
            let kept = splits.0.iter().position(|s| s.component == ci && s.group.as_deref() == group);
            let at = match kept {
                Some(k) if splits.0.get_mut(k).is_some_and(|s| s.set(moved.index, w)) => k,
                _ => {
                    if let Some(k) = kept {
                        splits.0.swap_remove(k);
                    }
                    splits.0.push(Sharers::new(ci, def.per_group, group, members, weight)?);
                    splits.0.len().saturating_sub(1)
                }
            };
            let sharers = splits.0.get_mut(at).ok_or_else(overflow)?;
            sharers.split(def.amount.0, inc.currency(), moved.index, awards, &mut changed)?;
        }
        // In record order, each once: paying them again then reads each side's per-record
        // lists in order.
        crate::base::order::sort(&mut changed);
        changed.dedup();
        Ok(changed)
    }
}
