//! Team-level results over many reps' scores: rankings, forced distribution, aggregates and
//! contests.
//!
//! - [`Ranking`]: competition ("1224") and dense ("1223") ranks, highest score first, with a
//!   deterministic display order.
//! - [`ForcedDistribution`] (强制分布): grade quotas in percent, turned into whole head counts
//!   (largest remainder) and applied to a team's scores with a documented tie policy.
//! - [`Aggregate`] and [`contest`]: sums, averages, medians… of a group, and group-vs-group PK.
//!
//! Ranking and distribution take a team as a slice of [`TeamEntry`] and never depend on the order of that slice: every
//! result is sorted by score (descending), then by the documented tie-breaks, then by id.
//!
//! Decimals are read from JSON numbers (by their shortest decimal form, so `0.1` is one tenth) or
//! decimal strings, and written as exact decimal strings (`"93.5"`).

pub mod aggregate;
pub mod distribution;
pub mod ranking;

pub use aggregate::{contest, Aggregate, Outcome};
pub(crate) use distribution::TieKey;
pub use distribution::{
    Distribution, DistributionSpec, ForcedDistribution, GradeQuota, GradeReason, GradeSummary, GradedEntry,
    TieBreakOrder, TiePolicy,
};
pub use ranking::{RankedEntry, Ranking};

use crate::base::error::{Error, ErrorCode, Origin, Phrase, Result};
use crate::base::name::Name;
use rust_decimal::Decimal;
use rustc_hash::FxHashSet as HashSet;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// One member of a team: an id, a score, and optionally a secondary key that only
/// [`TiePolicy::BreakTiesBy`] reads (e.g. a second score, or a hire date as `20190301`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TeamEntry {
    /// The member's id (employee number, name…): non-empty and unique within the team.
    pub id: Name,
    /// The score the team is ranked by; higher is better.
    #[serde(with = "crate::base::number::exact")]
    pub score: Decimal,
    /// Secondary key that orders equal scores under [`TiePolicy::BreakTiesBy`]; ignored otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::base::number::exact::option")]
    pub tie_break: Option<Decimal>,
}

impl TeamEntry {
    /// An entry with an id and a score, and no tie-break key.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use salescore::team::TeamEntry;
    ///
    /// let e = TeamEntry::new("张三", Decimal::new(935, 1));
    /// assert_eq!((e.id.as_str(), e.score.to_string()), ("张三", "93.5".to_string()));
    /// assert_eq!(e.tie_break, None);
    /// ```
    pub fn new(id: impl Into<Name>, score: Decimal) -> Self {
        TeamEntry { id: id.into(), score, tie_break: None }
    }

    /// The same entry with a tie-break key.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use salescore::team::TeamEntry;
    ///
    /// // Hire date 2019-03-01 as a number: with `TieBreakOrder::LowerFirst`, earlier hires go first.
    /// let e = TeamEntry::new("e1", Decimal::from(90)).with_tie_break(Decimal::from(20190301));
    /// assert_eq!(e.tie_break, Some(Decimal::from(20190301)));
    /// ```
    pub fn with_tie_break(mut self, key: Decimal) -> Self {
        self.tie_break = Some(key);
        self
    }
}

/// Checks that every id is non-empty and unique. Paths are `/{index}/id` into the team (origin
/// `Record`); with several problems, the first in input order is reported.
pub(crate) fn check_ids(entries: &[TeamEntry]) -> Result<()> {
    let mut seen = HashSet::with_capacity_and_hasher(entries.len(), Default::default());
    for (i, entry) in entries.iter().enumerate() {
        let path = || format!("/{i}/id");
        if entry.id.trim().is_empty() {
            return Err(Error::new(ErrorCode::InvalidId)
                .name(entry.id.as_str())
                .expected(Phrase::MustNotBeEmpty)
                .path(Origin::Record, path()));
        }
        if !seen.insert(entry.id.as_str()) {
            return Err(Error::new(ErrorCode::DuplicateId).name(entry.id.as_str()).path(Origin::Record, path()));
        }
    }
    Ok(())
}

/// Display order: score descending, then id ascending (a total order once ids are unique).
fn by_score_then_id(a: &TeamEntry, b: &TeamEntry) -> Ordering {
    b.score.cmp(&a.score).then_with(|| a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_must_be_present_and_unique() {
        let ok = [TeamEntry::new("a", Decimal::ONE), TeamEntry::new("b", Decimal::ONE)];
        assert!(check_ids(&ok).is_ok());
        let blank = [TeamEntry::new("a", Decimal::ONE), TeamEntry::new(" ", Decimal::ONE)];
        let err = check_ids(&blank).unwrap_err();
        assert_eq!((err.code, err.path.as_str(), err.origin), (ErrorCode::InvalidId, "/1/id", Origin::Record));
        let dup =
            [TeamEntry::new("a", Decimal::ONE), TeamEntry::new("b", Decimal::ONE), TeamEntry::new("a", Decimal::TWO)];
        let err = check_ids(&dup).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (ErrorCode::DuplicateId, "/2/id"));
        assert_eq!(err.detail.name.as_deref(), Some("a"));
    }

    #[test]
    fn entries_read_numbers_and_strings_and_write_strings() {
        let e: TeamEntry = serde_json::from_str(r#"{"id":"x","score":0.1,"tieBreak":"20190301"}"#).unwrap();
        assert_eq!(e.score, Decimal::new(1, 1));
        assert_eq!(e.tie_break, Some(Decimal::from(20_190_301)));
        assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"id":"x","score":"0.1","tieBreak":"20190301"}"#);
        let e: TeamEntry = serde_json::from_str(r#"{"id":"x","score":"-7"}"#).unwrap();
        assert_eq!((e.score, e.tie_break), (Decimal::from(-7), None));
        assert!(serde_json::from_str::<TeamEntry>(r#"{"id":"x","score":"abc"}"#).is_err());
        assert!(serde_json::from_str::<TeamEntry>(r#"{"id":"x","score":1,"extra":1}"#).is_err());
        assert!(serde_json::from_str::<TeamEntry>(r#"{"id":"x","score":true}"#).is_err());
    }
}
