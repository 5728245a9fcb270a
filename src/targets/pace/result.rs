//! What `pace` returns: the period's working days, each rep's pacing and the team roll-up.

use super::calendar::WorkdayCount;
use super::model::Deal;
use super::pipeline::Pipeline;
use super::probability::{self, ChanceMethod, WinChance};
use super::progress::{Progress, Status};
use crate::base::arithmetic::Arithmetic;
use crate::base::number::{Dec, Rounding};
use rust_decimal::Decimal;
use serde::Serialize;

/// The whole result.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Pacing {
    /// The period and its working days.
    pub period: PeriodSummary,
    /// Each rep, in spec order.
    pub reps: Vec<RepPacing>,
    /// The team roll-up.
    pub team: TeamPacing,
}

/// The period as counted.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PeriodSummary {
    /// First day.
    pub start: String,
    /// Last day.
    pub end: String,
    /// Actuals are through this day.
    pub as_of: String,
    /// Working days.
    pub workdays: WorkdayCount,
}

/// One rep's pacing.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RepPacing {
    /// Rep id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Progress to date.
    pub progress: Progress,
    /// Pipeline-weighted forecast.
    pub pipeline: Pipeline,
    /// Chance of reaching the target from the open deals.
    pub chance: Chance,
    /// The explanation (only when asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub text: Option<Vec<String>>,
}

/// The team roll-up: targets and actuals summed (or the team's own target), the same pacing on
/// the sums, every rep's deals in one probability, and how many reps stand where.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TeamPacing {
    /// Display name.
    pub name: String,
    /// Number of reps.
    pub reps: usize,
    /// Progress to date of the team.
    pub progress: Progress,
    /// The team's pipeline.
    pub pipeline: Pipeline,
    /// Chance the team reaches its target (all deals independent).
    pub chance: Chance,
    /// Reps that have reached their target.
    pub achieved: usize,
    /// Reps at or ahead of their pace.
    pub on_track: usize,
    /// Reps behind their pace.
    pub behind: usize,
    /// The explanation (only when asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub text: Option<Vec<String>>,
}

/// The chance of reaching the target from the open deals of the period.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Chance {
    /// Probability in [0, 1] at 4 places, half-up.
    pub probability: Dec,
    /// The exact probability as a decimal string, when it is known exactly (method `exact`,
    /// `reached`, `outOfReach`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub exact_probability: Option<String>,
    /// How it was found.
    pub method: ChanceMethod,
    /// The exact probability is within `probability ± errorBound` (6 places, rounded up).
    pub error_bound: Dec,
    /// Expected shortfall E[max(target − actual − won, 0)], at the money scale.
    pub expected_shortfall: Dec,
    /// The deals that matter most, by swing (at most five, swing above 0).
    pub key_deals: Vec<KeyDeal>,
}

/// How much one deal moves the chance.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct KeyDeal {
    /// Deal id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The rep whose deal it is.
    pub rep: String,
    /// Amount.
    pub amount: Dec,
    /// Win probability.
    pub probability: Dec,
    /// Chance of reaching the target if this deal is won.
    pub if_won: Dec,
    /// Chance if it is lost.
    pub if_lost: Dec,
    /// ifWon − ifLost.
    pub swing: Dec,
}

/// How many key deals a chance lists.
const KEY_DEALS: usize = 5;

impl Chance {
    /// The chance of making up `need` with `deals` (each with its rep's id). `None` on overflow.
    pub fn of(need: Decimal, deals: &[(&Deal, &str)], money: Rounding) -> Option<Chance> {
        let open: Vec<WinChance> =
            deals.iter().map(|(d, _)| WinChance { amount: d.amount, probability: d.probability }).collect();
        let est = probability::estimate(need, &open, probability::Method::Auto)?;
        let mut keys: Vec<(usize, KeyDeal)> = Vec::new();
        for (i, ((deal, rep), s)) in deals.iter().zip(&est.swings).enumerate() {
            let swing = s.if_won.sub_checked(s.if_lost)?;
            if swing > Decimal::ZERO {
                keys.push((i, key_deal(deal, rep, s.if_won, s.if_lost, swing, money)));
            }
        }
        crate::base::order::sort_by(&mut keys, |(i, a), (j, b)| {
            b.swing.cmp(&a.swing).then(b.amount.cmp(&a.amount)).then(i.cmp(j))
        });
        Some(Chance {
            probability: Dec(est.probability),
            exact_probability: est.exact,
            method: est.method,
            error_bound: Dec(est.error_bound),
            expected_shortfall: Dec(money.apply(est.shortfall)),
            key_deals: keys.into_iter().take(KEY_DEALS).map(|(_, k)| k).collect(),
        })
    }
}

fn key_deal(deal: &Deal, rep: &str, if_won: Decimal, if_lost: Decimal, swing: Decimal, money: Rounding) -> KeyDeal {
    KeyDeal {
        id: deal.id.clone(),
        name: deal.name.clone().unwrap_or_else(|| deal.id.clone()),
        rep: rep.to_string(),
        amount: Dec(money.apply(deal.amount)),
        probability: Dec(deal.probability),
        if_won: Dec(if_won),
        if_lost: Dec(if_lost),
        swing: Dec(swing),
    }
}

/// Counts of reps by status: achieved, on track, behind.
pub fn count_status(reps: &[RepPacing]) -> (usize, usize, usize) {
    let by = |s: Status| reps.iter().filter(|r| r.progress.status == s).count();
    (by(Status::Achieved), by(Status::OnTrack), by(Status::Behind))
}
