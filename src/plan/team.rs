//! Evaluating a whole team in one call: every rep's plan result, then ranks and the forced
//! distribution over the scorecard totals.

use super::{Evaluation, Plan, Record};
use crate::error::{Error, ErrorCode, Origin, Result};
use crate::number::Dec;
use crate::team::{Distribution, Ranking, TeamEntry, TieBreakOrder, TiePolicy};
use serde::Serialize;
use std::collections::HashMap;

/// One scored rep in the team view.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TeamMember {
    /// Index of the record.
    pub index: usize,
    /// Rep id (from the team section's `id` formula).
    pub id: String,
    /// Scorecard total.
    pub total: Dec,
    /// Grade from the bands (before any forced distribution).
    pub grade: String,
    /// Competition rank ("1224").
    pub rank: usize,
    /// Dense rank ("1223").
    pub dense_rank: usize,
    /// Grade after the forced distribution, when the team section has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub forced_grade: Option<String>,
}

/// The team view: members best first, and the forced distribution's summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TeamSummary {
    /// Scored reps, best total first (ties by id).
    pub members: Vec<TeamMember>,
    /// Quotas, counts and deviations of the forced distribution.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "unknown"))]
    pub distribution: Option<Distribution>,
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

impl Plan {
    /// Evaluates every record, then ranks the scorecard totals and applies the forced
    /// distribution. Needs a `scorecard.team` section; a record that fails is reported beside
    /// the others and left out of the team view.
    pub fn evaluate_team<R: Record>(&self, records: &[R]) -> Result<TeamEvaluation<'_>> {
        self.evaluate_team_with(records, true)
    }

    /// [`Plan::evaluate_team`]; without `scores`, `results[i].score` is `None` and the per-rep
    /// score details (lines, distance to the next grade) are not computed. The team view is the
    /// same.
    pub fn evaluate_team_with<R: Record>(&self, records: &[R], scores: bool) -> Result<TeamEvaluation<'_>> {
        let team = self
            .scorecard
            .as_ref()
            .and_then(|s| s.team.as_ref())
            .ok_or_else(|| Error::new(ErrorCode::MissingKey).name("team").path(Origin::Plan, "/scorecard/team"))?;
        if records.is_empty() {
            return Err(Error::new(ErrorCode::EmptyTeam).path(Origin::Record, ""));
        }
        let mut results = Vec::with_capacity(records.len());
        let mut errors = Vec::new();
        // The scored reps: their entries, and each one's record index and grade.
        let mut team_entries: Vec<TeamEntry> = Vec::with_capacity(records.len());
        let mut scored: Vec<(usize, String)> = Vec::with_capacity(records.len());
        let mut by_id: HashMap<String, usize> = HashMap::with_capacity(records.len());
        for (i, record) in records.iter().enumerate() {
            let under = |e: Error| if e.origin == Origin::Record { e.under(&format!("/{i}")) } else { e };
            match self.evaluate_as(record, None, true, scores) {
                Ok(mut eval) => {
                    // Without `scores` the score is not kept: its parts move instead of copying.
                    let member = match eval.score.take() {
                        Some(score) if scores => {
                            let member = (score.member.clone().unwrap_or_default(), score.total.0, score.grade.clone());
                            eval.score = Some(score);
                            Some(member)
                        }
                        Some(score) => Some((score.member.unwrap_or_default(), score.total.0, score.grade)),
                        None => None,
                    };
                    if let Some(((id, key), total, grade)) = member {
                        if by_id.contains_key(&id) {
                            let dup = Error::new(ErrorCode::DuplicateId)
                                .name(id.as_str())
                                .path(Origin::Record, format!("/{i}"));
                            errors.push((i, dup));
                            results.push(None);
                            continue;
                        }
                        by_id.insert(id.clone(), team_entries.len());
                        let mut entry = TeamEntry::new(id, total);
                        if let Some(k) = key {
                            entry = entry.with_tie_break(k);
                        }
                        team_entries.push(entry);
                        scored.push((i, grade));
                    }
                    results.push(Some(eval));
                }
                Err(e) => {
                    errors.push((i, under(e)));
                    results.push(None);
                }
            }
        }
        let ranking = Ranking::new(&team_entries)?;
        let distribution = match &team.distribution {
            Some(d) if !team_entries.is_empty() => {
                let policy = match &team.tie_break {
                    Some((_, true)) => TiePolicy::BreakTiesBy(TieBreakOrder::LowerFirst),
                    Some((_, false)) => TiePolicy::BreakTiesBy(TieBreakOrder::HigherFirst),
                    None => TiePolicy::KeepTiesTogether,
                };
                Some(d.apply(&team_entries, policy)?)
            }
            _ => None,
        };
        // Forced grades by entry.
        let mut forced: Vec<Option<&str>> = vec![None; team_entries.len()];
        for e in distribution.iter().flat_map(|d| &d.entries) {
            if let Some(slot) = by_id.get(&e.id).and_then(|&k| forced.get_mut(k)) {
                *slot = Some(e.grade.as_str());
            }
        }
        let members = ranking
            .entries
            .iter()
            .filter_map(|r| {
                let k = *by_id.get(&r.id)?;
                let (entry, (index, grade)) = (team_entries.get(k)?, scored.get(k)?);
                Some(TeamMember {
                    index: *index,
                    id: r.id.clone(),
                    total: Dec(entry.score),
                    grade: grade.clone(),
                    rank: r.competition_rank,
                    dense_rank: r.dense_rank,
                    forced_grade: forced.get(k).copied().flatten().map(str::to_string),
                })
            })
            .collect();
        Ok(TeamEvaluation { results, errors, team: TeamSummary { members, distribution } })
    }
}
