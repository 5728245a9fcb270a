//! The comparison's team parts kept up to date: what each rep adds to the counts, costs, grade
//! distributions and changes, held per rep, so that a changed record takes out what its reps
//! added and adds what they add now, instead of the whole team being read again.
//!
//! A changed score pays a few of its pool's members again (a share of a pool moves by whole
//! cents), and sets the forced grades of the members around its old and new places again: the
//! sides report which reps those were ([`Side::touched`]). The sums are [`Tally`]s, exact with
//! removal; the changes are kept in order (a histogram's bins, the winners and losers, the reps
//! over a threshold and the table sorted by the change are then found by binary search). When a
//! sum cannot be given exactly this way (amounts near the decimal range), or a threshold is asked
//! and a percent overflows, the comparison is worked out from the whole team instead ([`super::summary::compare`], what this is tested
//! against).

use super::change::{component_change, percent, Pairing, RepChange};
use super::histogram::histogram_sorted;
use super::listing::{listed, picked};
use super::side::Side;
use super::summary::{not_calculable, Comparison, CostChange, Counts, GradeShift, GroupChange, PlanCost};
use super::view::{RepKey, View};
use crate::base::error::Result;
use crate::base::locale::Locale;
use crate::base::number::Dec;
use crate::base::tally::Tally;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// Past this many reps changed at once, the ordered changes are sorted again rather than
/// updated one by one.
const RESORT: usize = 256;

/// What one rep adds to the team's parts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Entry {
    /// Whether both plans compute the rep.
    compared: bool,
    /// Its change: the payout's, else the score's ([`super::change::Delta::key`]).
    key: Option<Decimal>,
    /// Whether that is the score's change (the rep is paid by neither plan).
    by_score: bool,
    /// For a change other than 0: its percent of what it was, as shown.
    percent: Percent,
    /// Its payouts before and after, when both plans pay it.
    payouts: Option<(Decimal, Decimal)>,
    /// What each plan pays it.
    paid: [Option<Decimal>; 2],
    /// Its group among the ledger's names (reps both plans pay).
    group: Option<usize>,
    /// Its grade's place in the grade order from the bands under each plan, then after each
    /// plan's forced distribution.
    grades: [Option<usize>; 4],
}

/// A change's percent of what the rep had.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
enum Percent {
    /// No change, or none to take a percent of.
    #[default]
    None,
    /// |percent|, 2 places half up.
    Of(Decimal),
    /// The rep had 0.
    OfZero,
    /// The percent overflows.
    Failed,
}

/// How a rep's change (or percent) goes into its ordered list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// Put in its place.
    Insert,
    /// Pushed: the list is sorted afterwards.
    Push,
    /// Already moved to its new place.
    Moved,
}

/// The team's parts under both plans (see the [module docs](self)).
#[derive(Clone, Debug, Default)]
pub(super) struct Ledger {
    entries: Vec<Entry>,
    /// Per rep, per component pair, what it is paid before and after (reps both plans pay).
    parts: Vec<Option<Decimal>>,
    /// Values per rep in `parts`.
    width: usize,
    /// Reps both plans compute.
    compared: usize,
    /// Reps both plans pay, and their cost before and after.
    paid_both: usize,
    cost: [Tally; 2],
    /// What each plan pays every rep.
    plan: [Tally; 2],
    /// The groups of both sides by name, and each side's group numbers into them.
    names: Vec<String>,
    in_names: [Vec<usize>; 2],
    /// Per group: reps both plans pay, cost before and after.
    groups: Vec<(usize, Tally, Tally)>,
    /// Per component pair: cost before and after.
    components: Vec<[Tally; 2]>,
    /// Each grade's place in the grade order (the first, were a name there twice), and each
    /// plan's grades' places.
    grade_at: FxHashMap<String, usize>,
    bands: [Vec<Option<usize>>; 2],
    /// Per grade of the order: reps with it from the bands before, after, then forced.
    grade_counts: [Vec<usize>; 4],
    /// The changes with their reps, in order (ties: record order).
    keys: Vec<(Decimal, usize)>,
    /// Reps without a change, in record order.
    unkeyed: Vec<usize>,
    /// Changes that are the score's.
    by_score: usize,
    /// The |percent| of each change that has one, with its rep, in order.
    percents: Vec<(Decimal, usize)>,
    /// Reps with a change who had 0, in record order.
    of_zero: Vec<usize>,
    /// Changes whose percent overflows.
    failed: usize,
    /// Reps not compared, in record order.
    uncompared: Vec<usize>,
}

impl Ledger {
    /// The parts of the whole team.
    pub(super) fn new(pairing: &Pairing<'_>) -> Ledger {
        let (b, d) = (&pairing.baseline.groups, &pairing.draft.groups);
        let mut names: Vec<String> = b.names().iter().chain(d.names()).cloned().collect();
        crate::base::order::sort_by(&mut names, |x, y| x.cmp(y));
        names.dedup();
        let place = |list: &[String]| -> Vec<usize> {
            list.iter().map(|g| names.binary_search(g).unwrap_or_default()).collect()
        };
        let in_names = [place(b.names()), place(d.names())];
        let order = &pairing.grades.0;
        let grade_at: FxHashMap<String, usize> = order.iter().enumerate().rev().map(|(k, g)| (g.clone(), k)).collect();
        let band = |side: &Side| -> Vec<Option<usize>> {
            side.plan
                .document()
                .scorecard
                .as_ref()
                .map_or_else(Vec::new, |sc| sc.grades.iter().map(|g| grade_at.get(&g.grade).copied()).collect())
        };
        let bands = [band(pairing.baseline), band(pairing.draft)];
        let n = pairing.baseline.len();
        let width = pairing.components.len().saturating_mul(2);
        let mut ledger = Ledger {
            entries: vec![Entry::default(); n],
            parts: vec![None; n.saturating_mul(width)],
            width,
            groups: vec![(0, Tally::default(), Tally::default()); names.len()],
            components: vec![[Tally::default(), Tally::default()]; pairing.components.len()],
            grade_counts: std::array::from_fn(|_| vec![0; order.len()]),
            names,
            in_names,
            grade_at,
            bands,
            ..Ledger::default()
        };
        // Each rep's forced grade, read from the members in their order (one walk, rather than
        // a member looked up by record for each rep).
        let forced = |side: &Side| {
            let mut column = vec![None; n];
            for m in &side.team.members {
                if let Some(slot) = column.get_mut(m.index) {
                    *slot = m.forced_grade.as_deref().and_then(|g| ledger.grade_at.get(g).copied());
                }
            }
            column
        };
        let forced = [forced(pairing.baseline), forced(pairing.draft)];
        let mut parts = vec![None; width];
        for i in 0..n {
            let known = [forced[0].get(i).copied().flatten(), forced[1].get(i).copied().flatten()];
            let entry = ledger.entry(pairing, i, &mut parts, Some(known));
            ledger.add(i, &entry, &parts, [Place::Push, Place::Push]);
            if let Some(slot) = ledger.entries.get_mut(i) {
                *slot = entry;
            }
            if let Some(row) = ledger.row_mut(i) {
                row.copy_from_slice(&parts);
            }
        }
        ledger.sort();
        ledger
    }

    /// Reps `changed` as they are now (each may be named more than once).
    pub(super) fn update(&mut self, pairing: &Pairing<'_>, changed: &[usize]) {
        let resort = changed.len() > RESORT;
        let (mut parts, mut was) = (vec![None; self.width], Vec::with_capacity(self.width));
        for &i in changed {
            let entry = self.entry(pairing, i, &mut parts, None);
            let (Some(&old), Some(kept)) = (self.entries.get(i), self.parts.get(self.range(i))) else { continue };
            // Skipped only when every amount is written alike too: `==` on decimals ignores the
            // scale (1.0 == 1.00), and the sums give the finest scale they hold.
            if old == entry && old.written() == entry.written() && written(kept).eq(written(&parts)) {
                continue;
            }
            was.clear();
            was.extend_from_slice(kept);
            // A change that stays a change moves to its new place in order (only the changes
            // between its two places shift); otherwise it is taken out or put in.
            let keyed = !resort && old.key.is_some() && entry.key.is_some();
            let percent = !resort && matches!((old.percent, entry.percent), (Percent::Of(_), Percent::Of(_)));
            if let (true, Some(a), Some(b)) = (keyed, old.key, entry.key) {
                shift(&mut self.keys, (a, i), (b, i));
            }
            if let (true, Percent::Of(a), Percent::Of(b)) = (percent, old.percent, entry.percent) {
                shift(&mut self.percents, (a, i), (b, i));
            }
            let mode = |moved: bool| match (resort, moved) {
                (true, _) => Place::Push,
                (false, true) => Place::Moved,
                (false, false) => Place::Insert,
            };
            self.remove(i, &old, &was, [mode(keyed), mode(percent)]);
            self.add(i, &entry, &parts, [mode(keyed), mode(percent)]);
            if let Some(slot) = self.entries.get_mut(i) {
                *slot = entry;
            }
            if let Some(row) = self.row_mut(i) {
                row.copy_from_slice(&parts);
            }
        }
        if resort {
            self.keys.clear();
            self.percents.clear();
            for (i, e) in self.entries.iter().enumerate() {
                if let Some(k) = e.key {
                    self.keys.push((k, i));
                }
                if let Percent::Of(p) = e.percent {
                    self.percents.push((p, i));
                }
            }
            self.sort();
        }
    }

    /// Rep `index`'s entry, its component amounts written into `parts`; `forced`: its forced
    /// grades' places when known (else read from its members).
    fn entry(
        &self,
        pairing: &Pairing<'_>,
        index: usize,
        parts: &mut [Option<Decimal>],
        forced: Option<[Option<usize>; 2]>,
    ) -> Entry {
        let d = pairing.delta(index);
        let key = d.key();
        let percent = match (key, d.payouts.or(d.scores)) {
            (Some(k), Some((before, _))) if !k.is_zero() => match percent(k, before) {
                Ok(Some(p)) => Percent::Of(p.0.abs()),
                Ok(None) => Percent::OfZero,
                Err(_) => Percent::Failed,
            },
            _ => Percent::None,
        };
        let paid = |s: &Side| s.paid(index).map(|p| p.total);
        let both = d.payouts.and(pairing.baseline.paid(index)).zip(pairing.draft.paid(index));
        parts.fill(None);
        if let Some((b, a)) = both {
            for (c, slot) in pairing.components.iter().zip(parts.chunks_exact_mut(2)) {
                if let [before, after] = slot {
                    *before = c.before.and_then(|i| b.components.get(i).copied());
                    *after = c.after.and_then(|i| a.components.get(i).copied());
                }
            }
        }
        let group = d.payouts.and_then(|_| {
            let (b, a) = (&pairing.baseline.groups, &pairing.draft.groups);
            match b.of(index) {
                Some(g) => self.in_names[0].get(g),
                None => a.of(index).and_then(|g| self.in_names[1].get(g)),
            }
            .copied()
        });
        let band = |side: &Side, bands: &[Option<usize>]| {
            side.scored(index).and_then(|s| s.grade).and_then(|g| bands.get(g).copied().flatten())
        };
        let member =
            |side: &Side| side.member(index)?.forced_grade.as_deref().and_then(|g| self.grade_at.get(g).copied());
        let [forced_before, forced_after] = forced.unwrap_or_else(|| [member(pairing.baseline), member(pairing.draft)]);
        Entry {
            compared: d.compared,
            key,
            by_score: key.is_some() && d.payouts.is_none(),
            percent,
            payouts: d.payouts,
            paid: [paid(pairing.baseline), paid(pairing.draft)],
            group,
            grades: [
                band(pairing.baseline, &self.bands[0]),
                band(pairing.draft, &self.bands[1]),
                forced_before,
                forced_after,
            ],
        }
    }

    fn range(&self, index: usize) -> std::ops::Range<usize> {
        let from = index.saturating_mul(self.width);
        from..from.saturating_add(self.width)
    }

    fn row_mut(&mut self, index: usize) -> Option<&mut [Option<Decimal>]> {
        let range = self.range(index);
        self.parts.get_mut(range)
    }

    /// Adds what rep `index` adds; `place`: how its change and its percent go into the ordered
    /// ones.
    fn add(&mut self, index: usize, e: &Entry, parts: &[Option<Decimal>], place: [Place; 2]) {
        self.count(e, parts, true);
        match (e.key, place[0]) {
            (Some(k), Place::Insert) => insert(&mut self.keys, (k, index)),
            (Some(k), Place::Push) => self.keys.push((k, index)),
            (Some(_), Place::Moved) => {}
            (None, _) => {
                insert(&mut self.unkeyed, index);
            }
        }
        match (e.percent, place[1]) {
            (Percent::Of(p), Place::Insert) => insert(&mut self.percents, (p, index)),
            (Percent::Of(p), Place::Push) => self.percents.push((p, index)),
            (Percent::Of(_), Place::Moved) => {}
            (Percent::OfZero, _) => {
                insert(&mut self.of_zero, index);
            }
            (Percent::Failed, _) => self.failed = self.failed.saturating_add(1),
            (Percent::None, _) => {}
        }
        if !e.compared {
            insert(&mut self.uncompared, index);
        }
    }

    /// Takes out what rep `index` added; `place` as for [`Ledger::add`] (pushed: the ordered
    /// ones are made again afterwards).
    fn remove(&mut self, index: usize, e: &Entry, parts: &[Option<Decimal>], place: [Place; 2]) {
        self.count(e, parts, false);
        match (e.key, place[0]) {
            (Some(k), Place::Insert) => take(&mut self.keys, &(k, index)),
            (Some(_), _) => {}
            (None, _) => {
                take(&mut self.unkeyed, &index);
            }
        }
        match (e.percent, place[1]) {
            (Percent::Of(p), Place::Insert) => take(&mut self.percents, &(p, index)),
            (Percent::OfZero, _) => {
                take(&mut self.of_zero, &index);
            }
            (Percent::Failed, _) => self.failed = self.failed.saturating_sub(1),
            (Percent::Of(_) | Percent::None, _) => {}
        }
        if !e.compared {
            take(&mut self.uncompared, &index);
        }
    }

    /// The counts and sums of `e` added (`up`) or taken out.
    fn count(&mut self, e: &Entry, parts: &[Option<Decimal>], up: bool) {
        let step = |n: &mut usize| *n = if up { n.saturating_add(1) } else { n.saturating_sub(1) };
        let tally = |t: &mut Tally, v: Decimal| if up { t.add(v) } else { t.remove(v) };
        if e.compared {
            step(&mut self.compared);
        }
        e.by_score.then(|| step(&mut self.by_score));
        for (t, v) in self.plan.iter_mut().zip(e.paid) {
            if let Some(v) = v {
                tally(t, v);
            }
        }
        if let Some((b, a)) = e.payouts {
            step(&mut self.paid_both);
            tally(&mut self.cost[0], b);
            tally(&mut self.cost[1], a);
            if let Some((reps, tb, ta)) = e.group.and_then(|g| self.groups.get_mut(g)) {
                step(reps);
                tally(tb, b);
                tally(ta, a);
            }
        }
        for (sums, values) in self.components.iter_mut().zip(parts.chunks_exact(2)) {
            for (t, v) in sums.iter_mut().zip(values) {
                if let Some(v) = v {
                    tally(t, *v);
                }
            }
        }
        for (counts, place) in self.grade_counts.iter_mut().zip(e.grades) {
            if let Some(c) = place.and_then(|k| counts.get_mut(k)) {
                step(c);
            }
        }
    }

    fn sort(&mut self) {
        crate::base::order::sort_by(&mut self.keys, |a, b| a.cmp(b));
        crate::base::order::sort_by(&mut self.percents, |a, b| a.cmp(b));
    }

    /// The comparison as `view` asks for it (checked by the caller, its picks too); none when
    /// a sum cannot be given exactly from the parts, or a threshold is asked and a percent
    /// overflowed (the caller works it out from the team, which says so).
    pub(super) fn comparison(&self, pairing: &Pairing<'_>, view: &View, locale: Locale) -> Option<Result<Comparison>> {
        let threshold = view.threshold.as_ref().filter(|t| t.amount.is_some() || t.percent.is_some());
        if threshold.is_some() && self.failed > 0 {
            return None;
        }
        let cost = match self.paid_both {
            0 => None,
            _ => Some((self.cost[0].total()?, self.cost[1].total()?)),
        };
        let plan_cost = |k: usize, side: &Side| match side.plan.document().incentive {
            None => Some(None),
            Some(_) => self.plan.get(k)?.total().map(|t| Some(Dec(t))),
        };
        let plan_cost = PlanCost { baseline: plan_cost(0, pairing.baseline)?, draft: plan_cost(1, pairing.draft)? };
        let mut groups = Vec::new();
        for (name, (reps, b, a)) in self.names.iter().zip(&self.groups) {
            if *reps > 0 {
                groups.push((name, *reps, b.total()?, a.total()?));
            }
        }
        let mut components = Vec::with_capacity(self.components.len());
        for [b, a] in &self.components {
            components.push((b.total()?, a.total()?));
        }
        Some(self.finish(pairing, view, locale, cost, plan_cost, groups, components))
    }

    #[allow(clippy::too_many_arguments)] // the sums worked out by `comparison`, each once
    fn finish(
        &self,
        pairing: &Pairing<'_>,
        view: &View,
        locale: Locale,
        cost: Option<(Decimal, Decimal)>,
        plan_cost: PlanCost,
        groups: Vec<(&String, usize, Decimal, Decimal)>,
        components: Vec<(Decimal, Decimal)>,
    ) -> Result<Comparison> {
        let n = self.entries.len();
        let (negative, zero_end) = (
            self.keys.partition_point(|(k, _)| *k < Decimal::ZERO),
            self.keys.partition_point(|(k, _)| *k <= Decimal::ZERO),
        );
        let counts = Counts {
            reps: n,
            compared: self.compared,
            gaining: self.keys.len().saturating_sub(zero_end),
            losing: negative,
            unchanged: zero_end.saturating_sub(negative),
            not_compared: n.saturating_sub(self.compared),
        };
        let rows =
            |list: Vec<usize>| -> Result<Vec<RepChange>> { list.into_iter().map(|i| pairing.change(i)).collect() };
        let winners = descending(&self.keys).take_while(|(k, _)| *k > Decimal::ZERO).take(view.top).map(|(_, i)| i);
        let losers = self.keys.iter().take_while(|(k, _)| *k < Decimal::ZERO).take(view.top).map(|(_, i)| *i);
        let order = &pairing.grades.0;
        let at = |k: usize, g: usize| self.grade_counts.get(k).and_then(|c| c.get(g)).copied().unwrap_or(0);
        let (forced_b, forced_a) = (pairing.baseline.forced, pairing.draft.forced);
        Ok(Comparison {
            counts,
            cost: cost.map(|(b, a)| CostChange::new(b, a)).transpose()?,
            plan_cost,
            groups: groups
                .into_iter()
                .map(|(g, reps, b, a)| Ok(GroupChange { group: g.clone(), reps, cost: CostChange::new(b, a)? }))
                .collect::<Result<_>>()?,
            components: pairing
                .components
                .iter()
                .zip(components)
                .map(|(c, (b, a))| component_change(&c.id, c.kind, c.before.map(|_| b), c.after.map(|_| a)))
                .collect::<Result<_>>()?,
            grades: order
                .iter()
                .enumerate()
                .map(|(k, g)| GradeShift {
                    grade: g.clone(),
                    before: at(0, k),
                    after: at(1, k),
                    forced_before: forced_b.then(|| at(2, k)),
                    forced_after: forced_a.then(|| at(3, k)),
                })
                .collect(),
            histogram: histogram_sorted(&self.keys, view.bins, view.bin_width.map(|w| w.0))?,
            winners: rows(winners.collect())?,
            losers: rows(losers.collect())?,
            exceeding: rows(self.exceeding(view))?,
            not_calculable: not_calculable(pairing, self.uncompared.iter().copied(), locale),
            reps: self.listed(pairing, view)?,
            picked: picked(pairing, view)?,
        })
    }

    /// Reps whose change reaches the view's threshold, largest |change| first (ties: record
    /// order).
    fn exceeding(&self, view: &View) -> Vec<usize> {
        let Some(t) = &view.threshold else { return Vec::new() };
        let mut over: Vec<usize> = Vec::new();
        if let Some(a) = t.amount.map(|a| a.0) {
            let low = self.keys.partition_point(|(k, _)| *k < Decimal::ZERO && k.abs() >= a);
            let high = self.keys.partition_point(|(k, _)| *k < a);
            let ends = self.keys.get(..low).into_iter().chain(self.keys.get(high..)).flatten();
            over.extend(ends.filter(|(k, _)| !k.is_zero()).map(|(_, i)| *i));
        }
        if let Some(p) = t.percent.map(|p| p.0) {
            let from = self.percents.partition_point(|(v, _)| *v < p);
            over.extend(self.percents.get(from..).unwrap_or_default().iter().map(|(_, i)| *i));
            over.extend(self.of_zero.iter().copied());
        }
        let size = |i: &usize| self.entries.get(*i).and_then(|e| e.key).map(|k| k.abs()).unwrap_or_default();
        crate::base::order::sort_by(&mut over, |a, b| size(b).cmp(&size(a)).then(a.cmp(b)));
        // A rep over both bounds is there twice, side by side.
        over.dedup();
        over
    }

    /// The reps the view lists: by the change, from the ordered changes; by another column,
    /// from every rep's numbers ([`listed`]).
    fn listed(&self, pairing: &Pairing<'_>, view: &View) -> Result<Vec<RepChange>> {
        let n = self.entries.len();
        let by_change = view.sort.filter(|s| s.by == RepKey::Change && self.by_score == 0);
        if !view.reps || view.from >= n || (view.sort.is_some() && by_change.is_none()) {
            if !view.reps || view.from >= n {
                return Ok(Vec::new());
            }
            let deltas: Vec<_> = (0..n).map(|i| pairing.delta(i)).collect();
            return listed(pairing, &deltas, view);
        }
        let take = view.count.unwrap_or(n);
        let order: Vec<usize> = match by_change {
            None => (view.from..n).take(take).collect(),
            // Without a change: last, in record order, either way.
            Some(s) if s.descending => descending(&self.keys)
                .map(|(_, i)| i)
                .chain(self.unkeyed.iter().copied())
                .skip(view.from)
                .take(take)
                .collect(),
            Some(_) => self
                .keys
                .iter()
                .map(|(_, i)| *i)
                .chain(self.unkeyed.iter().copied())
                .skip(view.from)
                .take(take)
                .collect(),
        };
        order.into_iter().map(|i| pairing.change(i)).collect()
    }
}

/// The changes largest first, equal ones in record order: `keys` (ascending, ties in record
/// order) read from the end one run of equal changes at a time.
fn descending(keys: &[(Decimal, usize)]) -> impl Iterator<Item = (Decimal, usize)> + '_ {
    let mut end = keys.len();
    std::iter::from_fn(move || {
        let (k, _) = *keys.get(end.checked_sub(1)?)?;
        let start = keys.get(..end)?.partition_point(|(v, _)| *v < k);
        let run = keys.get(start..end)?;
        end = start;
        Some(run.iter().copied())
    })
    .flatten()
}

impl Entry {
    /// The amounts it adds to the sums, as they are written ([`written`]).
    fn written(&self) -> [Option<[u8; 16]>; 4] {
        let (b, a) = self.payouts.unzip();
        [b, a, self.paid[0], self.paid[1]].map(|d| d.map(|d| d.serialize()))
    }
}

/// Each amount as it is written (mantissa, scale and sign): what `==` on decimals leaves out.
fn written(amounts: &[Option<Decimal>]) -> impl Iterator<Item = Option<[u8; 16]>> + '_ {
    amounts.iter().map(|a| a.map(|d| d.serialize()))
}

/// `item` put in its place in `list` (ascending, each item once), unless it is there. The
/// ledger's lists of reps are sorted lists rather than sets: it is made in record order (each
/// rep goes in at the end) and an edit moves only a few.
fn insert<T: Ord>(list: &mut Vec<T>, item: T) {
    if let Err(at) = list.binary_search(&item) {
        list.insert(at, item);
    }
}

/// `old` replaced by `new` in `list` (in order), moved to its place: only the items between the
/// two places shift.
fn shift(list: &mut Vec<(Decimal, usize)>, old: (Decimal, usize), new: (Decimal, usize)) {
    let from = list.partition_point(|x| *x < old);
    if list.get(from) != Some(&old) {
        insert(list, new);
        return;
    }
    // Counted with `old` still in its place.
    let to = list.partition_point(|x| *x < new);
    if let Some(slot) = list.get_mut(from) {
        *slot = new;
    }
    if to > from.saturating_add(1) {
        if let Some(span) = list.get_mut(from..to) {
            span.rotate_left(1);
        }
    } else if to < from {
        if let Some(span) = list.get_mut(to..=from) {
            span.rotate_right(1);
        }
    }
}

/// `item` taken out of `list` (ascending), when it is there.
fn take<T: Ord>(list: &mut Vec<T>, item: &T) {
    if let Ok(at) = list.binary_search(item) {
        list.remove(at);
    }
}
