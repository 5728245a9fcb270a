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
        let mut entries: Vec<(usize, TeamEntry, String)> = Vec::with_capacity(records.len());
        let mut by_id: HashMap<String, usize> = HashMap::with_capacity(records.len());
        for (i, record) in records.iter().enumerate() {
            let under = |e: Error| if e.origin == Origin::Record { e.under(&format!("/{i}")) } else { e };
            match self.evaluate_as(record, None, true) {
                Ok(eval) => {
                    if let Some(score) = &eval.score {
                        let (id, key) = score.member.clone().unwrap_or_default();
                        if by_id.contains_key(&id) {
                            let dup = Error::new(ErrorCode::DuplicateId)
                                .name(id.as_str())
                                .path(Origin::Record, format!("/{i}"));
                            errors.push((i, dup));
                            results.push(None);
                            continue;
                        }
                        by_id.insert(id.clone(), entries.len());
                        let mut entry = TeamEntry::new(id, score.total.0);
                        if let Some(k) = key {
                            entry = entry.with_tie_break(k);
                        }
                        entries.push((i, entry, score.grade.clone()));
                    }
                    results.push(Some(eval));
                }
                Err(e) => {
                    errors.push((i, under(e)));
                    results.push(None);
                }
            }
        }
        let team_entries: Vec<TeamEntry> = entries.iter().map(|(_, e, _)| e.clone()).collect();
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
        let forced: HashMap<&str, &str> = distribution
            .as_ref()
            .map(|d| d.entries.iter().map(|e| (e.id.as_str(), e.grade.as_str())).collect())
            .unwrap_or_default();
        let members = ranking
            .entries
            .iter()
            .filter_map(|r| {
                let (index, entry, grade) = entries.get(*by_id.get(&r.id)?)?;
                Some(TeamMember {
                    index: *index,
                    id: r.id.clone(),
                    total: Dec(entry.score),
                    grade: grade.clone(),
                    rank: r.competition_rank,
                    dense_rank: r.dense_rank,
                    forced_grade: forced.get(r.id.as_str()).map(|g| (*g).to_string()),
                })
            })
            .collect();
        Ok(TeamEvaluation { results, errors, team: TeamSummary { members, distribution } })
    }
}
