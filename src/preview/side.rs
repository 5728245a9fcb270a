//! One plan over the team: every rep evaluated alone, then the team's parts (ranks, the forced
//! distribution, the pools) computed from those results, as `evaluateTeam` computes them.
//!
//! The per-rep results are kept, so that a changed record is evaluated again alone and only the
//! team's parts are recomputed. A pool's share is whole cents, so a plan that rounds each line
//! pays exactly its statement without pools plus the shares; a plan that rounds on the total
//! keeps each rep's unfinished statement and finishes it again when its shares change.

use super::groups::Groups;
use super::marks::Marks;
use super::payouts::{Grid, Paid, Payouts};
use crate::base::error::{Error, Origin, Result};
use crate::formula::Value;
use crate::incentive::section::{Rows, Run};
use crate::incentive::TotalRounding;
use crate::plan::{settle, Plan, PoolAward, PoolAwards, PoolSplits, TeamMember, TeamSummary};
use crate::scorecard::ScoreResult;
use rust_decimal::Decimal;
use std::rc::Rc;

/// One rep as the plan evaluates it alone.
#[derive(Clone, Debug)]
pub(super) struct Rep {
    /// The score (totals, grade, gates, vetoes and member facts; no indicator lines), shared
    /// with the other side when its plan scores as this one does.
    pub(super) score: Option<Rc<ScoreResult>>,
    /// Its grade's place among the plan's grades (what the summary counts by).
    pub(super) grade: Option<usize>,
    /// The record's fields and metrics by slot, shared with the other side when its plan reads
    /// and computes them as this one does (none when the plan has no scorecard).
    slots: Option<Rc<Vec<Option<Value>>>>,
    /// The record's transactions as the plan's incentive section read them, shared with the
    /// other side when its section reads them alike.
    rows: Option<Rows>,
    /// The tiers and curve points its statement reached (none: the plan pays nothing).
    pub(super) marks: Option<Marks>,
    /// The unfinished statement, kept when pools are added by finishing it again.
    run: Option<Run>,
    /// Whether its component amounts were summed part by part ([`Run::amounts_into`]): they add
    /// up to its total exactly, with another such rep's amounts.
    by_parts: bool,
}

/// The same record as a side whose plan reads records as this one does has evaluated it.
#[derive(Clone, Copy, Debug)]
struct Alike<'a> {
    /// Its result there.
    rep: &'a Rep,
    /// Whether the plans score alike too ([`Plan::scores_like`]): the score is taken as well as
    /// the fields and metrics.
    scores: bool,
    /// Whether the plans' incentive sections read the record's transactions alike
    /// ([`Plan::reads_rows_as`]).
    rows: bool,
    /// Per component, whether the plans pay it alike ([`Plan::pays_as`]: never a pool, the only
    /// kind with a share weight): its amount and marks are taken from there (`paid`), not worked
    /// out again.
    pays: &'a [bool],
    /// The same for a record whose score has the same coefficient under both plans
    /// ([`Plan::pays_as`] of a score alike: a target bonus too), when the plans do not score alike.
    pays_scored: &'a [bool],
    /// What it is paid there without pools.
    paid: Option<Paid<'a>>,
}

/// What the summary and a regrading read of a member's score, kept by record so that they read
/// them in one sweep.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Scored {
    /// The score's total (none: the plan has no scorecard).
    pub(super) total: Option<Decimal>,
    /// Its grade's place among the plan's grades.
    pub(super) grade: Option<usize>,
    /// Its tie-break key.
    tie_break: Option<Decimal>,
}

/// Which records changed since the team's parts were last computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Changed {
    /// Every record (a new plan, records added or removed).
    All,
    /// One record.
    One(usize),
}

/// A plan and the team's results under it.
#[derive(Clone, Debug)]
pub(super) struct Side {
    pub(super) plan: Plan,
    /// Per record: the rep's results, or why the record could not be evaluated (with paths
    /// inside the record, not yet under its index).
    reps: Vec<std::result::Result<Rep, Error>>,
    /// The team view without its standings: members ranked, forced grades. Its `distribution`
    /// is not kept (see `forced`), nor are its members' payouts (see `paid`; the standings fill
    /// them in) or, after a regrading, their dense ranks (the standings rank again).
    pub(super) team: TeamSummary,
    /// Whether the team has a forced distribution (its members' forced grades are set).
    pub(super) forced: bool,
    /// Per record: the pool shares the team paid it.
    awards: PoolAwards,
    /// Per record: the error when an earlier record has its id.
    duplicates: Vec<Option<Error>>,
    /// Per member record: its group.
    pub(super) groups: Groups,
    /// Per record: its score, when it is a member of the team (evaluated, its id not repeated).
    scored: Vec<Option<Scored>>,
    /// Per record: its member's place in `team.members`.
    place: Vec<Option<usize>>,
    /// Per record: what it is paid without the team's pools (its statement as evaluated alone).
    unpooled: Payouts,
    /// Per record: its pool share weight per component.
    weights: Grid<Option<Decimal>>,
    /// Per record: what it is paid, pools included.
    paid: Payouts,
    /// Whether this side's plan reads transactions as the plan of the side it was opened like
    /// does ([`Plan::reads_rows_as`], worked out once): a record evaluated again takes its rows
    /// from that side.
    rows_alike: bool,
    /// Per component, whether this side's plan pays it as the plan of the side it was opened
    /// like does ([`Plan::pays_as`], worked out once): a record evaluated again takes its amount
    /// from that side.
    pays: Vec<bool>,
    /// The same for a record whose score has the same coefficient on both sides.
    pays_scored: Vec<bool>,
    /// Whether this side's plan scores as the plan of the side it was opened like does
    /// ([`Plan::scores_like`], worked out once): a record evaluated again takes its score from
    /// that side, not only its fields and metrics.
    scores_alike: bool,
    /// When the plans score alike but for some profiles' weights ([`Plan::rescores`]): the
    /// places of those profiles. A record another profile scored takes its score from the side
    /// it was opened like too.
    rescored: Option<Vec<usize>>,
    /// Whether this side's pools are split as those of the side it was opened like
    /// ([`Plan::splits_pools_as`], the same members and the same share weights): a record
    /// regraded on both sides takes that side's new shares instead of splitting its pools again.
    /// Cleared for good when a record's weights or result differ between the sides.
    pools_alike: bool,
    /// The record last regraded in place ([`Side::regrade`]) and the records whose pool share
    /// amounts that changed: a side whose pools are split alike takes every share then, and pays
    /// those records again.
    regraded: Option<(usize, Vec<usize>)>,
    /// The records whose results, pay, grades or forced grades the last edit may have changed
    /// (none: any record's, after the team's parts were computed again): what the comparison's
    /// ledger takes out and adds again.
    touched: Option<Vec<usize>>,
    /// The pools as a regrading last split them, to be split again from there.
    splits: PoolSplits,
    /// Per place in `team.members`, whether that member's veto was triggered (what a regrading
    /// counts the forced distribution's places by).
    vetoes: Vec<bool>,
}

impl Side {
    /// Evaluates every record under `plan`, then the team's parts.
    /// `like`: a side over the same records whose plan reads them as `plan` does
    /// ([`Plan::reads_like`]: a draft that changes only the scorecard or the incentive section);
    /// its fields and metrics are taken as they are, and its scores too when the plans score
    /// alike ([`Plan::scores_like`]: a draft that changes only the incentive section).
    pub(super) fn new(plan: Plan, records: &[serde_json::Value], like: Option<&Side>) -> Result<Side> {
        let like = like.filter(|l| l.reps.len() == records.len());
        let scores_alike = like.is_some_and(|l| plan.scores_like(&l.plan));
        let rescored = like.filter(|_| !scores_alike).and_then(|l| plan.rescores(&l.plan));
        let rows_alike = like.is_some_and(|l| plan.reads_rows_as(&l.plan));
        let pays = like.map(|l| plan.pays_as(&l.plan, scores_alike)).unwrap_or_default();
        let pays_scored = like.map(|l| plan.pays_as(&l.plan, true)).unwrap_or_default();
        let pools_alike = like.is_some_and(|l| plan.splits_pools_as(&l.plan));
        let (n, width) = (records.len(), width(&plan));
        let (mut unpooled, mut weights) = (Payouts::new(n, width), Grid::new(n, width, None));
        let mut reps = Vec::with_capacity(n);
        for (i, record) in records.iter().enumerate() {
            let takes = takes_score(scores_alike, rescored.as_deref(), like, i);
            let known = like.and_then(|l| l.alike(i, takes, rows_alike, [&pays, &pays_scored]));
            // The buffers hold a row per record: a missing one would be a fault, not a skipped rep.
            reps.push(match (unpooled.slot(i), weights.row_mut(i)) {
                (Some((total, components)), Some(w)) => {
                    Rep::evaluate(&plan, record, known, Out { total, components, weights: w })
                }
                _ => Err(crate::base::checked::overflow()),
            });
        }
        let mut side = Side {
            plan,
            reps,
            team: TeamSummary::empty(),
            forced: false,
            awards: PoolAwards::default(),
            duplicates: Vec::new(),
            groups: Groups::default(),
            scored: Vec::new(),
            place: Vec::new(),
            unpooled,
            weights,
            paid: Payouts::default(),
            rows_alike,
            pays,
            pays_scored,
            scores_alike,
            rescored,
            pools_alike: false,
            regraded: None,
            touched: None,
            splits: PoolSplits::default(),
            vetoes: Vec::new(),
        };
        match like {
            Some(like) if scores_alike && side.ranks_as(like) => {
                side.pools_alike = pools_alike && (0..n).all(|i| side.weighs_as(like, i));
                side.rank_as(like)?;
            }
            _ => side.refresh(Changed::All)?,
        }
        Ok(side)
    }

    /// Whether this side's team is `like`'s, whose plan scores as this side's does over the same
    /// records: the same records have results (a record can fail under one plan's incentive
    /// section only), and there is a team.
    fn ranks_as(&self, like: &Side) -> bool {
        !like.team.members.is_empty() && self.reps.iter().zip(&like.reps).all(|(a, b)| a.is_ok() == b.is_ok())
    }

    /// The team's parts taken from `like` ([`Side::ranks_as`]): its members' ranks, forced
    /// grades and repeated ids are this side's too. Only the pools are split again, by this
    /// side's plan and share weights (or their shares taken, when they are split alike).
    fn rank_as(&mut self, like: &Side) -> Result<()> {
        let team = like.team.clone();
        let weights = &self.weights;
        let weight = |i: usize, c: usize| weights.row(i).get(c).copied().flatten();
        let awards = if self.pools_alike {
            like.awards.clone()
        } else {
            self.plan.pool_awards(&team.members, self.reps.len(), &weight)?
        };
        let duplicates = like.duplicates.clone();
        let paid = self.settle_all(Changed::All, &awards, &duplicates)?;
        self.place = places(&team.members, self.reps.len());
        (self.team, self.forced, self.awards, self.duplicates, self.paid, self.groups) =
            (team, like.forced, awards, duplicates, paid, like.groups.clone());
        self.scored.clone_from(&like.scored);
        self.vetoes.clone_from(&like.vetoes);
        Ok(())
    }

    /// Whether record `index` has the same pool share weights here as in `like` (the same
    /// pools: [`Plan::splits_pools_as`]), and a result on both sides or on neither.
    fn weighs_as(&self, like: &Side, index: usize) -> bool {
        let pools = self.plan.document().incentive.as_ref().map(|i| i.components.iter());
        let ok = |s: &Side| s.reps.get(index).map(std::result::Result::is_ok);
        ok(self) == ok(like)
            && pools.into_iter().flatten().enumerate().all(|(c, def)| {
                !matches!(def, crate::incentive::section::ComponentDef::Pool(_))
                    || self.weights.row(index).get(c) == like.weights.row(index).get(c)
            })
    }

    /// Whether record `index` takes its score from `like` (see [`takes_score`]).
    fn takes_score(&self, like: &Side, index: usize) -> bool {
        takes_score(self.scores_alike, self.rescored.as_deref(), Some(like), index)
    }

    /// How many records there are.
    pub(super) fn len(&self) -> usize {
        self.reps.len()
    }

    /// Record `index` evaluated again; the team's parts recomputed. On error nothing changes.
    /// `like`: a side whose plan scores as this one's does and that has evaluated the record
    /// already; its score is taken as it is.
    pub(super) fn replace(&mut self, index: usize, record: &serde_json::Value, like: Option<&Side>) -> Result<()> {
        if index >= self.reps.len() {
            return Ok(());
        }
        self.regraded = None;
        self.touched = Some(Vec::new());
        let known = like
            .and_then(|l| l.alike(index, self.takes_score(l, index), self.rows_alike, [&self.pays, &self.pays_scored]));
        let mut numbers = Numbers::new(width(&self.plan));
        let new = Rep::evaluate(&self.plan, record, known, numbers.out());
        let Some(slot) = self.reps.get_mut(index) else { return Ok(()) };
        let same = same_in_team(slot, &new) && self.weights.row(index) == numbers.weights.as_slice();
        let moved = !same && moved_in_team(slot, &new) && self.duplicates.get(index).is_some_and(Option::is_none);
        let old = std::mem::replace(slot, new);
        // The record's numbers in, its previous ones kept in `numbers` until the team is done.
        numbers.swap(self, index);
        self.pools_alike = self.pools_alike && like.is_some_and(|l| self.weighs_as(l, index));
        if same {
            // Nothing the team reads moved: ranks, forced grades and pool shares stay; only this
            // rep's pay is new.
            return self.settle(index);
        }
        // A regrading that fails leaves the shares and payouts partly updated: all are worked
        // out again.
        let changed = if !moved {
            Changed::One(index)
        } else if self.regrade(index, like).is_ok() {
            return Ok(());
        } else {
            Changed::All
        };
        self.refresh(changed).or_else(|e| {
            if let Some(slot) = self.reps.get_mut(index) {
                *slot = old;
            }
            numbers.swap(self, index);
            self.refresh(Changed::All)?;
            Err(e)
        })
    }

    /// A record inserted at `index` (at most the number of records). On error nothing changes.
    /// `like`: as for [`Side::replace`].
    pub(super) fn insert(&mut self, index: usize, record: &serde_json::Value, like: Option<&Side>) -> Result<()> {
        let index = index.min(self.reps.len());
        let mut numbers = Numbers::new(width(&self.plan));
        let known = like
            .and_then(|l| l.alike(index, self.takes_score(l, index), self.rows_alike, [&self.pays, &self.pays_scored]));
        let rep = Rep::evaluate(&self.plan, record, known, numbers.out());
        // Kept simple: a side whose records were added to or removed splits its own pools.
        (self.pools_alike, self.regraded) = (false, None);
        self.reps.insert(index, rep);
        numbers.insert(self, index);
        self.refresh(Changed::All).or_else(|e| {
            let _inserted = self.reps.remove(index);
            Numbers::remove(self, index);
            self.refresh(Changed::All)?;
            Err(e)
        })
    }

    /// Record `index` removed. On error nothing changes.
    pub(super) fn remove(&mut self, index: usize) -> Result<()> {
        if index >= self.reps.len() {
            return Ok(());
        }
        (self.pools_alike, self.regraded) = (false, None);
        let old = self.reps.remove(index);
        let numbers = Numbers::remove(self, index);
        self.refresh(Changed::All).or_else(|e| {
            self.reps.insert(index, old);
            numbers.insert(self, index);
            self.refresh(Changed::All)?;
            Err(e)
        })
    }

    /// Record `index` as evaluated, when it was, for a side whose plan reads records as this
    /// one's; `scores`: whether that plan scores them as this one's too; `rows`: whether it reads
    /// transactions as this one's too; `pays`: which components it pays as this one's does, and
    /// which for a record whose score has the same coefficient on both sides.
    fn alike<'a>(&'a self, index: usize, scores: bool, rows: bool, pays: [&'a [bool]; 2]) -> Option<Alike<'a>> {
        let [pays, pays_scored] = pays;
        Some(Alike { rep: self.evaluated(index)?, scores, rows, pays, pays_scored, paid: self.unpooled.get(index) })
    }

    /// Record `index` as evaluated, when it was.
    fn evaluated(&self, index: usize) -> Option<&Rep> {
        self.reps.get(index)?.as_ref().ok()
    }

    /// Rep `index`'s results, when the record was evaluated and is a member of the team.
    pub(super) fn rep(&self, index: usize) -> Option<&Rep> {
        if self.duplicates.get(index).is_some_and(Option::is_some) {
            return None;
        }
        self.reps.get(index)?.as_ref().ok()
    }

    /// Why record `index` has no result, with the path under the record's index.
    pub(super) fn error(&self, index: usize) -> Option<Error> {
        if let Some(Some(dup)) = self.duplicates.get(index) {
            return Some(dup.clone());
        }
        let e = self.reps.get(index)?.as_ref().err()?;
        Some(if e.origin == Origin::Record { e.clone().under(&format!("/{index}")) } else { e.clone() })
    }

    /// Rep `index`'s place in the team view.
    pub(super) fn member(&self, index: usize) -> Option<&TeamMember> {
        self.team.members.get((*self.place.get(index)?)?)
    }

    /// What rep `index` is paid, pools included.
    pub(super) fn paid(&self, index: usize) -> Option<Paid<'_>> {
        self.paid.get(index)
    }

    /// The pool shares the team paid rep `index`.
    pub(super) fn awards(&self, index: usize) -> &[PoolAward] {
        self.awards.of(index)
    }

    /// The records the last edit may have changed (see the field); none: any.
    pub(super) fn touched(&self) -> Option<&[usize]> {
        self.touched.as_deref()
    }

    /// The whole team view, as `Plan::evaluate_team` gives it (without the cost): members,
    /// distribution, aggregates, groups, PK, leaderboard.
    pub(super) fn standings(&self) -> Result<TeamSummary> {
        let scores = self.scores();
        let weights = &self.weights;
        let weight = |i: usize, c: usize| weights.row(i).get(c).copied().flatten();
        let mut team = self.plan.team_parts(&scores, &weight)?.team;
        for m in &mut team.members {
            m.payout = self.paid(m.index).map(|p| crate::base::number::Dec(p.total));
        }
        Ok(team)
    }

    /// Each record's score, when it has one.
    fn scores(&self) -> Vec<Option<&ScoreResult>> {
        self.reps.iter().map(|r| r.as_ref().ok().and_then(|r| r.score.as_deref())).collect()
    }

    /// Recomputes the team's parts from the reps' results; `changed` says which reps' results
    /// are new (the others keep their finished statements when their shares did not change).
    fn refresh(&mut self, changed: Changed) -> Result<()> {
        self.touched = None;
        self.splits.clear();
        let scores = self.scores();
        let weights = &self.weights;
        let weight = |i: usize, c: usize| weights.row(i).get(c).copied().flatten();
        let parts = self.plan.team_ranks(&scores, &weight)?;
        drop(scores);
        let n = self.reps.len();
        let mut duplicates: Vec<Option<Error>> = vec![None; n];
        for (i, e) in parts.duplicates {
            if let Some(slot) = duplicates.get_mut(i) {
                *slot = Some(e);
            }
        }
        let (mut team, forced) = (parts.team, parts.forced);
        team.distribution = None;
        let paid = self.settle_all(changed, &parts.awards, &duplicates)?;
        self.place = places(&team.members, n);
        self.vetoes = team.members.iter().map(|m| m.vetoed).collect();
        let reps = &self.reps;
        let groups = Groups::new(n, |i| {
            let dup = duplicates.get(i).is_none_or(Option::is_some);
            reps.get(i)?.as_ref().ok().filter(|_| !dup)?.score.as_deref()?.member.as_ref()?.group.as_deref()
        });
        (self.team, self.forced, self.awards, self.duplicates, self.paid, self.groups) =
            (team, forced, parts.awards, duplicates, paid, groups);
        self.scored = (0..n).map(|i| self.scored_of(i)).collect();
        Ok(())
    }

    /// Record `index`'s score moved (not its id, name, group or veto): the ranks and forced
    /// grades are set again around it and the pools split again (or, when they are split as
    /// `like`'s and `like` has just regraded the record, its new shares taken), without
    /// recomputing the whole team's parts. On error the team's parts are left to be computed
    /// again.
    fn regrade(&mut self, index: usize, like: Option<&Side>) -> Result<()> {
        let (Some(Some(k)), Some(Ok(rep))) = (self.place.get(index).copied(), self.reps.get(index)) else {
            return Err(crate::base::checked::overflow());
        };
        let Some(score) = rep.score.as_deref() else { return Err(crate::base::checked::overflow()) };
        // In place: on an error the caller computes the team's parts again from the reps.
        let mut members = std::mem::take(&mut self.team.members);
        // Moved from its place to the place its new total takes among the others (who keep
        // their order): only the members between the two places shift.
        let Some(m) = members.get_mut(k) else { return Err(crate::base::checked::overflow()) };
        let was = std::mem::replace(&mut m.total, score.total).0;
        if m.grade != score.grade {
            // The scorecard's own name of the grade (shared, as every score's).
            m.grade = score.grade.clone();
        }
        let (total, id) = (m.total.0, m.id.clone());
        let before = |o: &TeamMember| o.total.0 > total || (o.total.0 == total && o.id < id);
        let (above, below) = members.split_at(k);
        let at = match above.partition_point(before) {
            p if p < k => p,
            _ => k.saturating_add(below.get(1..).unwrap_or_default().partition_point(before)),
        };
        match (members.get_mut(at.min(k)..=at.max(k)), self.vetoes.get_mut(at.min(k)..=at.max(k))) {
            (Some(span), Some(vetoes)) if at < k => {
                span.rotate_right(1);
                vetoes.rotate_right(1);
            }
            (Some(span), Some(vetoes)) => {
                span.rotate_left(1);
                vetoes.rotate_left(1);
            }
            _ => return Err(crate::base::checked::overflow()),
        }
        let scored = self.scored_of(index);
        if let Some(s) = self.scored.get_mut(index) {
            *s = scored;
        }
        let all = &self.scored;
        let key = |i: usize| all.get(i).copied().flatten()?.tie_break;
        let span = at.min(k)..at.max(k).saturating_add(1);
        let forced = self.plan.regrade(&mut members, span, was, &key, Some(&self.vetoes))?;
        if let Some(touched) = self.touched.as_mut() {
            touched.extend(forced);
        }
        let weights = &self.weights;
        let weight = |i: usize, c: usize| weights.row(i).get(c).copied().flatten();
        // The members and their groups are as they were: only the pools the rep shares in are
        // split again, in place.
        let Some(moved) = members.get(at).filter(|m| m.index == index) else {
            return Err(crate::base::checked::overflow());
        };
        let taken = like
            .filter(|_| self.pools_alike)
            .and_then(|l| Some((l, l.regraded.as_ref().filter(|(i, _)| *i == index)?)));
        let shared = match taken {
            Some((like, (_, shared))) => {
                if !self.awards.take(&like.awards) {
                    return Err(crate::base::checked::overflow());
                }
                // This side's weights moved without its own splits.
                self.splits.clear();
                shared.clone()
            }
            None => self.plan.pool_awards_after(&members, &weight, &mut self.awards, moved, &mut self.splits)?,
        };
        // Only the members between the two places moved in the team view.
        for (p, m) in members.iter().enumerate().skip(at.min(k)).take(at.abs_diff(k).saturating_add(1)) {
            if let Some(slot) = self.place.get_mut(m.index) {
                *slot = Some(p);
            }
        }
        self.team.members = members;
        // Paid again: the rep, and those whose share amounts changed.
        for i in std::iter::once(index).chain(shared.iter().copied()) {
            self.settle(i)?;
        }
        self.regraded = Some((index, shared));
        Ok(())
    }

    /// Rep `index`'s score, when it is a member of the team.
    pub(super) fn scored(&self, index: usize) -> Option<Scored> {
        self.scored.get(index).copied().flatten()
    }

    /// [`Side::scored`], from the rep's results.
    fn scored_of(&self, index: usize) -> Option<Scored> {
        let rep = self.rep(index)?;
        let score = rep.score.as_deref();
        Some(Scored {
            total: score.map(|s| s.total.0),
            grade: rep.grade,
            tie_break: score.and_then(|s| s.member.as_ref()?.tie_break),
        })
    }

    /// Record `index` paid again with its pool shares as they are (in place: its total and
    /// component amounts).
    fn settle(&mut self, index: usize) -> Result<()> {
        if let Some(touched) = self.touched.as_mut() {
            touched.push(index);
        }
        match (self.reps.get(index), self.duplicates.get(index), self.paid.slot(index)) {
            (Some(Ok(rep)), Some(None), Some((total, components))) => {
                *total = settle_into(self.unpooled.get(index), rep.run.as_ref(), self.awards.of(index), components)?;
            }
            (_, _, Some((total, _))) => *total = None,
            _ => {}
        }
        Ok(())
    }

    /// What every rep is paid with the pool shares `awards`: a rep whose results did not change
    /// (`changed`) and whose shares are the same keeps what it was paid.
    fn settle_all(&self, changed: Changed, awards: &PoolAwards, duplicates: &[Option<Error>]) -> Result<Payouts> {
        let width = width(&self.plan);
        let mut paid = Payouts::new(self.reps.len(), width);
        for (i, rep) in self.reps.iter().enumerate() {
            let shares = awards.of(i);
            let rep = match (rep, duplicates.get(i)) {
                (Ok(rep), Some(None)) => rep,
                _ => continue,
            };
            let kept = changed != Changed::One(i) && changed != Changed::All && rep.run.is_some();
            let earlier =
                self.paid.get(i).filter(|_| kept && self.paid.width() == width && self.awards.of(i) == shares);
            if let Some(earlier) = earlier {
                paid.set(i, Some(earlier));
                continue;
            }
            let Some((total, components)) = paid.slot(i) else { continue };
            *total = settle_into(self.unpooled.get(i), rep.run.as_ref(), shares, components)?;
        }
        Ok(paid)
    }
}

/// Each record's member's place in `members` (of `n` records).
fn places(members: &[TeamMember], n: usize) -> Vec<Option<usize>> {
    let mut place = vec![None; n];
    for (k, m) in members.iter().enumerate() {
        if let Some(slot) = place.get_mut(m.index) {
            *slot = Some(k);
        }
    }
    place
}

/// Whether only what ranks and grades a member moved between two results of one record: the
/// same id, name, group, veto and tie-break presence, another total or grade.
fn moved_in_team(a: &std::result::Result<Rep, Error>, b: &std::result::Result<Rep, Error>) -> bool {
    fn member(r: &std::result::Result<Rep, Error>) -> Option<&crate::scorecard::Member> {
        r.as_ref().ok()?.score.as_deref()?.member.as_ref()
    }
    match (member(a), member(b)) {
        (Some(x), Some(y)) => {
            x.id == y.id
                && x.name == y.name
                && x.group == y.group
                && x.vetoed == y.vetoed
                && x.tie_break.is_some() == y.tie_break.is_some()
        }
        _ => false,
    }
}

/// Whether two results of one record look the same to the team: the same member facts (id,
/// name, group, tie-break key, aggregate values, veto), total and grade (the caller compares the
/// pool weights); or both
/// failed.
fn same_in_team(a: &std::result::Result<Rep, Error>, b: &std::result::Result<Rep, Error>) -> bool {
    match (a, b) {
        (Ok(a), Ok(b)) => team_facts(a) == team_facts(b),
        (Err(_), Err(_)) => true,
        _ => false,
    }
}

/// What the team reads of a rep's score.
fn team_facts(r: &Rep) -> Option<(Option<&crate::scorecard::Member>, crate::base::number::Dec, &str)> {
    r.score.as_deref().map(|s| (s.member.as_ref(), s.total, s.grade.as_str()))
}

/// Whether record `index` takes its score from `like`, whose plan reads records as this side's
/// does: when the plans score alike, or when they differ only in some profiles' weights
/// (`rescored`: those profiles' places) and another profile scored the record there.
fn takes_score(scores_alike: bool, rescored: Option<&[usize]>, like: Option<&Side>, index: usize) -> bool {
    scores_alike
        || rescored.is_some_and(|changed| {
            let member = like.and_then(|l| l.evaluated(index)?.score.as_deref()?.member.as_ref());
            member.is_some_and(|m| !changed.contains(&m.profile))
        })
}

/// Whether a rep's score here and `there` have the same coefficient as the incentive section
/// reads it (no score: 1), the same number written alike: a multiplier of a target bonus paid
/// alike.
fn same_coefficient(here: &ScoreResult, there: Option<&ScoreResult>) -> bool {
    let (a, b) = (here.coefficient.0, there.map_or(Decimal::ONE, |s| s.coefficient.0));
    a == b && a.scale() == b.scale()
}

/// Where [`Rep::evaluate`] writes a rep's numbers: its statement without pools and its pool
/// share weights (written only when it succeeds; left as they are when it fails).
struct Out<'a> {
    total: &'a mut Option<Decimal>,
    components: &'a mut [Decimal],
    weights: &'a mut [Option<Decimal>],
}

/// One record's numbers outside the side's buffers: a record evaluated again (its new numbers
/// go in, the previous ones come out to be put back on an error), added or removed.
struct Numbers {
    total: Option<Decimal>,
    components: Vec<Decimal>,
    weights: Vec<Option<Decimal>>,
}

impl Numbers {
    /// None yet, for a plan of `width` components.
    fn new(width: usize) -> Numbers {
        Numbers { total: None, components: vec![Decimal::ZERO; width], weights: vec![None; width] }
    }

    /// Where [`Rep::evaluate`] writes them.
    fn out(&mut self) -> Out<'_> {
        Out { total: &mut self.total, components: &mut self.components, weights: &mut self.weights }
    }

    /// Swapped with record `index`'s in `side`.
    fn swap(&mut self, side: &mut Side, index: usize) {
        if let Some((total, components)) = side.unpooled.slot(index) {
            std::mem::swap(total, &mut self.total);
            for (a, b) in components.iter_mut().zip(&mut self.components) {
                std::mem::swap(a, b);
            }
        }
        for (a, b) in side.weights.row_mut(index).unwrap_or_default().iter_mut().zip(&mut self.weights) {
            std::mem::swap(a, b);
        }
    }

    /// Put in `side`'s buffers as record `index` (its records from `index` on move up by one).
    fn insert(&self, side: &mut Side, index: usize) {
        side.unpooled.insert(index, self.total.map(|total| Paid { total, components: &self.components }));
        side.weights.insert(index, &self.weights);
    }

    /// Record `index`'s, taken out of `side`'s buffers.
    fn remove(side: &mut Side, index: usize) -> Numbers {
        let paid = side.unpooled.get(index);
        let numbers = Numbers {
            total: paid.map(|p| p.total),
            components: paid.map_or_else(|| vec![Decimal::ZERO; side.unpooled.width()], |p| p.components.to_vec()),
            weights: side.weights.row(index).to_vec(),
        };
        side.unpooled.remove(index);
        side.weights.remove(index);
        numbers
    }
}

/// How many components a plan's statement has (the width of a side's buffers).
fn width(plan: &Plan) -> usize {
    plan.document().incentive.as_ref().map_or(0, |i| i.components.len())
}

/// What a rep is paid with the team's pool shares `awards`: its total (none: it is not paid),
/// its component amounts written into `components` (in plan order). `unpooled`: what it is paid
/// without pools; `run`: its unfinished statement, when kept to be finished again with them.
fn settle_into(
    unpooled: Option<Paid<'_>>,
    run: Option<&Run>,
    awards: &[PoolAward],
    components: &mut [Decimal],
) -> Result<Option<Decimal>> {
    let Some(pay) = unpooled else { return Ok(None) };
    if let Some(run) = run {
        let result = settle(run.clone(), awards, None)?;
        for (c, r) in components.iter_mut().zip(&result.components) {
            *c = r.amount.0;
        }
        return Ok(Some(result.statement.total.0));
    }
    // Rounded line by line: a share (whole cents) adds exactly its amount.
    for (c, v) in components.iter_mut().zip(pay.components) {
        *c = *v;
    }
    let mut total = pay.total;
    for a in awards {
        let Some(share) = &a.share else { continue };
        total = crate::base::checked::add(total, share.amount)?;
        if let Some(c) = components.get_mut(a.component) {
            *c = crate::base::checked::add(*c, share.amount)?;
        }
    }
    Ok(Some(total))
}

impl Rep {
    /// Evaluates one record alone (numbers only), writing its statement without pools and its
    /// pool share weights into `out`.
    /// `like`: the same record under a plan that scores as `plan` does: its score, grade, fields
    /// and metrics are taken as they are, and the components both plans pay alike are not run
    /// again.
    fn evaluate(
        plan: &Plan,
        record: &serde_json::Value,
        like: Option<Alike<'_>>,
        out: Out<'_>,
    ) -> std::result::Result<Rep, Error> {
        let read = like.filter(|l| l.rows).and_then(|l| l.rep.rows.as_ref());
        // The fields and metrics taken from there, and the score too when the plans score alike.
        let given = like.and_then(|l| l.rep.slots.as_ref());
        let known = like.filter(|l| l.scores).and_then(|l| Some((l.rep, l.rep.score.as_ref()?, given?)));
        // Scored here first when a component is taken only for a score with the same coefficient.
        let own = match (known, like, given) {
            (None, Some(l), Some(slots)) if l.pays_scored != l.pays => plan.score_member(slots)?.map(Rc::new),
            _ => None,
        };
        let pays = match like {
            Some(l)
                if known.is_some() || own.as_deref().is_some_and(|s| same_coefficient(s, l.rep.score.as_deref())) =>
            {
                l.pays_scored
            }
            Some(l) => l.pays,
            None => &[],
        };
        // Amounts taken from there add up with this run's exactly only where they were summed
        // part by part.
        let taken = like
            .filter(|l| l.rows && l.rep.by_parts && pays.contains(&true))
            .and_then(|l| Some(Taken { pays, paid: l.paid?, marks: l.rep.marks.as_ref()? }));
        let skip = taken.as_ref().map_or(&[][..], |t| t.pays);
        let mut eval = match known {
            Some((_, score, slots)) => plan.pay_member(record, Some(score), Some(slots), read, skip)?,
            None => plan.pay_member(record, own.as_deref(), given.map(|v| v.as_slice()), read, skip)?,
        };
        let (score, grade, slots) = match known {
            Some((l, score, slots)) => (Some(Rc::clone(score)), l.grade, Some(Rc::clone(slots))),
            None => {
                let score = own.or_else(|| eval.score.take().map(Rc::new));
                let grade = score
                    .as_deref()
                    .and_then(|s| plan.document().scorecard.as_ref()?.grades.iter().position(|g| s.grade == g.grade));
                let slots = match given {
                    Some(given) => score.is_some().then(|| Rc::clone(given)),
                    None => score.is_some().then(|| Rc::new(std::mem::take(&mut eval.slots))),
                };
                (score, grade, slots)
            }
        };
        let Some(mut run) = eval.run else {
            return Ok(Rep { score, grade, slots, rows: None, marks: None, run: None, by_parts: false });
        };
        let rows = Some(Rc::clone(&run.rows));
        let has_pools = run.pool_weights.iter().any(Option::is_some);
        let on_total = plan.document().incentive.as_ref().is_some_and(|i| i.rounding == TotalRounding::OnTotal);
        let kept = (has_pools && on_total).then(|| run.clone());
        let mut marks = Marks::of(&run);
        let weights = std::mem::take(&mut run.pool_weights);
        let (mut total, by_parts) = run.amounts_into(&mut *out.components, &mut [])?;
        for (o, w) in out.weights.iter_mut().zip(weights) {
            *o = w;
        }
        if let Some(taken) = taken {
            if !by_parts {
                // Too many lines or too large to add up with the taken amounts: all run here.
                let like = like.map(|l| Alike { pays: &[], pays_scored: &[], ..l });
                return Rep::evaluate(plan, record, like, out);
            }
            total = taken.fill(total, out.components, &mut marks)?;
        }
        *out.total = Some(total);
        Ok(Rep { score, grade, slots, rows, marks: Some(marks), run: kept, by_parts })
    }
}

/// What a rep is paid, for the components another side's plan pays alike: taken from there.
struct Taken<'a> {
    /// Per component, whether it is taken.
    pays: &'a [bool],
    /// What that side pays the rep without pools.
    paid: Paid<'a>,
    /// The tiers and curve points its statement reached there.
    marks: &'a Marks,
}

impl Taken<'_> {
    /// The taken components' amounts written into `components` and their marks into `marks`
    /// (the run's own, which has none of theirs); returns `total` (the run's, of the other
    /// components) with their amounts added.
    fn fill(&self, mut total: Decimal, components: &mut [Decimal], marks: &mut Marks) -> Result<Decimal> {
        let amounts = components.iter_mut().zip(self.paid.components).zip(self.pays);
        for ((c, amount), _) in amounts.filter(|(_, taken)| **taken) {
            *c = *amount;
            total = crate::base::checked::add(total, *amount)?;
        }
        marks.take(self.marks, self.pays);
        Ok(total)
    }
}
