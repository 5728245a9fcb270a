//! Forced distribution (强制分布): grade quotas in percent, best grade first (e.g. S 10 / A 20 /
//! B 50 / C 15 / D 5), applied to a team's scores.
//!
//! # Head counts
//!
//! Grade `g` should hold `n × percent_g / 100` people. [`ForcedDistribution::quota_counts`] turns
//! these exact shares into whole counts that always add up to `n`, by the largest remainder
//! method:
//!
//! 1. every grade gets the whole part of its share;
//! 2. the people left over go one each to the grades with the largest fractional parts;
//! 3. **equal fractional parts**: the grade nearer the middle of the list goes first (by position
//!    among all the grades, 0% ones included), and between two grades equally near the middle, the
//!    better one. Rounding should not create an extra S or an extra D when a middle grade has
//!    exactly the same claim;
//! 4. **the bottom grade** (the last grade with a percent above zero, "D") takes a left-over person
//!    only when its fractional part is **more than one half**. Nobody is put into D by rounding a
//!    share of half a person or less: with S10/A20/B50/C15/D5, D stays empty for every team of
//!    fewer than 11 people (its share is then at most half a person). The refused seat goes
//!    to the next grade in the order of rule 2–3.
//!
//! Every count is the whole part of its share or one more, and a grade of 0% never gets anyone.
//! With S10/A20/B50/C15/D5:
//!
//! | team | S | A | B | C | D |
//! |-----:|--:|--:|--:|--:|--:|
//! | 1    | 0 | 0 | 1 | 0 | 0 |
//! | 2    | 0 | 1 | 1 | 0 | 0 |
//! | 3    | 0 | 1 | 2 | 0 | 0 |
//! | 5    | 0 | 1 | 3 | 1 | 0 |
//! | 7    | 1 | 1 | 4 | 1 | 0 |
//! | 10   | 1 | 2 | 5 | 2 | 0 |
//! | 24   | 2 | 5 | 12| 4 | 1 |
//! | 1000 |100|200|500|150|50 |
//!
//! The engine applies the quotas to any team size; whether a small team should be exempt from
//! forced distribution is the caller's policy.
//!
//! # Assignment and ties
//!
//! The team is sorted by score, highest first; the sorted positions are *slots* `1..=n`, and the
//! counts give each slot its *slot grade* (the first `count_S` slots are S, and so on). Without
//! ties, everyone gets their slot grade. Equal scores never land in different grades; a tied group
//! whose slots straddle a boundary is placed by the [`TiePolicy`]:
//!
//! - [`TiePolicy::KeepTiesTogether`]: the whole group gets the grade where **most of its slots**
//!   fall; when two grades hold equally many of its slots, the **better** grade (the benefit of
//!   the doubt goes to the people). Everyone else keeps their slot grade, so only the grades the
//!   group touches deviate from their target; the total is always the team size. Each grade
//!   reports its target, actual count and deviation.
//! - [`TiePolicy::BreakTiesBy`]: equal scores are ordered by each entry's `tieBreak` key (e.g. a
//!   second score, or an earlier hire date), which every entry must then have; only entries equal
//!   on both score and key are kept together, by the rule above.
//!
//! Within a group kept together, and for display, the order is by id: it decides nothing but the
//! slot numbers shown. No result depends on the order of the input.

use super::{by_score_then_id, check_ids, TeamEntry};
use crate::base::apportion::largest_remainder;
use crate::base::arithmetic::Arithmetic;
use crate::base::error::{Error, ErrorCode, Origin, Phrase, Result};
use crate::base::name::Name;
use rust_decimal::Decimal;
use rustc_hash::FxHashSet as HashSet;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Most decimal places a quota percent may have (`12.345678`).
pub const MAX_PERCENT_DECIMALS: u32 = 6;

/// One grade and its share of the team, in percent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GradeQuota {
    /// The grade's name (`"S"`, `"优秀"`): non-empty, no surrounding spaces, unique in the spec.
    pub grade: String,
    /// Share of the team in percent, 0–100, at most [`MAX_PERCENT_DECIMALS`] decimals.
    #[serde(with = "crate::base::number::exact")]
    pub percent: Decimal,
}

impl GradeQuota {
    /// A quota of `percent` for `grade`.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use salescore::team::GradeQuota;
    ///
    /// let q = GradeQuota::new("S", Decimal::from(10));
    /// assert_eq!((q.grade.as_str(), q.percent), ("S", Decimal::from(10)));
    /// ```
    pub fn new(grade: impl Into<String>, percent: Decimal) -> Self {
        GradeQuota { grade: grade.into(), percent }
    }
}

/// A forced distribution as written: grade quotas, best grade first. Validate it with
/// [`ForcedDistribution::new`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DistributionSpec {
    /// The grades, best first, with their percents (which must total exactly 100).
    pub quotas: Vec<GradeQuota>,
}

impl DistributionSpec {
    /// A spec from `(grade, percent)` pairs, best grade first (not yet validated).
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use salescore::team::DistributionSpec;
    ///
    /// let spec = DistributionSpec::of(&[("S", 10), ("A", 20), ("B", 50), ("C", 15), ("D", 5)]);
    /// assert_eq!(spec.quotas.len(), 5);
    /// assert_eq!(spec.quotas[2].percent, Decimal::from(50));
    /// ```
    pub fn of<P: Copy + Into<Decimal>>(quotas: &[(&str, P)]) -> Self {
        DistributionSpec { quotas: quotas.iter().map(|&(g, p)| GradeQuota::new(g, p.into())).collect() }
    }
}

/// How equal scores are placed when they straddle a grade boundary. Equal scores (and, with
/// `BreakTiesBy`, equal keys) never land in different grades.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TiePolicy {
    /// A tied group gets the grade where most of its slots fall; on a tie in that count, the
    /// better grade. The grades it touches deviate from their targets.
    #[default]
    KeepTiesTogether,
    /// Equal scores are ordered by each entry's `tieBreak` key in this order; entries equal on
    /// the key too are kept together as with `KeepTiesTogether`.
    BreakTiesBy(TieBreakOrder),
}

/// Which `tieBreak` key goes first among equal scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TieBreakOrder {
    /// The higher key ranks better (e.g. a second score).
    HigherFirst,
    /// The lower key ranks better (e.g. a hire date as `20190301`: earlier hires first).
    LowerFirst,
}

/// A validated forced distribution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForcedDistribution {
    quotas: Vec<GradeQuota>,
    /// The quotas' grades as the entries carry them: shared, not copied per entry.
    grades: Vec<Name>,
    /// Each percent in units of `10^-scale` percent; they add up to `denominator`.
    units: Vec<u128>,
    /// `100 × 10^scale`: one whole team in units.
    denominator: u128,
    /// Number of decimals of the units.
    scale: u32,
    /// The last grade with a percent above zero.
    bottom: Option<usize>,
}

impl ForcedDistribution {
    /// Validates a spec. Errors have a JSON pointer relative to the spec (origin `Plan`; prefix it
    /// with [`Error::under`] when the spec sits inside a larger document):
    ///
    /// - no quotas: `INVALID_VALUE` at `/quotas` (expected "at least one");
    /// - an empty grade name or one with surrounding spaces: `INVALID_ID` at `/quotas/{i}/grade`;
    /// - a repeated grade name: `DUPLICATE_ID` at `/quotas/{i}/grade` (the second occurrence);
    /// - a percent below 0 or above 100: `INVALID_VALUE` at `/quotas/{i}/percent` (expected
    ///   `0–100`, found the value); more than [`MAX_PERCENT_DECIMALS`] decimals: the same code;
    /// - percents not totalling exactly 100: `INVALID_VALUE` at `/quotas`, expected `100`, found the
    ///   total (e.g. `95`).
    ///
    /// ```
    /// use salescore::team::{DistributionSpec, ForcedDistribution};
    /// use salescore::ErrorCode;
    ///
    /// let ok = ForcedDistribution::new(DistributionSpec::of(&[("S", 10), ("A", 20), ("B", 50), ("C", 15), ("D", 5)]));
    /// assert!(ok.is_ok());
    /// let short = DistributionSpec::of(&[("S", 10), ("A", 20), ("B", 50), ("C", 15)]);
    /// let err = ForcedDistribution::new(short).unwrap_err();
    /// assert_eq!((err.code, err.path.as_str()), (ErrorCode::QuotasNot100, "/quotas"));
    /// assert_eq!(err.detail.found.as_deref(), Some("95"));
    /// let err = ForcedDistribution::new(DistributionSpec::of(&[("S", 110), ("A", -10)])).unwrap_err();
    /// assert_eq!(err.path, "/quotas/0/percent");
    /// ```
    pub fn new(spec: DistributionSpec) -> Result<Self> {
        let quotas = spec.quotas;
        let invalid = |code: ErrorCode, path: String| Error::new(code).path(Origin::Plan, path);
        if quotas.is_empty() {
            return Err(invalid(ErrorCode::InvalidValue, "/quotas".into()).name("quotas").expected(Phrase::AtLeastOne));
        }
        let mut names = HashSet::with_capacity_and_hasher(quotas.len(), Default::default());
        let mut total = Decimal::ZERO;
        let mut scale = 0_u32;
        for (i, q) in quotas.iter().enumerate() {
            let grade_path = || format!("/quotas/{i}/grade");
            if q.grade.trim().is_empty() {
                return Err(invalid(ErrorCode::InvalidId, grade_path())
                    .name(q.grade.as_str())
                    .expected(Phrase::MustNotBeEmpty));
            }
            if q.grade.trim() != q.grade {
                return Err(invalid(ErrorCode::InvalidId, grade_path())
                    .name(q.grade.as_str())
                    .expected(Phrase::NoSpacesAround));
            }
            if !names.insert(q.grade.as_str()) {
                return Err(invalid(ErrorCode::DuplicateId, grade_path()).name(q.grade.as_str()));
            }
            let percent_path = || format!("/quotas/{i}/percent");
            let p = q.percent.normalize();
            if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED {
                return Err(invalid(ErrorCode::InvalidValue, percent_path())
                    .name("percent")
                    .expected("0–100")
                    .found(p.to_string()));
            }
            if p.scale() > MAX_PERCENT_DECIMALS {
                return Err(invalid(ErrorCode::InvalidValue, percent_path())
                    .name("percent")
                    .expected(Phrase::AtMostDecimalPlaces.with([MAX_PERCENT_DECIMALS]))
                    .found(p.to_string()));
            }
            scale = scale.max(p.scale());
            // At most 100 per quota: the sum of any realistic number of quotas cannot overflow.
            total = total.add_checked(p).unwrap_or(Decimal::MAX);
        }
        if total != Decimal::ONE_HUNDRED {
            return Err(invalid(ErrorCode::QuotasNot100, "/quotas".into())
                .name("quotas")
                .found(total.normalize().to_string()));
        }
        let denominator = pow10(scale).saturating_mul(100);
        let units: Vec<u128> = quotas.iter().map(|q| units_of(q.percent, scale)).collect();
        let bottom = units.iter().rposition(|u| *u > 0);
        let grades = quotas.iter().map(|q| Name::from(q.grade.as_str())).collect();
        Ok(ForcedDistribution { quotas, grades, units, denominator, scale, bottom })
    }

    /// Reads and validates a spec from JSON text (`{"quotas": [{"grade": "S", "percent": 10}, …]}`;
    /// percents as numbers or decimal strings). Malformed JSON is `INVALID_PLAN`, an unknown key
    /// `UNKNOWN_KEY`, a missing one `MISSING_KEY`, each with the path of the problem; then the
    /// checks of [`ForcedDistribution::new`].
    ///
    /// ```
    /// use salescore::team::ForcedDistribution;
    /// use salescore::ErrorCode;
    ///
    /// let json = r#"{"quotas": [{"grade": "优秀", "percent": "30"}, {"grade": "合格", "percent": 70}]}"#;
    /// let d = ForcedDistribution::from_json(json)?;
    /// assert_eq!(d.quota_counts(10), [3, 7]);
    /// let err = ForcedDistribution::from_json(r#"{"quotas": [{"grade": "S", "pct": 100}]}"#).unwrap_err();
    /// assert_eq!((err.code, err.path.as_str()), (ErrorCode::UnknownKey, "/quotas/0/pct"));
    /// # Ok::<(), salescore::Error>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Self> {
        let spec: DistributionSpec = crate::base::json::read_spec(json, crate::base::error::Phrase::DistributionSpec)?;
        ForcedDistribution::new(spec)
    }

    /// The quotas, best grade first.
    ///
    /// ```
    /// use salescore::team::{DistributionSpec, ForcedDistribution};
    ///
    /// let d = ForcedDistribution::new(DistributionSpec::of(&[("A", 40), ("B", 60)]))?;
    /// let names: Vec<&str> = d.quotas().iter().map(|q| q.grade.as_str()).collect();
    /// assert_eq!(names, ["A", "B"]);
    /// # Ok::<(), salescore::Error>(())
    /// ```
    pub fn quotas(&self) -> &[GradeQuota] {
        &self.quotas
    }

    /// Whole head counts per grade (in quota order) for a team of `n`, adding up to exactly `n`:
    /// largest remainder, equal remainders to the grade nearer the middle and then to the better
    /// grade, and the bottom grade taking a rounding seat only above half a person (see the
    /// [module documentation](self)).
    ///
    /// ```
    /// use salescore::team::{DistributionSpec, ForcedDistribution};
    ///
    /// let d = ForcedDistribution::new(DistributionSpec::of(&[("S", 10), ("A", 20), ("B", 50), ("C", 15), ("D", 5)]))?;
    /// assert_eq!(d.quota_counts(24), [2, 5, 12, 4, 1]); // 2.4 / 4.8 / 12 / 3.6 / 1.2
    /// assert_eq!(d.quota_counts(10), [1, 2, 5, 2, 0]); // C and D tie at .5: nobody goes to D by rounding
    /// assert_eq!(d.quota_counts(3), [0, 1, 2, 0, 0]);
    /// assert_eq!(d.quota_counts(0), [0, 0, 0, 0, 0]);
    /// # Ok::<(), salescore::Error>(())
    /// ```
    pub fn quota_counts(&self, n: usize) -> Vec<usize> {
        largest_remainder(n, &self.shares(n), self.denominator, self.bottom)
    }

    /// Each grade's exact share of a team of `n` people (`n × percent / 100`, e.g. `2.4` people),
    /// in quota order: what [`ForcedDistribution::quota_counts`] rounds.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use salescore::team::{DistributionSpec, ForcedDistribution};
    ///
    /// let d = ForcedDistribution::new(DistributionSpec::of(&[("S", 10), ("A", 20), ("B", 70)]))?;
    /// assert_eq!(d.exact_shares(24), [Decimal::new(24, 1), Decimal::new(48, 1), Decimal::new(168, 1)]);
    /// # Ok::<(), salescore::Error>(())
    /// ```
    pub fn exact_shares(&self, n: usize) -> Vec<Decimal> {
        // A share is below 2^64 × 10^8 < 2^96 with at most 8 decimals: always representable.
        self.shares(n)
            .into_iter()
            .map(|s| {
                i128::try_from(s)
                    .ok()
                    .and_then(|s| Decimal::try_from_i128_with_scale(s, self.scale.saturating_add(2)).ok())
                    .map_or(Decimal::MAX, |d| d.normalize())
            })
            .collect()
    }

    /// Grades a team: who gets which grade, per-grade targets and actual counts, and a short
    /// reason per entry. Ids must be non-empty and unique (`INVALID_ID`, `DUPLICATE_ID` at
    /// `/{index}/id`); with [`TiePolicy::BreakTiesBy`], every entry needs a `tieBreak` key
    /// (`MISSING_FIELD` at `/{index}/tieBreak`). Paths point into `entries` (origin `Record`).
    /// An empty team gives no entries and all-zero counts.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use salescore::team::{DistributionSpec, ForcedDistribution, TeamEntry, TiePolicy};
    ///
    /// let d = ForcedDistribution::new(DistributionSpec::of(&[("A", 20), ("B", 60), ("C", 20)]))?;
    /// // Five people: targets A 1, B 3, C 1. ann and bob tie for the top: slot 1 is A, slot 2 is
    /// // B; one slot each, so the better grade wins and both get A.
    /// let team: Vec<TeamEntry> = [("ann", 95), ("bob", 95), ("cat", 80), ("dan", 70), ("eve", 60)]
    ///     .into_iter()
    ///     .map(|(id, s)| TeamEntry::new(id, Decimal::from(s)))
    ///     .collect();
    /// let result = d.apply(&team, TiePolicy::KeepTiesTogether)?;
    /// let grades: Vec<(&str, &str)> = result.entries.iter().map(|e| (e.id.as_str(), e.grade.as_str())).collect();
    /// assert_eq!(grades, [("ann", "A"), ("bob", "A"), ("cat", "B"), ("dan", "B"), ("eve", "C")]);
    /// let counts: Vec<(usize, usize, i64)> =
    ///     result.grades.iter().map(|g| (g.target, g.actual, g.deviation)).collect();
    /// assert_eq!(counts, [(1, 2, 1), (3, 2, -1), (1, 1, 0)]);
    /// let bob = &result.entries[1].reason;
    /// assert!(bob.moved_because_of_tie && bob.slot == 2 && bob.slot_grade == "B" && bob.tied_group_size == 2);
    /// # Ok::<(), salescore::Error>(())
    /// ```
    pub fn apply(&self, entries: &[TeamEntry], policy: TiePolicy) -> Result<Distribution> {
        check_ids(entries)?;
        self.apply_ordered(entries, policy, None).map(|(distribution, _)| distribution)
    }

    /// [`Self::apply`] to a team whose ids are checked, with each graded entry's index in
    /// `entries` (the distribution's order). `ranked`, when the caller has it: the entries'
    /// indices in display order (score descending, then id: [`super::ranking::ranked_order`]),
    /// which only the runs of equal scores are sorted again from, by tie-break key.
    pub(crate) fn apply_ordered(
        &self,
        entries: &[TeamEntry],
        policy: TiePolicy,
        ranked: Option<Vec<usize>>,
    ) -> Result<(Distribution, Vec<usize>)> {
        let key_order = match policy {
            TiePolicy::KeepTiesTogether => None,
            TiePolicy::BreakTiesBy(order) => {
                if let Some(i) = entries.iter().position(|e| e.tie_break.is_none()) {
                    return Err(Error::new(ErrorCode::MissingField)
                        .name("tieBreak")
                        .path(Origin::Record, format!("/{i}/tieBreak")));
                }
                Some(order)
            }
        };
        let by = |a: &usize, b: &usize| match (entries.get(*a), entries.get(*b)) {
            (Some(a), Some(b)) => {
                b.score.cmp(&a.score).then_with(|| compare_keys(a, b, key_order)).then_with(|| by_score_then_id(a, b))
            }
            _ => Ordering::Equal,
        };
        let order = match ranked.filter(|r| r.len() == entries.len()) {
            Some(mut order) => {
                if key_order.is_some() {
                    let score = |k: &usize| entries.get(*k).map(|e| e.score);
                    for run in order.chunk_by_mut(|a, b| score(a) == score(b)) {
                        crate::base::order::sort_few_by(run, by);
                    }
                }
                order
            }
            None => {
                let mut order: Vec<usize> = (0..entries.len()).collect();
                crate::base::order::sort_by(&mut order, by);
                order
            }
        };
        let sorted: Vec<&TeamEntry> = order.iter().filter_map(|k| entries.get(*k)).collect();
        let n = sorted.len();
        let score = |i: usize| sorted.get(i).map_or(Decimal::ZERO, |e| e.score);
        let key = |i: usize| sorted.get(i).and_then(|e| e.tie_break);
        let slots = self.grade_sorted(n, &score, key_order.map(|_| &key as TieKey<'_>));
        let counts = self.quota_counts(n);
        let mut actual = vec![0_usize; self.quotas.len()];
        let mut graded = Vec::with_capacity(n);
        for (entry, slot) in sorted.iter().zip(slots) {
            if let Some(a) = actual.get_mut(slot.grade) {
                *a = a.saturating_add(1);
            }
            graded.push(GradedEntry {
                id: entry.id.clone(),
                score: entry.score,
                grade: self.grade_name(slot.grade),
                grade_index: slot.grade,
                reason: GradeReason {
                    rank: slot.rank,
                    slot: graded.len().saturating_add(1),
                    slot_grade: self.grade_name(slot.slot_grade),
                    tied_group_size: slot.group,
                    moved_because_of_tie: slot.grade != slot.slot_grade,
                    tie_broken: slot.tie_broken,
                },
            });
        }
        let shares = self.exact_shares(n);
        let grades = self
            .quotas
            .iter()
            .zip(counts)
            .zip(actual)
            .zip(shares)
            .map(|(((q, target), actual), exact_share)| GradeSummary {
                grade: q.grade.clone(),
                percent: q.percent,
                exact_share,
                target,
                actual,
                deviation: signed(actual).saturating_sub(signed(target)),
            })
            .collect();
        Ok((Distribution { grades, entries: graded }, order))
    }

    /// The grade of each entry of a team already in the distribution's order (score
    /// descending, then the tie-break key when `key` is given, then id), as [`Self::apply`]
    /// assigns it: the quotas give each slot a grade, and a group kept together (equal scores,
    /// and equal keys when `key` is given) takes the grade most of its slots hold.
    pub(crate) fn grade_sorted(
        &self,
        n: usize,
        score: &dyn Fn(usize) -> Decimal,
        key: Option<TieKey<'_>>,
    ) -> Vec<Slot> {
        self.grade_span(n, 0..n, score, key)
    }

    /// [`Self::grade_sorted`] for the slots `span` of a team of `n` only, when no group kept
    /// together (equal scores) crosses either end of the span: the grades are those of the
    /// whole team's grading there. `score` and `key` read the entries by their place in the
    /// span (0 = its first slot).
    pub(crate) fn grade_span(
        &self,
        n: usize,
        span: std::ops::Range<usize>,
        score: &dyn Fn(usize) -> Decimal,
        key: Option<TieKey<'_>>,
    ) -> Vec<Slot> {
        let counts = self.quota_counts(n);
        // The grade the quotas give each slot of the span: grade g holds the slots from the
        // counts before it to those with it.
        let mut slot_grades = Vec::with_capacity(span.len());
        let mut first = 0_usize;
        for (g, c) in counts.iter().enumerate() {
            let end = first.saturating_add(*c);
            slot_grades.extend(std::iter::repeat_n(g, end.min(span.end).saturating_sub(first.max(span.start))));
            first = end;
        }
        let (offset, n) = (span.start, slot_grades.len());
        // Each score and key read once (the runs compare them again and again).
        let scores: Vec<Decimal> = (0..n).map(score).collect();
        let keys: Option<Vec<Option<Decimal>>> = key.map(|k| (0..n).map(k).collect());
        let score = |i: usize| scores.get(i).copied();
        let key = keys.as_ref().map(|keys| move |i: usize| keys.get(i).copied().flatten());
        let run_end = |from: usize, same: &dyn Fn(usize) -> bool| (from..n).find(|&i| !same(i)).unwrap_or(n);
        let mut slots = Vec::with_capacity(n);
        let mut start = 0;
        while start < n {
            // Equal scores from `start` to `end`.
            let end = run_end(start, &|i| score(i) == score(start));
            let rank = offset.saturating_add(start).saturating_add(1);
            let mut from = start;
            while from < end {
                let to = match key {
                    None => end,
                    Some(k) => run_end(from, &|i| i < end && k(i) == k(from)).max(from.saturating_add(1)),
                };
                let group = to.saturating_sub(from);
                let group_slots = slot_grades.get(from..to).unwrap_or_default();
                let grade = majority_grade(group_slots, self.quotas.len());
                for &slot_grade in group_slots {
                    slots.push(Slot { grade, slot_grade, rank, group, tie_broken: group < end.saturating_sub(start) });
                }
                from = to;
            }
            start = end;
        }
        slots
    }

    /// The name of grade `index` (0 = best), shared.
    pub(crate) fn grade_name(&self, index: usize) -> Name {
        self.grades.get(index).cloned().unwrap_or_default()
    }

    /// Each grade's share of `n` people in units of `1 / denominator` person.
    fn shares(&self, n: usize) -> Vec<u128> {
        // n < 2^64 and a unit count ≤ 100 × 10^6: the product stays far below 2^128.
        let n = u128::try_from(n).unwrap_or(u128::MAX);
        self.units.iter().map(|u| n.saturating_mul(*u)).collect()
    }
}

/// The result of [`ForcedDistribution::apply`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Distribution {
    /// One summary per grade, in quota order (best first).
    pub grades: Vec<GradeSummary>,
    /// Every entry with its grade, in slot order: score descending, then the tie-break key (with
    /// [`TiePolicy::BreakTiesBy`]), then id ascending. A team evaluated without score details
    /// (`Plan::evaluate_team_with`; `evaluateTeam` without `explain` in JS) leaves them
    /// out: its members carry their forced grades, and the entries, which say why, are the
    /// larger part of its result.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub entries: Vec<GradedEntry>,
}

impl Distribution {
    /// The graded entry with this id, if any.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use salescore::team::{DistributionSpec, ForcedDistribution, TeamEntry, TiePolicy};
    ///
    /// let d = ForcedDistribution::new(DistributionSpec::of(&[("A", 50), ("B", 50)]))?;
    /// let team = [TeamEntry::new("x", Decimal::from(1)), TeamEntry::new("y", Decimal::from(2))];
    /// let result = d.apply(&team, TiePolicy::default())?;
    /// assert_eq!(result.get("x").map(|e| e.grade.as_str()), Some("B"));
    /// assert!(result.get("z").is_none());
    /// # Ok::<(), salescore::Error>(())
    /// ```
    pub fn get(&self, id: &str) -> Option<&GradedEntry> {
        self.entries.iter().find(|e| e.id == id)
    }
}

/// One grade's quota, target and outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct GradeSummary {
    /// The grade's name.
    pub grade: String,
    /// Its quota in percent, as written.
    #[serde(with = "crate::base::number::exact")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Dec"))]
    pub percent: Decimal,
    /// Its exact share of the team in people (`n × percent / 100`, e.g. `2.4`).
    #[serde(with = "crate::base::number::exact")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Dec"))]
    pub exact_share: Decimal,
    /// Target head count (the exact share rounded by the largest remainder rules).
    pub target: usize,
    /// How many people got the grade.
    pub actual: usize,
    /// `actual − target`: non-zero only where a tied group was kept together across a boundary.
    pub deviation: i64,
}

/// One entry's grade.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct GradedEntry {
    /// The entry's id.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub id: Name,
    /// The entry's score, as given.
    #[serde(with = "crate::base::number::exact")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Dec"))]
    pub score: Decimal,
    /// The grade it got.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub grade: Name,
    /// Index of that grade in the quotas (0 = best).
    pub grade_index: usize,
    /// Why: the facts an explanation is rendered from.
    pub reason: GradeReason,
}

/// The tie-break key of the entry at a place, for [`ForcedDistribution::grade_sorted`].
pub(crate) type TieKey<'a> = &'a dyn Fn(usize) -> Option<Decimal>;

/// One entry's place in a graded team (see [`ForcedDistribution::grade_sorted`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Slot {
    /// The grade it got (0 = best).
    pub(crate) grade: usize,
    /// The grade the quotas give its slot.
    pub(crate) slot_grade: usize,
    /// Competition rank by score.
    pub(crate) rank: usize,
    /// Size of its group kept together.
    pub(crate) group: usize,
    /// Whether a tie-break key split its equal scores.
    pub(crate) tie_broken: bool,
}

/// The facts behind one entry's grade.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct GradeReason {
    /// Competition rank by score ("1224"); the tie-break key does not change it.
    pub rank: usize,
    /// 1-based slot in the sorted team (see [`Distribution::entries`]).
    pub slot: usize,
    /// The grade the quotas give that slot.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub slot_grade: Name,
    /// Size of the group of equal entries kept together (1 when not tied). Under
    /// [`TiePolicy::BreakTiesBy`], only entries equal on both score and key.
    pub tied_group_size: usize,
    /// Whether the entry got another grade than its slot's because its tied group was kept
    /// together.
    pub moved_because_of_tie: bool,
    /// Whether the entry shares its score with others that the tie-break key put ahead or behind.
    pub tie_broken: bool,
}

/// Orders two equal scores by their tie-break keys (better first), if a policy asks for it.
fn compare_keys(a: &TeamEntry, b: &TeamEntry, order: Option<TieBreakOrder>) -> Ordering {
    match order {
        None => Ordering::Equal,
        Some(TieBreakOrder::HigherFirst) => b.tie_break.cmp(&a.tie_break),
        Some(TieBreakOrder::LowerFirst) => a.tie_break.cmp(&b.tie_break),
    }
}

/// The grade holding most of these slots; the better (smaller) grade on a tie.
fn majority_grade(slots: &[usize], grade_count: usize) -> usize {
    // One person (a score nobody else has): the slot's own grade, without counting.
    if let [g] = slots {
        if *g < grade_count {
            return *g;
        }
    }
    let mut held = vec![0_usize; grade_count];
    for &g in slots {
        if let Some(h) = held.get_mut(g) {
            *h = h.saturating_add(1);
        }
    }
    // `max_by_key` keeps the last maximum: scan from the worst grade so the best one wins ties.
    held.iter().enumerate().rev().max_by_key(|&(_, h)| *h).map_or(0, |(g, _)| g)
}

fn signed(count: usize) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

fn pow10(exp: u32) -> u128 {
    10_u128.checked_pow(exp).unwrap_or(u128::MAX)
}

/// A validated percent (0–100, at most `MAX_PERCENT_DECIMALS` decimals) in units of `10^-scale`.
fn units_of(percent: Decimal, scale: u32) -> u128 {
    let p = percent.normalize();
    let mantissa = u128::try_from(p.mantissa()).unwrap_or(0);
    mantissa.saturating_mul(pow10(scale.saturating_sub(p.scale())))
}

impl crate::base::json::read::Read for GradeQuota {
    fn read(at: crate::base::json::read::At<'_>) -> Result<Self> {
        let o = at.object(&["grade", "percent"])?;
        Ok(GradeQuota { grade: o.req("grade")?, percent: o.req::<crate::base::number::Dec>("percent")?.0 })
    }
}

impl crate::base::json::read::Read for DistributionSpec {
    fn read(at: crate::base::json::read::At<'_>) -> Result<Self> {
        Ok(DistributionSpec { quotas: at.object(&["quotas"])?.req("quotas")? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sktd() -> ForcedDistribution {
        ForcedDistribution::new(DistributionSpec::of(&[("S", 10), ("A", 20), ("B", 50), ("C", 15), ("D", 5)])).unwrap()
    }

    fn team(scores: &[(&str, i64)]) -> Vec<TeamEntry> {
        scores.iter().map(|(id, s)| TeamEntry::new(*id, Decimal::from(*s))).collect()
    }

    fn grades(d: &Distribution) -> Vec<(&str, &str)> {
        d.entries.iter().map(|e| (e.id.as_str(), e.grade.as_str())).collect()
    }

    fn err_of(spec: &str) -> (ErrorCode, String, Option<String>) {
        let e = ForcedDistribution::from_json(spec).unwrap_err();
        (e.code, e.path.clone(), e.detail.found.as_deref().map(str::to_string))
    }

    #[test]
    fn spec_errors_have_codes_and_paths() {
        use ErrorCode::*;
        let q = |body: &str| format!(r#"{{"quotas": [{body}]}}"#);
        assert_eq!(err_of(&q("")), (InvalidValue, "/quotas".into(), None));
        assert_eq!(err_of(&q(r#"{"grade":"S","percent":60},{"grade":"A","percent":30}"#)).2.as_deref(), Some("90"));
        assert_eq!(
            err_of(&q(r#"{"grade":"S","percent":60},{"grade":"","percent":40}"#)),
            (InvalidId, "/quotas/1/grade".into(), None)
        );
        assert_eq!(err_of(&q(r#"{"grade":" S","percent":100}"#)).0, InvalidId);
        assert_eq!(
            err_of(&q(r#"{"grade":"S","percent":60},{"grade":"A","percent":20},{"grade":"S","percent":20}"#)),
            (DuplicateId, "/quotas/2/grade".into(), None)
        );
        assert_eq!(
            err_of(&q(r#"{"grade":"S","percent":110},{"grade":"A","percent":-10}"#)),
            (InvalidValue, "/quotas/0/percent".into(), Some("110".into()))
        );
        assert_eq!(
            err_of(&q(r#"{"grade":"S","percent":50},{"grade":"A","percent":60},{"grade":"B","percent":-10}"#)),
            (InvalidValue, "/quotas/2/percent".into(), Some("-10".into()))
        );
        assert_eq!(
            err_of(&q(r#"{"grade":"S","percent":"0.0000001"},{"grade":"A","percent":"99.9999999"}"#)),
            (InvalidValue, "/quotas/0/percent".into(), Some("0.0000001".into()))
        );
        assert_eq!(err_of(&q(r#"{"grade":"S"}"#)).0, MissingKey);
        assert_eq!(err_of(&q(r#"{"grade":"S","percent":"ten"}"#)).0, InvalidPlan);
        assert_eq!(err_of(&q(r#"{"grade":"S","percent":100}"#).replace(']', "")).0, InvalidPlan);
        let e = ForcedDistribution::from_json(r#"{"quota": []}"#).unwrap_err();
        assert_eq!((e.code, e.path.as_str(), e.suggestion.as_deref()), (UnknownKey, "/quota", Some("quotas")));
        assert_eq!(e.origin, Origin::Plan);
        assert_eq!(e.clone().under("/distribution").path, "/distribution/quota");
    }

    #[test]
    fn percents_may_have_decimals_and_zeros() {
        let d = ForcedDistribution::from_json(
            r#"{"quotas": [{"grade":"S","percent":"33.333333"},{"grade":"A","percent":33.333333},
                {"grade":"B","percent":"33.333334"},{"grade":"X","percent":0}]}"#,
        )
        .unwrap();
        assert_eq!(d.quota_counts(3), [1, 1, 1, 0]);
        assert_eq!(d.quota_counts(1), [0, 1, 0, 0]); // B has the largest remainder (.33333334) but is the bottom grade
        assert_eq!(d.exact_shares(3)[2].to_string(), "1.00000002");
        let d = ForcedDistribution::new(DistributionSpec::of(&[("S", Decimal::new(-0, 0)), ("A", Decimal::from(100))]));
        assert!(d.is_ok(), "-0 is zero");
    }

    #[test]
    fn no_ties_everyone_gets_the_slot_grade() {
        let t: Vec<TeamEntry> = (0..10).map(|i| TeamEntry::new(format!("e{i}"), Decimal::from(100 - i))).collect();
        let r = sktd().apply(&t, TiePolicy::KeepTiesTogether).unwrap();
        let g: Vec<&str> = r.entries.iter().map(|e| e.grade.as_str()).collect();
        assert_eq!(g, ["S", "A", "A", "B", "B", "B", "B", "B", "C", "C"]);
        assert!(r.grades.iter().all(|g| g.deviation == 0));
        assert!(r.entries.iter().all(|e| !e.reason.moved_because_of_tie && e.reason.tied_group_size == 1));
    }

    #[test]
    fn a_tied_group_goes_where_most_of_its_slots_are() {
        // 10 people, targets S1 A2 B5 C2 D0. Three tie in slots 2–4: A holds 2 of them, B 1 → A.
        let t = team(&[
            ("a", 99),
            ("b", 90),
            ("c", 90),
            ("d", 90),
            ("e", 80),
            ("f", 70),
            ("g", 60),
            ("h", 50),
            ("i", 40),
            ("j", 30),
        ]);
        let r = sktd().apply(&t, TiePolicy::KeepTiesTogether).unwrap();
        assert_eq!(&grades(&r)[..5], [("a", "S"), ("b", "A"), ("c", "A"), ("d", "A"), ("e", "B")]);
        let d = &r.entries[3].reason;
        assert_eq!(
            (d.rank, d.slot, d.slot_grade.as_str(), d.tied_group_size, d.moved_because_of_tie),
            (2, 4, "B", 3, true)
        );
        let dev: Vec<i64> = r.grades.iter().map(|g| g.deviation).collect();
        assert_eq!(dev, [0, 1, -1, 0, 0]);
        // Slots 1–3 tied: S holds 1, A holds 2 → all A; S is left empty.
        let t = team(&[
            ("a", 99),
            ("b", 99),
            ("c", 99),
            ("d", 80),
            ("e", 70),
            ("f", 60),
            ("g", 50),
            ("h", 40),
            ("i", 30),
            ("j", 20),
        ]);
        let r = sktd().apply(&t, TiePolicy::KeepTiesTogether).unwrap();
        assert_eq!(r.grades[0].actual, 0);
        assert_eq!(r.grades[1].actual, 3);
    }

    #[test]
    fn everybody_tied_goes_to_the_biggest_grade() {
        let t: Vec<TeamEntry> = (0..10).map(|i| TeamEntry::new(format!("e{i}"), Decimal::from(75))).collect();
        let r = sktd().apply(&t, TiePolicy::KeepTiesTogether).unwrap();
        assert!(r.entries.iter().all(|e| e.grade == "B" && e.reason.rank == 1 && e.reason.tied_group_size == 10));
        let actual: Vec<usize> = r.grades.iter().map(|g| g.actual).collect();
        assert_eq!(actual, [0, 0, 10, 0, 0]);
    }

    #[test]
    fn break_ties_by_a_key_then_keep_together() {
        let d = ForcedDistribution::new(DistributionSpec::of(&[("A", 20), ("B", 60), ("C", 20)])).unwrap();
        let t = vec![
            TeamEntry::new("ann", Decimal::from(95)).with_tie_break(Decimal::from(20_200_101)),
            TeamEntry::new("bob", Decimal::from(95)).with_tie_break(Decimal::from(20_180_101)),
            TeamEntry::new("cat", Decimal::from(80)).with_tie_break(Decimal::from(1)),
            TeamEntry::new("dan", Decimal::from(70)).with_tie_break(Decimal::from(5)),
            TeamEntry::new("eve", Decimal::from(70)).with_tie_break(Decimal::from(5)),
        ];
        let r = d.apply(&t, TiePolicy::BreakTiesBy(TieBreakOrder::LowerFirst)).unwrap();
        // bob was hired earlier: A; ann B. dan and eve are equal on both: slots 4 (B) and 5 (C)
        // tie one each → the better grade, B.
        assert_eq!(grades(&r), [("bob", "A"), ("ann", "B"), ("cat", "B"), ("dan", "B"), ("eve", "B")]);
        let ann = &r.entries[1].reason;
        assert_eq!((ann.rank, ann.tie_broken, ann.moved_because_of_tie, ann.tied_group_size), (1, true, false, 1));
        let eve = &r.entries[4].reason;
        assert_eq!((eve.rank, eve.tie_broken, eve.moved_because_of_tie, eve.tied_group_size), (4, false, true, 2));
        let r = d.apply(&t, TiePolicy::BreakTiesBy(TieBreakOrder::HigherFirst)).unwrap();
        assert_eq!(&grades(&r)[..2], [("ann", "A"), ("bob", "B")]);
    }

    #[test]
    fn break_ties_by_needs_every_key() {
        let t = vec![TeamEntry::new("a", Decimal::ONE).with_tie_break(Decimal::ONE), TeamEntry::new("b", Decimal::ONE)];
        let e = sktd().apply(&t, TiePolicy::BreakTiesBy(TieBreakOrder::HigherFirst)).unwrap_err();
        assert_eq!((e.code, e.path.as_str(), e.origin), (ErrorCode::MissingField, "/1/tieBreak", Origin::Record));
        assert!(sktd().apply(&t, TiePolicy::KeepTiesTogether).is_ok());
    }

    #[test]
    fn empty_team() {
        let r = sktd().apply(&[], TiePolicy::KeepTiesTogether).unwrap();
        assert!(r.entries.is_empty());
        assert!(r.grades.iter().all(|g| g.target == 0 && g.actual == 0 && g.exact_share.is_zero()));
    }

    #[test]
    fn serializes_camel_case() {
        let r = sktd().apply(&team(&[("a", 1)]), TiePolicy::KeepTiesTogether).unwrap();
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(
            v["entries"][0],
            serde_json::json!({"id": "a", "score": "1", "grade": "B", "gradeIndex": 2, "reason": {
                "rank": 1, "slot": 1, "slotGrade": "B", "tiedGroupSize": 1, "movedBecauseOfTie": false, "tieBroken": false}})
        );
        assert_eq!(
            v["grades"][0],
            serde_json::json!({"grade": "S", "percent": "10", "exactShare": "0.1", "target": 0, "actual": 0, "deviation": 0})
        );
        assert_eq!(serde_json::to_value(TiePolicy::KeepTiesTogether).unwrap(), "keepTiesTogether");
        assert_eq!(
            serde_json::from_str::<TiePolicy>(r#"{"breakTiesBy":"lowerFirst"}"#).unwrap(),
            TiePolicy::BreakTiesBy(TieBreakOrder::LowerFirst)
        );
    }
}
