//! Ranking a team by score, highest first: competition ranks ("1224": tied entries share the best
//! rank and the next rank skips), dense ranks ("1223": no gaps), and a display order.
//!
//! The display order is score descending, then id ascending. The id is a tie-break **for display
//! only**: entries with equal scores always share both ranks. Scores compare by value, so `90`
//! and `90.00` tie. The order of the input never changes any result.

use super::{by_score_then_id, check_ids, TeamEntry};
use crate::base::error::Result;
use crate::base::name::Name;
use rust_decimal::Decimal;
use serde::Serialize;

/// One entry's place in a [`Ranking`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RankedEntry {
    /// The entry's id.
    pub id: Name,
    /// The entry's score, as given.
    #[serde(with = "crate::base::number::exact")]
    pub score: Decimal,
    /// 1-based place in the display order (score descending, then id ascending); distinct for
    /// every entry, unlike the ranks.
    pub position: usize,
    /// Competition rank ("1224"): 1 + the number of entries with a strictly higher score.
    pub competition_rank: usize,
    /// Dense rank ("1223"): 1 + the number of distinct scores strictly higher.
    pub dense_rank: usize,
    /// How many entries have this score, this one included (1 when it is not tied).
    pub tie_size: usize,
}

/// One entry's place in the display order, by its index in the team: what [`Ranking::new`]
/// ranks it, without copying its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    /// The entry's index in the team.
    pub index: usize,
    /// As [`RankedEntry::competition_rank`].
    pub competition_rank: usize,
    /// As [`RankedEntry::dense_rank`].
    pub dense_rank: usize,
    /// As [`RankedEntry::tie_size`].
    pub tie_size: usize,
}

/// The entries in display order (score descending, then id ascending), each with its ranks. The
/// ids are not checked ([`Ranking::new`] checks them).
pub(crate) fn ranked_order(entries: &[TeamEntry]) -> Vec<Place> {
    places_of(entries, (0..entries.len()).collect())
}

/// The places [`ranked_order`] gives the entries ranked `limit` or better (competition rank: a
/// leaderboard's top places, ties at the last one all in), without sorting the others: the
/// `limit`-th best score is selected, and only the entries at or above it are sorted. Those are
/// exactly the entries ranked `limit` or better, and every entry ranked above one of them is
/// among them, so their ranks are the whole team's.
pub(crate) fn top_places(entries: &[TeamEntry], limit: usize) -> Vec<Place> {
    if limit >= entries.len() {
        return ranked_order(entries);
    }
    let score = |k: usize| entries.get(k).map(|e| e.score);
    let mut best: Vec<usize> = (0..entries.len()).collect();
    crate::base::order::select_first(&mut best, limit, |a, b| score(*b).cmp(&score(*a)));
    let Some(cut) = best.get(..limit).and_then(|b| b.iter().filter_map(|k| score(*k)).min()) else {
        return Vec::new();
    };
    places_of(entries, (0..entries.len()).filter(|k| score(*k) >= Some(cut)).collect())
}

/// The entries at `order` (indices into `entries`) in display order, each with its ranks among
/// them.
fn places_of(entries: &[TeamEntry], mut order: Vec<usize>) -> Vec<Place> {
    crate::base::order::sort_by(&mut order, |a, b| match (entries.get(*a), entries.get(*b)) {
        (Some(a), Some(b)) => by_score_then_id(a, b),
        _ => std::cmp::Ordering::Equal,
    });
    let score = |k: &usize| entries.get(*k).map(|e| e.score);
    let mut places = Vec::with_capacity(order.len());
    let mut dense_rank = 0_usize;
    for group in order.chunk_by(|a, b| score(a) == score(b)) {
        // Positions are at most `entries.len()`, so none of these additions can overflow.
        let competition_rank = places.len().saturating_add(1);
        dense_rank = dense_rank.saturating_add(1);
        places.extend(group.iter().map(|&index| Place { index, competition_rank, dense_rank, tie_size: group.len() }));
    }
    places
}

/// A team ranked by score, highest first, in display order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ranking {
    /// Every entry, in display order (score descending, then id ascending).
    pub entries: Vec<RankedEntry>,
}

impl Ranking {
    /// Ranks a team. Ids must be non-empty (`INVALID_ID`) and unique (`DUPLICATE_ID`), with the
    /// path `/{index}/id` into `entries`. An empty team gives an empty ranking: whether an empty
    /// team is an error is the caller's decision. `tie_break` keys are ignored here.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use salescore::team::{Ranking, TeamEntry};
    ///
    /// let team: Vec<TeamEntry> = [("d", 70), ("a", 90), ("c", 80), ("b", 90)]
    ///     .into_iter()
    ///     .map(|(id, s)| TeamEntry::new(id, Decimal::from(s)))
    ///     .collect();
    /// let ranking = Ranking::new(&team)?;
    /// let rows: Vec<(&str, usize, usize, usize)> = ranking
    ///     .entries
    ///     .iter()
    ///     .map(|e| (e.id.as_str(), e.position, e.competition_rank, e.dense_rank))
    ///     .collect();
    /// // a and b tie: both rank 1; c is 3rd in competition ranking, 2nd in dense ranking.
    /// assert_eq!(rows, [("a", 1, 1, 1), ("b", 2, 1, 1), ("c", 3, 3, 2), ("d", 4, 4, 3)]);
    /// assert!(Ranking::new(&[])?.is_empty());
    /// # Ok::<(), salescore::Error>(())
    /// ```
    pub fn new(entries: &[TeamEntry]) -> Result<Ranking> {
        check_ids(entries)?;
        let ranked = ranked_order(entries)
            .into_iter()
            .enumerate()
            .filter_map(|(at, place)| {
                let entry = entries.get(place.index)?;
                Some(RankedEntry {
                    id: entry.id.clone(),
                    score: entry.score,
                    // At most `entries.len()`: cannot overflow.
                    position: at.saturating_add(1),
                    competition_rank: place.competition_rank,
                    dense_rank: place.dense_rank,
                    tie_size: place.tie_size,
                })
            })
            .collect();
        Ok(Ranking { entries: ranked })
    }

    /// The entry with this id, if any.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use salescore::team::{Ranking, TeamEntry};
    ///
    /// let team = [TeamEntry::new("a", Decimal::from(5)), TeamEntry::new("b", Decimal::from(9))];
    /// let ranking = Ranking::new(&team)?;
    /// assert_eq!(ranking.get("a").map(|e| e.competition_rank), Some(2));
    /// assert!(ranking.get("zz").is_none());
    /// # Ok::<(), salescore::Error>(())
    /// ```
    pub fn get(&self, id: &str) -> Option<&RankedEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Number of entries.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use salescore::team::{Ranking, TeamEntry};
    ///
    /// assert_eq!(Ranking::new(&[TeamEntry::new("a", Decimal::ONE)])?.len(), 1);
    /// # Ok::<(), salescore::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the ranking has no entries.
    ///
    /// ```
    /// use salescore::team::Ranking;
    ///
    /// assert!(Ranking::new(&[])?.is_empty());
    /// # Ok::<(), salescore::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::error::ErrorCode;

    fn team(rows: &[(&str, &str)]) -> Vec<TeamEntry> {
        rows.iter().map(|(id, s)| TeamEntry::new(*id, s.parse().unwrap())).collect()
    }

    #[test]
    fn competition_and_dense_ranks() {
        let t = team(&[("e", "60"), ("a", "90"), ("b", "90.00"), ("c", "90"), ("d", "75")]);
        let r = Ranking::new(&t).unwrap();
        let rows: Vec<_> = r
            .entries
            .iter()
            .map(|e| (e.id.as_str(), e.position, e.competition_rank, e.dense_rank, e.tie_size))
            .collect();
        assert_eq!(
            rows,
            [("a", 1, 1, 1, 3), ("b", 2, 1, 1, 3), ("c", 3, 1, 1, 3), ("d", 4, 4, 2, 1), ("e", 5, 5, 3, 1)]
        );
        assert_eq!(r.get("b").unwrap().score.to_string(), "90.00");
    }

    #[test]
    fn negative_and_fractional_scores() {
        let t = team(&[("x", "-1.5"), ("y", "0"), ("z", "-1.50"), ("w", "0.001")]);
        let r = Ranking::new(&t).unwrap();
        let rows: Vec<_> = r.entries.iter().map(|e| (e.id.as_str(), e.competition_rank, e.dense_rank)).collect();
        assert_eq!(rows, [("w", 1, 1), ("y", 2, 2), ("x", 3, 3), ("z", 3, 3)]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The top places are the whole ranking's, cut at the limit (ties at the cut all in).
        #[test]
        fn top_places_are_the_ranking_cut_at_the_limit(
            scores in proptest::collection::vec(0_i64..6, 0..40),
            limit in 0_usize..45,
        ) {
            let t: Vec<TeamEntry> =
                scores.iter().enumerate().map(|(i, s)| TeamEntry::new(format!("r{i:02}"), Decimal::new(*s, 1))).collect();
            let all: Vec<Place> = ranked_order(&t).into_iter().take_while(|p| p.competition_rank <= limit).collect();
            proptest::prop_assert_eq!(top_places(&t, limit), all);
        }
    }

    #[test]
    fn bad_ids_are_coded_errors() {
        let err = Ranking::new(&team(&[("a", "1"), ("a", "2")])).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (ErrorCode::DuplicateId, "/1/id"));
        let err = Ranking::new(&team(&[("", "1")])).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (ErrorCode::InvalidId, "/0/id"));
    }

    #[test]
    fn serializes_camel_case_with_exact_scores() {
        let r = Ranking::new(&team(&[("a", "93.50")])).unwrap();
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            serde_json::json!({"entries": [{"id": "a", "score": "93.50", "position": 1, "competitionRank": 1, "denseRank": 1, "tieSize": 1}]})
        );
    }
}
