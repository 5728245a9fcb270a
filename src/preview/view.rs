//! What a comparison shows: how many winners and losers, the histogram's bins, the threshold
//! that flags a rep, whether every rep is listed, the locale of error messages.

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
    /// Whether every rep is listed in `reps` (default true).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub reps: bool,
    /// Locale of the error messages (default: the baseline plan's).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub locale: Option<Locale>,
}

impl Default for View {
    fn default() -> Self {
        View { top: 10, bins: 10, bin_width: None, threshold: None, reps: true, locale: None }
    }
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
}

/// An `INVALID_OPTION` error at `path`.
pub(super) fn option(name: &str, expected: impl Into<Text>, found: impl Into<String>, path: &str) -> Error {
    Error::new(ErrorCode::InvalidOption).name(name).expected(expected).found(found.into()).path(Origin::Options, path)
}
