//! What a comparison shows: how many winners and losers, the histogram's bins, the threshold
//! that flags a rep, which reps are listed and in what order, the locale of error messages.

use crate::base::error::{Error, ErrorCode, Origin, Phrase, Result, Text};
use crate::base::locale::Locale;
use crate::base::number::Dec;
use rust_decimal::Decimal;
use serde::Deserialize;

/// Most bins a histogram may have.
pub const MAX_BINS: usize = 1_000;

/// Options of [`CompareSession::comparison`](super::CompareSession::comparison).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct View {
    /// How many of the biggest winners and of the biggest losers to list (default 10).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub top: usize,
    /// How many bins the histogram of changes aims at (default 10, at most 1,000).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub bins: usize,
    /// The width of a bin (default: the smallest 1, 2 or 5 × 10ⁿ, at least 0.01, that covers
    /// the changes in `bins` bins).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub bin_width: Option<Dec>,
    /// Reps whose change reaches either bound are listed in `exceeding`.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub threshold: Option<Threshold>,
    /// Whether reps are listed in `reps` (default true: every rep, in record order, unless
    /// `sort`, `from` or `count` say otherwise).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub reps: bool,
    /// The order of the listed reps, by a column of the rep table (default: record order).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub sort: Option<RepSort>,
    /// The first listed rep's place in that order, from 0 (default 0).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub from: usize,
    /// How many reps are listed at most (default: all from `from`). Only the listed reps are
    /// worked out in full, so a table that shows a page of a large team asks for that page
    /// (sorted by `crossings`, every rep's crossings are worked out to sort them).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub count: Option<usize>,
    /// Reps listed in `picked` wherever they are in the order (record indices: the rep the
    /// admin selected, say).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub pick: Vec<usize>,
    /// Locale of the error messages (default: the baseline plan's).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub locale: Option<Locale>,
}

impl Default for View {
    fn default() -> Self {
        View {
            top: 10,
            bins: 10,
            bin_width: None,
            threshold: None,
            reps: true,
            sort: None,
            from: 0,
            count: None,
            pick: Vec::new(),
            locale: None,
        }
    }
}

/// The order of the listed reps: a column of the rep table, ascending unless `descending`.
///
/// A rep without the value (a record a plan fails on, a plan without a scorecard…) comes last
/// either way; equal values keep record order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RepSort {
    /// The column.
    pub by: RepKey,
    /// Largest first (default false: smallest first).
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub descending: bool,
}

/// A column of the rep table to sort by. Where the two plans differ, the draft's value counts,
/// else the baseline's (a record the draft fails on).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum RepKey {
    /// The record's index.
    Index,
    /// The rep's id (text: by Unicode code points).
    Id,
    /// The rep's name (text).
    Name,
    /// The rep's group (text).
    Group,
    /// The score.
    Score,
    /// The grade from the bands, in the plans' order (ascending: the best grade first).
    Grade,
    /// The grade after the forced distribution, in the same order.
    ForcedGrade,
    /// The payout under the baseline.
    Before,
    /// The payout under the draft.
    After,
    /// The payout change.
    Change,
    /// The payout change in percent (none when the rep had 0).
    Percent,
    /// The score change.
    ScoreChange,
    /// How many things the rep crossed.
    Crossings,
}

/// When a rep's change is worth flagging: its size reaches `amount`, or its size in percent of
/// what the rep had reaches `percent` (a change from 0 reaches any percent). Either bound may be
/// left out.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Threshold {
    /// |change| ≥ amount (money, or points when the plans pay nothing).
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub amount: Option<Dec>,
    /// |change| ÷ |before| × 100 ≥ percent.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub percent: Option<Dec>,
}

impl View {
    /// Checks the options: `INVALID_OPTION` with a path into them.
    pub fn check(&self) -> Result<()> {
        if self.bins == 0 || self.bins > MAX_BINS {
            return Err(option("bins", Phrase::OneTo.with([MAX_BINS]), self.bins.to_string(), "/bins"));
        }
        if let Some(w) = self.bin_width.filter(|w| w.0 <= Decimal::ZERO) {
            return Err(option("binWidth", Phrase::AWidthAbove0, w.0.to_string(), "/binWidth"));
        }
        if let Some(t) = &self.threshold {
            let bounds = [(t.amount, "amount"), (t.percent, "percent")];
            if let Some((Some(v), name)) = bounds.into_iter().find(|(v, _)| v.is_some_and(|v| v.0.is_sign_negative())) {
                return Err(option(name, Phrase::ABoundAtLeast0, v.0.to_string(), &format!("/threshold/{name}")));
            }
        }
        Ok(())
    }

    /// Checks the picked reps against a team of `n` records: `INVALID_OPTION` at `/pick/k`.
    pub(super) fn check_picks(&self, n: usize) -> Result<()> {
        match self.pick.iter().enumerate().find(|(_, i)| **i >= n) {
            Some((k, i)) => {
                Err(option("pick", Phrase::ARecordIndexBelow.with([n]), i.to_string(), &format!("/pick/{k}")))
            }
            None => Ok(()),
        }
    }
}

/// An `INVALID_OPTION` error at `path`.
pub(super) fn option(name: &str, expected: impl Into<Text>, found: impl Into<String>, path: &str) -> Error {
    Error::new(ErrorCode::InvalidOption).name(name).expected(expected).found(found.into()).path(Origin::Options, path)
}

use crate::base::json::read::{read_names, At, Read};

impl Read for View {
    fn read(at: At<'_>) -> Result<Self> {
        let o =
            at.object(&["top", "bins", "binWidth", "threshold", "reps", "sort", "from", "count", "pick", "locale"])?;
        let d = Self::default();
        Ok(View {
            top: o.or_else("top", || d.top)?,
            bins: o.or_else("bins", || d.bins)?,
            bin_width: o.or_else("binWidth", || d.bin_width)?,
            threshold: o.or_else("threshold", || d.threshold)?,
            reps: o.or_else("reps", || d.reps)?,
            sort: o.or_else("sort", || d.sort)?,
            from: o.or_else("from", || d.from)?,
            count: o.or_else("count", || d.count)?,
            pick: o.or_else("pick", || d.pick)?,
            locale: o.or_else("locale", || d.locale)?,
        })
    }
}

impl Read for RepSort {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["by", "descending"])?;
        Ok(RepSort { by: o.req("by")?, descending: o.or_default("descending")? })
    }
}

read_names!(RepKey {
    "index" => RepKey::Index,
    "id" => RepKey::Id,
    "name" => RepKey::Name,
    "group" => RepKey::Group,
    "score" => RepKey::Score,
    "grade" => RepKey::Grade,
    "forcedGrade" => RepKey::ForcedGrade,
    "before" => RepKey::Before,
    "after" => RepKey::After,
    "change" => RepKey::Change,
    "percent" => RepKey::Percent,
    "scoreChange" => RepKey::ScoreChange,
    "crossings" => RepKey::Crossings,
});

impl Read for Threshold {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["amount", "percent"])?;
        Ok(Threshold { amount: o.or_default("amount")?, percent: o.or_default("percent")? })
    }
}
