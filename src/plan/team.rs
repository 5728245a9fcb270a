//! Evaluating a whole team in one call: every rep's plan result, then ranks, the forced
//! distribution, aggregates per team and per group, group-vs-group PK and the leaderboard.

use super::evaluate::Pass;
use super::{Evaluation, Plan, Record};
use crate::base::error::{Error, ErrorCode, Origin, Result};
use crate::base::locale::Locale;
use crate::base::name::Name;
use crate::base::number::{Dec, Rounding};
use crate::incentive::section::IncentiveResult;
use crate::scorecard::document::{AggregateFn, LeaderboardBy};
use crate::scorecard::{Member, ScoreNeeds, ScoreResult};
use crate::team::{contest, Aggregate, Distribution, Outcome, TeamEntry, TieBreakOrder, TiePolicy};
use rust_decimal::Decimal;
use rustc_hash::FxHashSet as HashSet;
use serde::Serialize;
use std::collections::BTreeMap;

/// One scored rep in the team view.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TeamMember {
    /// Index of the record.
    pub index: usize,
    /// Rep id (from the team section's `id` formula).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub id: Name,
    /// Display name (from the team section's `name` formula).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub name: Option<Name>,
    /// Group (from the team section's `group` formula).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub group: Option<Name>,
    /// Scorecard total.
    pub total: Dec,
    /// Grade from the bands (before any forced distribution).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub grade: Name,
    /// Competition rank ("1224").
    pub rank: usize,
    /// Dense rank ("1223").
    pub dense_rank: usize,
    /// Grade after the forced distribution, when the team section has one. A vetoed rep keeps
    /// its band grade (after the veto).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string"))]
    pub forced_grade: Option<Name>,
    /// Whether a veto (一票否决) was triggered: the rep is then outside the forced distribution,
    /// whose quotas apply to the other reps.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub vetoed: bool,
    /// The incentive statement's total, pools included (plans with an incentive section).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub payout: Option<Dec>,
}

/// The team's incentive cost.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TeamIncentive {
    /// Σ every rep's statement total (the plan's cost for the team).
    pub total: Dec,
    /// Σ per component, in statement order.
    pub components: Vec<crate::incentive::section::ComponentTotal>,
    /// How each pool was split.
    pub pools: Vec<PoolSummary>,
}

/// One pool as split.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PoolSummary {
    /// The pool component.
    pub id: String,
    /// The group it was for (pools split per group).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub group: Option<String>,
    /// The pool.
    pub amount: Dec,
    /// What was paid out: the pool, or 0 when no rep had a share weight above 0.
    pub paid: Dec,
    /// Reps with a share above 0.
    pub members: usize,
}

/// Aggregate values by id, in plan order (a JSON object).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aggregates(pub Vec<(String, Dec)>);

impl Aggregates {
    /// The value of aggregate `id`.
    pub fn get(&self, id: &str) -> Option<Dec> {
        self.0.iter().find(|(k, _)| k == id).map(|(_, v)| *v)
    }
}

impl Serialize for Aggregates {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        crate::plan::output::serialize_pairs(&self.0, s)
    }
}

/// How many reps got a grade.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct GradeCount {
    /// The grade.
    pub grade: String,
    /// Reps with it (from the bands).
    pub count: usize,
}

/// One group's summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct GroupSummary {
    /// The group.
    pub group: String,
    /// Scored reps in it.
    pub members: usize,
    /// Reps per grade (from the bands), best grade first.
    pub grades: Vec<GradeCount>,
    /// The team section's aggregates over this group.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, Dec>"))]
    pub aggregates: Aggregates,
}

/// One side of a contest.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PkSide {
    /// The group.
    pub group: String,
    /// Its aggregate value (none: no scored member in the group).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub value: Option<Dec>,
}

/// How a contest ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum PkOutcome {
    /// One side won: see `winner`.
    Won,
    /// Equal values.
    Tie,
    /// A side has no scored member.
    NoData,
}

/// A group-vs-group contest (PK).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PkResult {
    /// Contest id.
    pub id: String,
    /// The aggregate compared.
    pub by: String,
    /// Whether the lower value wins.
    pub lower_is_better: bool,
    /// The two sides, as in the plan.
    pub sides: [PkSide; 2],
    /// How it ended.
    pub outcome: PkOutcome,
    /// The winning group, when one won.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub winner: Option<String>,
    /// |a − b|, when both sides have a value.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub margin: Option<Dec>,
}

/// One place on the leaderboard.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct LeaderboardEntry {
    /// Competition rank by the leaderboard's value ("1224").
    pub place: usize,
    /// Rep id.
    pub id: String,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// Group.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub group: Option<String>,
    /// The value ranked by.
    pub value: Dec,
    /// Level, when the plan has levels.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub level: Option<String>,
    /// Badges earned.
    pub badges: Vec<String>,
}

/// The leaderboard.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Leaderboard {
    /// What it ranks by.
    pub by: LeaderboardBy,
    /// Places, best first (equal values by id); ties at the last shown place are all shown.
    pub entries: Vec<LeaderboardEntry>,
}

/// The team view: members best first, the forced distribution, aggregates, groups, PK and the
/// leaderboard.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TeamSummary {
    /// Scored reps, best total first (ties by id).
    pub members: Vec<TeamMember>,
    /// Quotas, counts and deviations of the forced distribution.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub distribution: Option<Distribution>,
    /// The aggregates over every scored rep (empty when none was scored).
    #[serde(skip_serializing_if = "aggregates_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Record<string, Dec>"))]
    pub aggregates: Aggregates,
    /// One summary per group, by group name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub groups: Vec<GroupSummary>,
    /// Contests, in plan order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub pk: Vec<PkResult>,
    /// The leaderboard, when the plan has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub leaderboard: Option<Leaderboard>,
    /// The team's incentive cost and pools (plans with an incentive section).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub incentive: Option<TeamIncentive>,
}

fn aggregates_empty(a: &Aggregates) -> bool {
    a.0.is_empty()
}

impl TeamSummary {
    /// The view of a plan without a team section: nobody ranked.
    pub(crate) fn empty() -> Self {
        TeamSummary {
            members: Vec::new(),
            distribution: None,
            aggregates: Aggregates::default(),
            groups: Vec::new(),
            pk: Vec::new(),
            leaderboard: None,
            incentive: None,
        }
    }
}

/// Every record's result (or error) and the team view.
pub struct TeamEvaluation<'p> {
    /// Per record: its evaluation, or `None` where `errors` has its error.
    pub results: Vec<Option<Evaluation<'p>>>,
    /// Records that could not be evaluated, by index.
    pub errors: Vec<(usize, Error)>,
    /// Ranks and grades of the scored reps.
    pub team: TeamSummary,
}

/// A scored rep: record index, what the team reads of it, its score.
struct Scored<'a> {
    index: usize,
    member: &'a Member,
    score: &'a ScoreResult,
}

impl Plan {
    /// Evaluates every record, then ranks the scorecard totals, applies the forced distribution
    /// and computes aggregates, PK and the leaderboard. Needs a `scorecard.team` section; a
    /// record that fails is reported beside the others and left out of the team view.
    pub fn evaluate_team<R: Record>(&self, records: &[R]) -> Result<TeamEvaluation<'_>> {
        self.evaluate_team_with(records, true, None)
    }

    /// [`Plan::evaluate_team`], with every rep's result explained in `explain`'s locale.
    pub fn evaluate_team_in<R: Record>(&self, records: &[R], explain: Option<Locale>) -> Result<TeamEvaluation<'_>> {
        self.evaluate_team_with(records, true, explain)
    }

    /// [`Plan::evaluate_team_in`]; without `scores`, `results[i].score` is `None` and the per-rep
    /// score details (lines, distance to the next grade) are not computed, and the forced
    /// distribution keeps its grades' summaries but not its entries (each member's reason; the
    /// members keep their forced grades). The team view is otherwise the same.
    pub fn evaluate_team_with<R: Record>(
        &self,
        records: &[R],
        scores: bool,
        explain: Option<Locale>,
    ) -> Result<TeamEvaluation<'_>> {
        if self.team_section().is_none() {
            return Err(Error::new(ErrorCode::MissingKey).name("team").path(Origin::Plan, "/scorecard/team"));
        }
        if records.is_empty() {
            return Err(Error::new(ErrorCode::EmptyTeam).path(Origin::Record, ""));
        }
        let mut results = Vec::with_capacity(records.len());
        let mut errors = Vec::new();
        for (i, record) in records.iter().enumerate() {
            match self.evaluate_as(
                record,
                // With scores (or explained) the statements are finished in a locale below.
                Pass {
                    explain,
                    needs: ScoreNeeds { member: true, detail: scores },
                    extra: None,
                    listed: scores,
                    ..Pass::default()
                },
            ) {
                Ok(eval) => results.push(Some(eval)),
                Err(e) => {
                    errors.push((i, in_record(e, i)));
                    results.push(None);
                }
            }
        }
        let scored: Vec<Option<&ScoreResult>> = results.iter().map(|r| r.as_ref()?.score.as_ref()).collect();
        let weight = |index: usize, component: usize| {
            results.get(index)?.as_ref()?.run.as_ref()?.pool_weights.get(component).copied().flatten()
        };
        let parts = self.team_parts(&scored, &weight)?;
        drop(scored);
        let TeamParts { team: mut summary, awards, pools, duplicates, .. } = parts;
        if let Some(d) = summary.distribution.as_mut().filter(|_| !scores) {
            d.entries = Vec::new();
        }
        for (i, e) in duplicates {
            if let Some(slot) = results.get_mut(i) {
                *slot = None;
            }
            errors.push((i, e));
        }
        crate::base::order::sort_by_key(&mut errors, |(i, _)| *i);
        let locale = explain.or(scores.then_some(self.locale()));
        if locale.is_some() || !super::NUMBERS_ONLY {
            let mut statements = Vec::with_capacity(results.len());
            for (i, eval) in results.iter_mut().enumerate() {
                let run = eval.as_mut().and_then(|e| e.run.take());
                statements.push(run.map(|run| settle(run, awards.of(i), locale)).transpose()?);
            }
            if self.incentive.is_some() {
                summary.incentive = Some(team_cost(&statements, &mut summary.members, pools)?);
            }
            for (eval, statement) in results.iter_mut().zip(statements) {
                if let Some(eval) = eval.as_mut().filter(|_| locale.is_some()) {
                    eval.incentive = statement;
                }
            }
        } else if self.incentive.is_some() {
            // Numbers only: no result keeps its statement, so none is built.
            let runs = results.iter_mut().map(|e| e.as_mut().and_then(|e| e.run.take()));
            summary.incentive = Some(team_totals(runs, &awards, &mut summary.members, pools)?);
        }
        if !scores {
            for eval in results.iter_mut().flatten() {
                eval.score = None;
            }
        }
        Ok(TeamEvaluation { results, errors, team: summary })
    }

    /// The plan's team section, if it has one.
    fn team_section(&self) -> Option<&crate::scorecard::Team> {
        self.scorecard.as_ref().and_then(|s| s.team.as_ref())
    }

    /// One record evaluated as a member of a team, before the team's parts: its score (with what
    /// the team reads of it) and its statement before the pools are split (`run`). With a
    /// locale, explained in it (every detail); without, numbers only and no score details.
    pub(crate) fn evaluate_member(&self, record: &impl Record, explain: Option<Locale>) -> Result<Evaluation<'_>> {
        self.evaluate_as(record, Pass { explain, needs: ScoreNeeds { member: true, detail: false }, ..Pass::default() })
    }

    /// [`Plan::evaluate_member`] for what a member is paid and scored, numbers only: no metrics
    /// and no score details. `slots`: the record's fields and metrics by slot as a plan that
    /// reads records as this one does ([`Plan::reads_like`]) computed them (not read again; the
    /// result's `slots` is then empty). `score`: the record's score as a plan that scores as this
    /// one does ([`Plan::scores_like`]) computed it as a member, which the incentive section reads
    /// (the scorecard is not run: the result has no score; taken only with `slots`). `rows`: the
    /// record's transactions as a plan that reads them as this one does
    /// ([`Plan::reads_rows_as`]) read them (not read again). `skip`: the incentive components
    /// not run, whose amounts the caller has from a plan that pays them alike
    /// ([`Plan::pays_as`]).
    pub(crate) fn pay_member(
        &self,
        record: &impl Record,
        score: Option<&ScoreResult>,
        slots: Option<&[Option<crate::formula::Value>]>,
        rows: Option<&crate::incentive::section::Rows>,
        skip: &[bool],
    ) -> Result<Evaluation<'_>> {
        let known = score.filter(|_| slots.is_some()).map(super::evaluate::score_facts);
        let needs = ScoreNeeds { member: true, detail: false };
        self.evaluate_as(record, Pass { needs, known, slots, no_metrics: true, rows, skip, ..Pass::default() })
    }

    /// The team's parts from its members' scores (by record index; none for a record that
    /// failed): ranks, the forced distribution, the pools split by the share weights
    /// `weight(record, component)`, the aggregates, groups, PK and the leaderboard. A record
    /// whose id an earlier record has is left out and reported in `duplicates`. Without a team
    /// section, the summary is empty. Payouts are not filled in: that is [`settle`] and the
    /// caller's sum.
    pub(crate) fn team_parts(
        &self,
        scores: &[Option<&ScoreResult>],
        weight: &dyn Fn(usize, usize) -> Option<Decimal>,
    ) -> Result<TeamParts> {
        self.parts_by(scores, weight, true, |team, scored| self.rank(team, scored))
    }

    /// [`Plan::team_parts`] without the standings and without the forced distribution's own
    /// summary, for a compare side: the members ranked and graded in one walk
    /// ([`Plan::rank_members`]) where that gives what [`Plan::rank`] gives.
    pub(crate) fn team_ranks(
        &self,
        scores: &[Option<&ScoreResult>],
        weight: &dyn Fn(usize, usize) -> Option<Decimal>,
    ) -> Result<TeamParts> {
        self.parts_by(scores, weight, false, |team, scored| {
            self.rank_members(team, scored).unwrap_or_else(|| self.rank(team, scored))
        })
    }

    /// The team's parts, its members ranked by `rank`; with `standings`, the aggregates,
    /// groups, PK and the leaderboard too. (Generic, so that a build that never asks for a
    /// compare side's ranking leaves it out.)
    fn parts_by(
        &self,
        scores: &[Option<&ScoreResult>],
        weight: &dyn Fn(usize, usize) -> Option<Decimal>,
        standings: bool,
        rank: impl FnOnce(&crate::scorecard::Team, &[Scored<'_>]) -> Result<Ranked>,
    ) -> Result<TeamParts> {
        let Members { scored, duplicates } = members(scores);
        let Some(team) = self.team_section() else {
            return Ok(TeamParts {
                team: TeamSummary::empty(),
                forced: false,
                awards: PoolAwards::default(),
                pools: Vec::new(),
                duplicates,
            });
        };
        let (members, distribution, forced) = rank(team, &scored)?;
        let mut summary = TeamSummary { members, distribution, ..TeamSummary::empty() };
        if standings {
            self.standings(team, &scored, &mut summary)?;
        }
        let (awards, pools) = self.split_pools(&summary.members, scores.len(), weight, None)?;
        Ok(TeamParts { team: summary, forced, awards, pools, duplicates })
    }

    /// Scored rep `s` as a member, not ranked or graded yet.
    fn member(&self, s: &Scored<'_>) -> TeamMember {
        TeamMember {
            index: s.index,
            id: s.member.id.clone(),
            name: s.member.name.clone(),
            group: s.member.group.clone(),
            total: s.score.total,
            grade: s.score.grade.clone(),
            rank: 0,
            dense_rank: 0,
            forced_grade: None,
            vetoed: s.member.vetoed,
            payout: None,
        }
    }

    /// The members ranked best first with their forced grades, as [`Plan::rank`] ranks them,
    /// without the forced distribution's own summary: the members sorted once by total and id,
    /// then ranked and graded in one walk ([`Plan::regrade`] of the whole team), without the
    /// ranking's and the distribution's entries, ids copied and looked up by name. Whether the
    /// forced distribution applies comes with them. None where [`Plan::rank`] is asked instead:
    /// a team it reports an error for (an empty id, a graded member without a tie-break key),
    /// so that the error is its.
    fn rank_members(&self, team: &crate::scorecard::Team, scored: &[Scored<'_>]) -> Option<Result<Ranked>> {
        let keyed = team.tie_break.is_some() && self.distribution.is_some();
        let fits = |s: &Scored<'_>| {
            !s.member.id.trim().is_empty() && (!keyed || s.member.vetoed || s.member.tie_break.is_some())
        };
        if !scored.iter().all(fits) {
            return None;
        }
        let mut order: Vec<usize> = (0..scored.len()).collect();
        crate::base::order::sort_by(&mut order, |a, b| match (scored.get(*a), scored.get(*b)) {
            (Some(a), Some(b)) => b.score.total.0.cmp(&a.score.total.0).then_with(|| a.member.id.cmp(&b.member.id)),
            _ => std::cmp::Ordering::Equal,
        });
        let mut members: Vec<TeamMember> =
            order.iter().filter_map(|k| scored.get(*k)).map(|s| self.member(s)).collect();
        // `scored` is in record order: a record index finds its member by binary search.
        let key = |index: usize| {
            let k = scored.binary_search_by_key(&index, |s| s.index).ok()?;
            scored.get(k)?.member.tie_break
        };
        let n = members.len();
        let forced = self.distribution.is_some() && members.iter().any(|m| !m.vetoed);
        Some(self.regrade(&mut members, 0..n, Decimal::ZERO, &key, None).map(|_| (members, None, forced)))
    }

    /// The members ranked best first, with their forced grades, and the forced distribution:
    /// [`Ranking::new`](crate::team::Ranking::new)'s ranks and
    /// [`ForcedDistribution::apply`](crate::team::ForcedDistribution::apply)'s grades, each
    /// member found by its place in `scored` rather than by its id.
    fn rank(&self, team: &crate::scorecard::Team, scored: &[Scored<'_>]) -> Result<Ranked> {
        let vetoed = |s: &Scored<'_>| s.member.vetoed;
        let entries: Vec<TeamEntry> = scored
            .iter()
            .map(|s| {
                let entry = TeamEntry::new(s.member.id.clone(), s.score.total.0);
                match s.member.tie_break {
                    Some(k) => entry.with_tie_break(k),
                    None => entry,
                }
            })
            .collect();
        crate::team::check_ids(&entries)?;
        let places = crate::team::ranking::ranked_order(&entries);
        // Vetoed reps are outside the forced distribution: the quotas apply to the others
        // (`graded`: their places in `scored`, when some are left out).
        let graded: Option<Vec<usize>> = scored
            .iter()
            .any(vetoed)
            .then(|| scored.iter().enumerate().filter(|(_, s)| !vetoed(s)).map(|(k, _)| k).collect());
        let pool: std::borrow::Cow<'_, [TeamEntry]> = match &graded {
            Some(graded) => graded.iter().filter_map(|k| entries.get(*k).cloned()).collect(),
            None => std::borrow::Cow::Borrowed(&entries),
        };
        let mut forced: Vec<Option<Name>> = vec![None; scored.len()];
        let distribution = match &self.distribution {
            Some(d) if !pool.is_empty() => {
                let policy = match &team.tie_break {
                    Some((_, true)) => TiePolicy::BreakTiesBy(TieBreakOrder::LowerFirst),
                    Some((_, false)) => TiePolicy::BreakTiesBy(TieBreakOrder::HigherFirst),
                    None => TiePolicy::KeepTiesTogether,
                };
                // The pool in display order, from the team's: each graded member's place in the pool,
                // in the team's order.
                let ranked = match &graded {
                    Some(graded) => {
                        let mut in_pool = vec![None; scored.len()];
                        for (k, g) in graded.iter().enumerate() {
                            if let Some(slot) = in_pool.get_mut(*g) {
                                *slot = Some(k);
                            }
                        }
                        places.iter().filter_map(|p| in_pool.get(p.index).copied().flatten()).collect()
                    }
                    None => places.iter().map(|p| p.index).collect(),
                };
                let (distribution, order) = d.apply_ordered(&pool, policy, Some(ranked))?;
                for (e, at) in distribution.entries.iter().zip(order) {
                    let k = graded.as_ref().map_or(Some(at), |g| g.get(at).copied());
                    if let Some(slot) = k.and_then(|k| forced.get_mut(k)) {
                        *slot = Some(e.grade.clone());
                    }
                }
                Some(distribution)
            }
            _ => None,
        };
        let members = places
            .iter()
            .filter_map(|p| {
                let s = scored.get(p.index)?;
                let forced_grade = forced
                    .get_mut(p.index)
                    .and_then(Option::take)
                    .or_else(|| (vetoed(s) && self.distribution.is_some()).then(|| s.score.grade.clone()));
                Some(TeamMember { rank: p.competition_rank, dense_rank: p.dense_rank, forced_grade, ..self.member(s) })
            })
            .collect();
        let forced = distribution.is_some();
        Ok((members, distribution, forced))
    }

    /// The aggregates over the team and per group, the contests and the leaderboard.
    fn standings(&self, team: &crate::scorecard::Team, scored: &[Scored<'_>], summary: &mut TeamSummary) -> Result<()> {
        let rounding = self.doc.rounding.score;
        let all: Vec<&Scored<'_>> = scored.iter().collect();
        let aggregates = if all.is_empty() { Aggregates::default() } else { aggregate(team, &all, rounding)? };
        let mut by_group: BTreeMap<&str, Vec<&Scored<'_>>> = BTreeMap::new();
        for s in scored {
            if let Some(g) = &s.member.group {
                by_group.entry(g.as_str()).or_default().push(s);
            }
        }
        let grades = self.scorecard.as_ref().map(|sc| sc.grades.as_slice()).unwrap_or_default();
        let groups = by_group
            .iter()
            .map(|(group, members)| {
                Ok(GroupSummary {
                    group: (*group).to_string(),
                    members: members.len(),
                    grades: grades
                        .iter()
                        .map(|g| GradeCount {
                            grade: g.grade.clone(),
                            count: members.iter().filter(|m| m.score.grade == g.grade).count(),
                        })
                        .collect(),
                    aggregates: aggregate(team, members, rounding)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let pk = team
            .pk
            .iter()
            .map(|c| {
                let by = team.aggregates.get(c.by).map(|(d, _)| d.id.clone()).unwrap_or_default();
                let value = |g: &str| groups.iter().find(|s| s.group == g).and_then(|s| s.aggregates.get(&by));
                let [a, b] = &c.groups;
                let (va, vb) = (value(a), value(b));
                let (outcome, margin) = contest(va.map(|d| d.0), vb.map(|d| d.0), c.lower_is_better);
                let (outcome, winner) = match outcome {
                    Outcome::First => (PkOutcome::Won, Some(a.clone())),
                    Outcome::Second => (PkOutcome::Won, Some(b.clone())),
                    Outcome::Tie => (PkOutcome::Tie, None),
                    Outcome::NoData => (PkOutcome::NoData, None),
                };
                PkResult {
                    id: c.id.clone(),
                    by,
                    lower_is_better: c.lower_is_better,
                    sides: [PkSide { group: a.clone(), value: va }, PkSide { group: b.clone(), value: vb }],
                    outcome,
                    winner,
                    margin: margin.map(Dec),
                }
            })
            .collect();
        let leaderboard = team.leaderboard.as_ref().map(|def| leaderboard(def.by, def.top, scored)).transpose()?;
        (summary.aggregates, summary.groups, summary.pk, summary.leaderboard) = (aggregates, groups, pk, leaderboard);
        Ok(())
    }

    /// The ranks and forced grades of `members` again after one member's total or grade
    /// changed (`was`: its total before) and it was moved to its new place among the others (the
    /// same members, ids and vetoes): `moved` spans its old and new places, every member outside
    /// kept its place and total. Set as [`Plan::team_parts`] sets them, but only for the members
    /// in `moved`, widened to whole runs of equal totals before and after the move: the others
    /// keep their competition rank and forced grade (their places in the team and in the
    /// distribution did not change, nor did the entries they tie with), and their dense ranks move
    /// by the distinct totals the span gained or lost. `tie_break(record index)` is a member's
    /// tie-break key. `vetoes`: each place's veto, when the caller keeps them in member order
    /// (counted there, a byte per member, rather than in the members); the dense ranks are then
    /// left as they are (such a caller does not read them: reading every member after the span
    /// to move them was most of a regrading in a large team). Returns the record indices of the
    /// members whose forced grade changed. An error when the members are out of order (a fault:
    /// the caller computes the team's parts again).
    pub(crate) fn regrade(
        &self,
        members: &mut [TeamMember],
        moved: std::ops::Range<usize>,
        was: Decimal,
        tie_break: &dyn Fn(usize) -> Option<Decimal>,
        vetoes: Option<&[bool]>,
    ) -> Result<Vec<usize>> {
        let best_first = |a: &TeamMember, b: &TeamMember| b.total.0.cmp(&a.total.0).then_with(|| a.id.cmp(&b.id));
        let total_at = |k: usize| members.get(k).map(|m| m.total.0);
        // Widened to whole runs of equal totals before and after the move, then one member past
        // each end for the order check. Before the move, the member inside the span next to an
        // end was the moved one at its old total, or the one now second from that end, whose
        // total lies between the two: a run that crossed the end had the end's total or `was`.
        let mut lo = moved.start.min(members.len());
        while lo > 0 && [total_at(lo), Some(was)].contains(&total_at(lo.saturating_sub(1))) {
            lo = lo.saturating_sub(1);
        }
        let mut hi = moved.end.clamp(lo, members.len());
        while hi < members.len() && hi > lo && [total_at(hi.saturating_sub(1)), Some(was)].contains(&total_at(hi)) {
            hi = hi.saturating_add(1);
        }
        let around = members.get(lo.saturating_sub(1)..hi.saturating_add(1).min(members.len())).unwrap_or_default();
        if !around.is_sorted_by(|a, b| best_first(a, b).is_le()) {
            return Err(crate::base::checked::overflow());
        }
        let (mut rank, mut dense, mut previous) = match lo.checked_sub(1).and_then(|k| members.get(k)) {
            Some(m) => (m.rank, m.dense_rank, Some(m.total.0)),
            None => (0, 0, None),
        };
        for (k, m) in members.iter_mut().enumerate().take(hi).skip(lo) {
            if previous != Some(m.total.0) {
                (rank, dense, previous) = (k.saturating_add(1), dense.saturating_add(1), Some(m.total.0));
            }
            (m.rank, m.dense_rank) = (rank, dense);
        }
        // After the span, a new run starts: its dense rank follows the span's last one.
        if let Some(next) = members.get(hi).map(|m| m.dense_rank).filter(|_| vetoes.is_none()) {
            let now = dense.saturating_add(1);
            if next != now {
                for m in members.get_mut(hi..).unwrap_or_default() {
                    m.dense_rank = m.dense_rank.saturating_add(now).saturating_sub(next);
                }
            }
        }
        let Some(d) = &self.distribution else { return Ok(Vec::new()) };
        let graded = |m: &TeamMember| !m.vetoed;
        let (head, rest) = members.split_at_mut(lo);
        let (span, tail) = rest.split_at_mut(hi.saturating_sub(lo));
        // The distribution's slots before the span, and in the whole team.
        let (before, size) = match vetoes {
            Some(v) => {
                let count = |v: Option<&[bool]>| v.map_or(0, |v| v.iter().filter(|x| !**x).count());
                let before = count(v.get(..lo));
                (before, before.saturating_add(count(v.get(lo..))))
            }
            None => {
                let before = head.iter().filter(|m| graded(m)).count();
                (before, before.saturating_add(span.iter().chain(tail.iter()).filter(|m| graded(m)).count()))
            }
        };
        let mut pool: Vec<usize> = (0..span.len()).filter(|k| span.get(*k).is_some_and(graded)).collect();
        let lower_first = self.team_section().and_then(|t| t.tie_break.as_ref()).map(|(_, lower)| *lower);
        let total = |k: &usize| span.get(*k).map_or(Decimal::ZERO, |m| m.total.0);
        // Each member's tie-break key, looked up once (the sorts and the grading read them often).
        let keys: Vec<Option<Decimal>> =
            if lower_first.is_some() { span.iter().map(|m| tie_break(m.index)).collect() } else { Vec::new() };
        let key = |k: &usize| keys.get(*k).copied().flatten();
        if let Some(lower) = lower_first {
            if let Some(k) = pool.iter().find(|k| key(k).is_none()) {
                let index = span.get(*k).map_or(0, |m| m.index);
                return Err(Error::new(ErrorCode::MissingField)
                    .name("tieBreak")
                    .path(Origin::Record, format!("/{index}/tieBreak")));
            }
            // Within equal totals, by key (already by id within them, and the sort is stable).
            let mut start = 0;
            while start < pool.len() {
                let run = pool.get(start..).unwrap_or_default();
                let first = run.first().map(total);
                let len = run.iter().take_while(|k| Some(total(k)) == first).count().max(1);
                if let Some(tied) = pool.get_mut(start..start.saturating_add(len)).filter(|t| t.len() > 1) {
                    crate::base::order::sort_few_by(tied, |a, b| {
                        if lower {
                            key(a).cmp(&key(b))
                        } else {
                            key(b).cmp(&key(a))
                        }
                    });
                }
                start = start.saturating_add(len);
            }
        }
        let score = |at: usize| pool.get(at).map_or(Decimal::ZERO, total);
        let key_at = |at: usize| pool.get(at).and_then(key);
        let slots = d.grade_span(
            size,
            before..before.saturating_add(pool.len()),
            &score,
            lower_first.map(|_| &key_at as crate::team::TieKey<'_>),
        );
        let mut forced: Vec<Option<usize>> = vec![None; span.len()];
        for (k, slot) in pool.iter().zip(slots) {
            if let Some(f) = forced.get_mut(*k) {
                *f = Some(slot.grade);
            }
        }
        let mut changed = Vec::new();
        for (m, f) in span.iter_mut().zip(forced) {
            let grade = match f {
                Some(g) => d.grade_name(g),
                None if m.vetoed => m.grade.clone(),
                None => continue,
            };
            if m.forced_grade.as_ref() != Some(&grade) {
                m.forced_grade = Some(grade);
                changed.push(m.index);
            }
        }
        Ok(changed)
    }

    /// The pools split among the scored `members` (see [`Plan::team_parts`]): per record (of
    /// `n`), the shares it is paid.
    pub(crate) fn pool_awards(
        &self,
        members: &[TeamMember],
        n: usize,
        weight: &dyn Fn(usize, usize) -> Option<Decimal>,
    ) -> Result<PoolAwards> {
        self.split_pools(members, n, weight, None).map(|(awards, _)| awards)
    }

    /// Splits the pools among the scored `members`: per record (of `n`), the shares it is paid,
    /// and each pool as split.
    fn split_pools(
        &self,
        members: &[TeamMember],
        n: usize,
        weight: &dyn Fn(usize, usize) -> Option<Decimal>,
        only: Option<Option<&str>>,
    ) -> Result<(PoolAwards, Vec<PoolSummary>)> {
        let (pairs, pools) = self.split_pools_of(members, weight, only)?;
        Ok((PoolAwards::by_record(n, pairs), pools))
    }

    /// [`Plan::split_pools`] as `(record, its share)` pairs, pool by pool; with `only`, the
    /// pools per group are split for that group alone.
    fn split_pools_of(
        &self,
        members: &[TeamMember],
        weight: &dyn Fn(usize, usize) -> Option<Decimal>,
        only: Option<Option<&str>>,
    ) -> Result<(Vec<RecordAward>, Vec<PoolSummary>)> {
        let Some(inc) = &self.incentive else { return Ok((Vec::new(), Vec::new())) };
        // (record, its share), pool by pool.
        let mut awards: Vec<(usize, PoolAward)> = Vec::new();
        let mut pools = Vec::new();
        for (ci, def) in inc.pools() {
            awards.reserve(members.len());
            // Members (by record index), their ids and share weights, per group or for the team.
            type Sharers<'m> = (Vec<usize>, Vec<&'m str>, Vec<Decimal>);
            fn group_of(m: &TeamMember, per_group: bool) -> Option<&str> {
                if per_group {
                    m.group.as_deref()
                } else {
                    None
                }
            }
            let mut by_group: BTreeMap<Option<&str>, Sharers<'_>> = BTreeMap::new();
            // A pool for the whole team holds every member: its room made at once.
            let room = if def.per_group { 0 } else { members.len() };
            for m in members {
                if def.per_group && only.is_some_and(|g| g != m.group.as_deref()) {
                    continue;
                }
                let (indices, ids, weights) = by_group
                    .entry(group_of(m, def.per_group))
                    .or_insert_with(|| (Vec::with_capacity(room), Vec::with_capacity(room), Vec::with_capacity(room)));
                indices.push(m.index);
                ids.push(m.id.as_str());
                weights.push(weight(m.index, ci).unwrap_or_default());
            }
            for (group, (indices, ids, weights)) in by_group {
                let sharing = weights.iter().filter(|w| **w > Decimal::ZERO).count();
                let pool = crate::incentive::Pool::new(def.amount.0, inc.currency().clone())?;
                let shares = if sharing == 0 { None } else { Some(pool.parts(&weights, &ids)?) };
                for (k, index) in indices.iter().enumerate() {
                    let share = shares
                        .as_ref()
                        .and_then(|s| s.get(k))
                        .filter(|_| weights.get(k).is_some_and(|w| *w > Decimal::ZERO));
                    awards.push((*index, PoolAward { component: ci, pool: def.amount.0, share: share.copied() }));
                }
                pools.push(PoolSummary {
                    id: def.id.clone(),
                    group: group.map(str::to_string),
                    amount: def.amount,
                    paid: Dec(if shares.is_some() { def.amount.0 } else { Decimal::ZERO }),
                    members: sharing,
                });
            }
        }
        Ok((awards, pools))
    }
}

/// A record's index and one pool share it is paid.
type RecordAward = (usize, PoolAward);

/// Per record, the pool shares it is paid, in pool order: one list per record, in one buffer
/// (a team of 10,000 is not 10,000 allocations on every edit).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct PoolAwards {
    /// Where each record's shares start in `all`, and where the last one's end (empty without
    /// pools).
    starts: Vec<usize>,
    all: Vec<PoolAward>,
}

impl PoolAwards {
    /// The shares of `n` records from `(record, share)` pairs, each record's in the order given.
    fn by_record(n: usize, pairs: Vec<(usize, PoolAward)>) -> PoolAwards {
        if pairs.is_empty() {
            return PoolAwards::default();
        }
        // A counting sort: each record's count, then where its shares start.
        let mut starts = vec![0_usize; n.saturating_add(1)];
        for (i, _) in &pairs {
            if let Some(c) = starts.get_mut(i.saturating_add(1)) {
                *c = c.saturating_add(1);
            }
        }
        let mut total = 0_usize;
        for s in &mut starts {
            total = total.saturating_add(*s);
            *s = total;
        }
        let mut next = starts.clone();
        let mut placed: Vec<Option<PoolAward>> = vec![None; total];
        for (i, award) in pairs {
            if let Some(at) = next.get_mut(i) {
                if let Some(slot) = placed.get_mut(*at) {
                    *slot = Some(award);
                }
                *at = at.saturating_add(1);
            }
        }
        PoolAwards { starts, all: placed.into_iter().flatten().collect() }
    }

    /// The shares record `index` is paid.
    pub(crate) fn of(&self, index: usize) -> &[PoolAward] {
        self.range(index).and_then(|r| self.all.get(r)).unwrap_or_default()
    }

    /// [`PoolAwards::of`], to be written.
    pub(crate) fn of_mut(&mut self, index: usize) -> &mut [PoolAward] {
        self.range(index).and_then(|r| self.all.get_mut(r)).unwrap_or_default()
    }

    /// Every record's shares set to `other`'s (pools split alike: the same pools and members,
    /// so as many shares per record); false, and nothing changed, when they are not laid out
    /// alike.
    pub(crate) fn take(&mut self, other: &PoolAwards) -> bool {
        if self.starts != other.starts {
            return false;
        }
        self.all.clone_from(&other.all);
        true
    }

    /// Where record `index`'s shares are in `all`.
    fn range(&self, index: usize) -> Option<std::ops::Range<usize>> {
        Some(*self.starts.get(index)?..*self.starts.get(index.checked_add(1)?)?)
    }
}

/// What the team adds to one rep's statement: a pool's share.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PoolAward {
    /// The pool component's index.
    pub(crate) component: usize,
    /// The pool.
    pub(crate) pool: Decimal,
    /// The rep's share; none when the pool was split without the rep (no weight, or nothing to
    /// split).
    pub(crate) share: Option<crate::incentive::PoolPart>,
}

/// The members ranked best first, the forced distribution (when asked for) and whether it
/// applies: what [`Plan::parts_by`] ranks by.
type Ranked = (Vec<TeamMember>, Option<Distribution>, bool);

/// The reps of a team that are members (scored with a member), each id once.
struct Members<'a> {
    /// In record order.
    scored: Vec<Scored<'a>>,
    /// Records left out because an earlier record has their id, with the error.
    duplicates: Vec<(usize, Error)>,
}

/// The members among `scores` (by record index): a record whose id an earlier record has is
/// left out and reported.
fn members<'a>(scores: &[Option<&'a ScoreResult>]) -> Members<'a> {
    let mut seen: HashSet<&str> = HashSet::with_capacity_and_hasher(scores.len(), Default::default());
    let mut duplicates = Vec::new();
    let mut scored = Vec::with_capacity(scores.len());
    for (index, score) in scores.iter().enumerate() {
        let Some((score, member)) = score.and_then(|s| Some((s, s.member.as_ref()?))) else { continue };
        if !seen.insert(member.id.as_str()) {
            let dup =
                Error::new(ErrorCode::DuplicateId).name(member.id.as_str()).path(Origin::Record, format!("/{index}"));
            duplicates.push((index, dup));
            continue;
        }
        scored.push(Scored { index, member, score });
    }
    Members { scored, duplicates }
}

/// The team's parts (see [`Plan::team_parts`]).
pub(crate) struct TeamParts {
    /// The team view, without payouts or cost.
    pub(crate) team: TeamSummary,
    /// Per record, the pool shares it is paid (empty when the plan has no pool).
    pub(crate) awards: PoolAwards,
    /// Whether the forced distribution applies (the plan has one and a member is not vetoed):
    /// the members' forced grades are set.
    pub(crate) forced: bool,
    /// Each pool as split.
    pub(crate) pools: Vec<PoolSummary>,
    /// Records left out because an earlier record has their id.
    pub(crate) duplicates: Vec<(usize, Error)>,
}

/// Adds the team's pool shares to one rep's statement and finishes it (with sentences in
/// `locale`, or numbers only).
pub(crate) fn settle(
    mut run: crate::incentive::section::Run,
    awards: &[PoolAward],
    locale: Option<Locale>,
) -> Result<IncentiveResult> {
    add_shares(&mut run, awards)?;
    run.finish(locale)
}

/// A record's pool shares `awards` added to its unfinished statement.
fn add_shares(run: &mut crate::incentive::section::Run, awards: &[PoolAward]) -> Result<()> {
    for a in awards {
        match &a.share {
            Some(share) => run.pool_line(a.component, a.pool, share)?,
            None => run.pool_done(a.component),
        }
    }
    Ok(())
}

/// [`team_cost`] for a batch without explanations, from every record's unfinished statement
/// (`runs`, by record index) and its pool shares `awards`: each statement [`settle`]d and
/// summed, as numbers only ([`Run::amounts_into`](crate::incentive::section::Run::amounts_into):
/// the figures `settle` reports, without the statement). Fills in each member's payout. Every
/// statement is settled before any is summed, as `team_cost` sums settled statements.
fn team_totals(
    runs: impl Iterator<Item = Option<crate::incentive::section::Run>>,
    awards: &PoolAwards,
    members: &mut [TeamMember],
    pools: Vec<PoolSummary>,
) -> Result<TeamIncentive> {
    let mut components: Vec<crate::incentive::section::ComponentTotal> = Vec::new();
    // Per record: its total, and per component its exact sum and amount (`width` each).
    let mut totals: Vec<Option<Decimal>> = Vec::new();
    let (mut exact, mut amounts) = (Vec::new(), Vec::new());
    for (i, run) in runs.enumerate() {
        let Some(mut run) = run else {
            totals.push(None);
            continue;
        };
        if components.is_empty() {
            components = run.kinds().map(|(id, kind)| zeroed_as(id, kind)).collect();
        }
        let width = components.len();
        let at = exact.len();
        exact.resize(at.saturating_add(width), Decimal::ZERO);
        amounts.resize(at.saturating_add(width), Decimal::ZERO);
        add_shares(&mut run, awards.of(i))?;
        let (e, a) = (exact.get_mut(at..).unwrap_or_default(), amounts.get_mut(at..).unwrap_or_default());
        totals.push(Some(run.amounts_into(a, e)?.0));
    }
    let mut total = Decimal::ZERO;
    let width = components.len();
    for (k, t) in totals.iter().flatten().enumerate() {
        let at = k.saturating_mul(width)..k.saturating_add(1).saturating_mul(width);
        let (e, a) = (exact.get(at.clone()).unwrap_or_default(), amounts.get(at).unwrap_or_default());
        add_paid(&mut total, &mut components, *t, e.iter().copied().zip(a.iter().copied()))?;
    }
    for m in members.iter_mut() {
        m.payout = totals.get(m.index).copied().flatten().map(Dec);
    }
    Ok(TeamIncentive { total: Dec(total), components, pools })
}

/// One rep's statement added to the team's cost: its total `paid` to `total`, and its components'
/// exact and paid sums (`sums`, in plan order) to `components`.
fn add_paid(
    total: &mut Decimal,
    components: &mut [crate::incentive::section::ComponentTotal],
    paid: Decimal,
    sums: impl Iterator<Item = (Decimal, Decimal)>,
) -> Result<()> {
    *total = crate::base::checked::add(*total, paid)?;
    for (sum, (exact, amount)) in components.iter_mut().zip(sums) {
        sum.exact = Dec(crate::base::checked::add(sum.exact.0, exact)?);
        sum.amount = Dec(crate::base::checked::add(sum.amount.0, amount)?);
    }
    Ok(())
}

/// The team's cost from every record's finished statement; fills in each member's payout.
fn team_cost(
    statements: &[Option<IncentiveResult>],
    members: &mut [TeamMember],
    pools: Vec<PoolSummary>,
) -> Result<TeamIncentive> {
    let mut total = Decimal::ZERO;
    let mut components: Vec<crate::incentive::section::ComponentTotal> = Vec::new();
    for paid in statements.iter().flatten() {
        if components.is_empty() {
            components = paid.components.iter().map(zeroed).collect();
        }
        let sums = paid.components.iter().map(|c| (c.exact.0, c.amount.0));
        add_paid(&mut total, &mut components, paid.statement.total.0, sums)?;
    }
    for m in members.iter_mut() {
        m.payout = statements.get(m.index).and_then(|s| s.as_ref()).map(|s| s.statement.total);
    }
    Ok(TeamIncentive { total: Dec(total), components, pools })
}

/// Points a record's error at the record in the team.
fn in_record(e: Error, index: usize) -> Error {
    if e.origin == Origin::Record {
        e.under(&format!("/{index}"))
    } else {
        e
    }
}

/// The team section's aggregates over `members`.
fn aggregate(team: &crate::scorecard::Team, members: &[&Scored<'_>], rounding: Rounding) -> Result<Aggregates> {
    let mut out = Vec::with_capacity(team.aggregates.len());
    let mut values = Vec::with_capacity(members.len());
    for (i, (def, _)) in team.aggregates.iter().enumerate() {
        values.clear();
        values.extend(members.iter().filter_map(|m| m.member.values.get(i).copied()));
        let how = match def.function {
            AggregateFn::Sum => Aggregate::Sum,
            AggregateFn::Average => Aggregate::Average(rounding),
            AggregateFn::Min => Aggregate::Min,
            AggregateFn::Max => Aggregate::Max,
            AggregateFn::Median => Aggregate::Median,
            AggregateFn::Count => Aggregate::Count,
        };
        if let Some(v) = how.of(&values)? {
            out.push((def.id.clone(), Dec(v)));
        }
    }
    Ok(Aggregates(out))
}

/// Ranks the scored reps by total, period points or experience; keeps the first `top` places
/// (ranking only the reps that can have them).
fn leaderboard(by: LeaderboardBy, top: Option<u32>, scored: &[Scored<'_>]) -> Result<Leaderboard> {
    let value = |s: &Scored<'_>| match (by, &s.score.points) {
        (LeaderboardBy::Points, Some(p)) => p.period.0,
        (LeaderboardBy::Experience, Some(p)) => p.experience.0,
        _ => s.score.total.0,
    };
    // The ids are checked already: the standings come after `Plan::rank` of the same members.
    let entries: Vec<TeamEntry> = scored.iter().map(|s| TeamEntry::new(s.member.id.clone(), value(s))).collect();
    let limit = top.map_or(usize::MAX, |t| usize::try_from(t).unwrap_or(usize::MAX));
    let entries = crate::team::ranking::top_places(&entries, limit)
        .iter()
        .filter_map(|p| {
            let (s, r) = (scored.get(p.index)?, entries.get(p.index)?);
            let points = s.score.points.as_ref();
            Some(LeaderboardEntry {
                place: p.competition_rank,
                id: r.id.to_string(),
                name: s.member.name.as_deref().map(String::from),
                group: s.member.group.as_deref().map(String::from),
                value: Dec(r.score.normalize()),
                level: points.and_then(|p| p.level.as_deref().map(String::from)),
                badges: points.map(|p| p.badges.iter().map(|b| b.to_string()).collect()).unwrap_or_default(),
            })
        })
        .collect();
    Ok(Leaderboard { by, entries })
}

/// A component total with its sums set to 0 (the start of a team's sum).
fn zeroed(c: &crate::incentive::section::ComponentTotal) -> crate::incentive::section::ComponentTotal {
    zeroed_as(&c.id, c.kind)
}

/// A component's total before anything is added: component `id`, of `kind`.
fn zeroed_as(id: &Name, kind: &'static str) -> crate::incentive::section::ComponentTotal {
    crate::incentive::section::ComponentTotal {
        id: id.clone(),
        kind,
        exact: Dec::default(),
        amount: Dec::default(),
        attainment: None,
        credited: None,
    }
}

// Property tests run natively (proptest is a native dev-dependency).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code: a panic is a failed test
    use super::*;
    use crate::team::Ranking;
    use proptest::prelude::*;

    /// The sample plan (a forced distribution with a tie-break key), or the same keeping ties
    /// together.
    fn plan(tie_break: bool) -> Plan {
        let mut doc: serde_json::Value = serde_json::from_str(include_str!("../../samples/team/plan.json")).unwrap();
        if !tie_break {
            doc["scorecard"]["team"].as_object_mut().unwrap().remove("tieBreak");
        }
        Plan::compile(&doc.to_string()).unwrap()
    }

    fn member(index: usize, total: u32, vetoed: bool) -> TeamMember {
        TeamMember {
            index,
            id: Name::from(format!("R{index:02}").as_str()),
            name: None,
            group: None,
            total: Dec(Decimal::from(total)),
            grade: Name::from("C"),
            rank: 0,
            dense_rank: 0,
            forced_grade: None,
            vetoed,
            payout: None,
        }
    }

    /// A member's score: id `R{id}` (` ` for 0: an empty id), in grade C.
    fn score(total: u32, vetoed: bool, tie_break: Option<Decimal>, id: usize) -> ScoreResult {
        let zero = Dec(Decimal::ZERO);
        let id = if id == 0 { " ".to_string() } else { format!("R{id:02}") };
        ScoreResult {
            profile: Name::default(),
            phase: None,
            indicators: Vec::new(),
            base: zero,
            rounding_difference: None,
            adjustments: Vec::new(),
            individual: zero,
            team: None,
            gates: Vec::new(),
            vetoes: Vec::new(),
            total: Dec(Decimal::from(total)),
            exact_total: Dec(Decimal::from(total)),
            grade: "C".into(),
            coefficient: Dec(Decimal::ONE),
            next_grade: None,
            points: None,
            member: Some(Member {
                id: id.into(),
                name: None,
                tie_break,
                group: Some(if total % 2 == 0 { "G1" } else { "G2" }.into()),
                values: Vec::new(),
                profile: 0,
                vetoed,
            }),
            text: None,
        }
    }

    proptest! {
        /// One member's total moved and the member put back in order: regrading around it gives
        /// what regrading the whole team gives (ranks, dense ranks, forced grades), with totals
        /// and tie-break keys from a few values so that runs of ties form, break and join.
        #[test]
        fn regrading_around_a_moved_member_is_regrading_the_team(
            team in prop::collection::vec((0u32..4, prop::bool::weighted(0.2), 0u32..3), 1..40),
            pick in any::<prop::sample::Index>(),
            to in 0u32..5,
            tie_break in any::<bool>(),
        ) {
            let plan = plan(tie_break);
            let keys: Vec<u32> = team.iter().map(|t| t.2).collect();
            let key = |i: usize| keys.get(i).map(|k| Decimal::from(*k));
            let mut members: Vec<TeamMember> =
                team.iter().enumerate().map(|(i, (t, vetoed, _))| member(i, 60 + 10 * t, *vetoed)).collect();
            let best_first = |a: &TeamMember, b: &TeamMember| b.total.0.cmp(&a.total.0).then_with(|| a.id.cmp(&b.id));
            members.sort_by(best_first);
            let n = members.len();
            plan.regrade(&mut members, 0..n, Decimal::ZERO, &key, None).unwrap();
            // Member k moves to total `to` and to its place among the others.
            let k = pick.index(n);
            let was = std::mem::replace(&mut members[k].total, Dec(Decimal::from(55 + 10 * to))).0;
            let moving = members.remove(k);
            let at = members.partition_point(|o| best_first(o, &moving).is_lt());
            members.insert(at, moving);
            let mut whole = members.clone();
            plan.regrade(&mut whole, 0..n, Decimal::ZERO, &key, None).unwrap();
            // With the vetoes in a column (a compare side's): the same but for the dense ranks.
            let vetoes: Vec<bool> = members.iter().map(|m| m.vetoed).collect();
            let mut by_column = members.clone();
            let forced = plan.regrade(&mut by_column, at.min(k)..at.max(k) + 1, was, &key, Some(&vetoes)).unwrap();
            plan.regrade(&mut members, at.min(k)..at.max(k) + 1, was, &key, None).unwrap();
            prop_assert_eq!(&members, &whole);
            let undense = |m: &[TeamMember]| m.iter().map(|m| TeamMember { dense_rank: 0, ..m.clone() }).collect::<Vec<_>>();
            prop_assert_eq!(undense(&by_column), undense(&whole));
            // It names the members whose forced grade moved, and only those.
            let before: Vec<Option<Name>> = {
                let mut sorted = team.iter().enumerate().map(|(i, (t, v, _))| member(i, 60 + 10 * t, *v)).collect::<Vec<_>>();
                sorted.sort_by(best_first);
                let n = sorted.len();
                plan.regrade(&mut sorted, 0..n, Decimal::ZERO, &key, None).unwrap();
                let mut by_index = vec![None; n];
                for m in sorted { by_index[m.index] = m.forced_grade; }
                by_index
            };
            let mut moved: Vec<usize> = whole.iter().filter(|m| before[m.index] != m.forced_grade).map(|m| m.index).collect();
            let mut named = forced;
            moved.sort_unstable();
            named.sort_unstable();
            prop_assert_eq!(named, moved);
        }

        /// The members ranked by `rank` are those of the public ranking and forced distribution
        /// (`Ranking::new`, `ForcedDistribution::apply`), and the members ranked in one walk
        /// (`rank_members`, a compare side's view) are those of `rank`, on generated teams: totals from a
        /// few values (ties), vetoes, tie-break keys and ids repeated or left out, ids empty, a
        /// plan with and without a tie-break key and without a distribution. Where the walk
        /// leaves a team to the ranking, the ranking reports an error.
        #[test]
        fn ranking_in_one_walk_is_the_ranking_and_the_distribution(
            team in prop::collection::vec(
                (0u32..5, prop::bool::weighted(0.2), prop::option::weighted(0.97, 0u32..3), 0usize..60),
                0..50,
            ),
            kind in 0u8..3,
        ) {
            let mut plan = plan(kind == 0);
            if kind == 2 {
                plan.distribution = None;
            }
            let team_def = plan.team_section().unwrap();
            let results: Vec<ScoreResult> = team
                .iter()
                .map(|(t, vetoed, key, id)| score(60 + 10 * t, *vetoed, key.map(Decimal::from), *id))
                .collect();
            let scores: Vec<Option<&ScoreResult>> = results.iter().map(Some).collect();
            let Members { scored, .. } = members(&scores);
            let slow = plan.rank(team_def, &scored);
            // `rank` is the public ranking and forced distribution, each member found by its id.
            let entries: Vec<TeamEntry> = scored
                .iter()
                .map(|s| {
                    let e = TeamEntry::new(s.member.id.clone(), s.score.total.0);
                    match s.member.tie_break { Some(k) => e.with_tie_break(k), None => e }
                })
                .collect();
            let reference = Ranking::new(&entries).and_then(|ranking| {
                let pool: Vec<TeamEntry> =
                    entries.iter().zip(&scored).filter(|(_, s)| !s.member.vetoed).map(|(e, _)| e.clone()).collect();
                let policy = match &team_def.tie_break {
                    Some((_, true)) => TiePolicy::BreakTiesBy(TieBreakOrder::LowerFirst),
                    Some((_, false)) => TiePolicy::BreakTiesBy(TieBreakOrder::HigherFirst),
                    None => TiePolicy::KeepTiesTogether,
                };
                let distribution = match &plan.distribution {
                    Some(d) if !pool.is_empty() => Some(d.apply(&pool, policy)?),
                    _ => None,
                };
                Ok((ranking, distribution))
            });
            match (&slow, reference) {
                (Err(got), Err(want)) => prop_assert_eq!(got, &want),
                (Ok((members, distribution, _)), Ok((ranking, expected))) => {
                    prop_assert_eq!(distribution, &expected);
                    prop_assert_eq!(members.len(), ranking.entries.len());
                    for (m, r) in members.iter().zip(&ranking.entries) {
                        prop_assert_eq!((m.id.as_str(), m.rank, m.dense_rank), (r.id.as_str(), r.competition_rank, r.dense_rank));
                        let s = scored.iter().find(|s| s.member.id == r.id).unwrap();
                        let graded = expected.as_ref().and_then(|d| d.entries.iter().find(|e| e.id == r.id));
                        let vetoed = (s.member.vetoed && plan.distribution.is_some()).then_some(s.score.grade.as_str());
                        prop_assert_eq!(m.forced_grade.as_deref(), graded.map(|e| e.grade.as_str()).or(vetoed));
                    }
                }
                (got, want) => prop_assert!(false, "rank {:?}, the ranking and the distribution {:?}", got, want),
            }
            match plan.rank_members(team_def, &scored) {
                None => prop_assert!(slow.is_err()),
                Some(fast) => {
                    let (members, _, forced) = fast.unwrap();
                    let (expected, distribution, _) = slow.unwrap();
                    prop_assert_eq!(members, expected);
                    prop_assert_eq!(forced, distribution.is_some());
                }
            }
        }
    }
}
