//! SPIFFs (即时奖励): a fixed reward per qualifying event, or once per period, optionally limited
//! to a number of events per period.
//!
//! ```
//! use salescore::incentive::{parse, Spiff};
//!
//! let spiff = Spiff::new(parse(r#"{"id": "新品首单", "amount": 200, "frequency": "perEvent", "maxEvents": 3}"#).unwrap()).unwrap();
//! let r = spiff.compute(5, 1).unwrap(); // 5 events, 1 already paid this period
//! assert_eq!((r.paid_events, r.payout.0.to_string().as_str(), r.capped), (2, "400", true));
//! ```

use super::{mul, non_negative};
use crate::base::error::Result;
use crate::base::number::Dec;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How often a SPIFF pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum SpiffFrequency {
    /// For every qualifying event.
    PerEvent,
    /// Once in a period, however many events qualify.
    OncePerPeriod,
}

/// A SPIFF as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SpiffDef {
    /// Id shown on the statement.
    pub id: String,
    /// Reward per payment (≥ 0).
    pub amount: Dec,
    /// Per event or once per period.
    pub frequency: SpiffFrequency,
    /// Most events paid in one period (per-event SPIFFs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_events: Option<u32>,
}

/// A validated SPIFF.
#[derive(Clone, Debug, PartialEq)]
pub struct Spiff {
    def: SpiffDef,
}

/// What a SPIFF paid.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SpiffResult {
    /// Id.
    pub id: String,
    /// Qualifying events now.
    pub events: u32,
    /// Events paid now.
    pub paid_events: u32,
    /// Reward per payment.
    pub amount: Dec,
    /// Whether the per-period limit (or the once-per-period rule) withheld events.
    pub capped: bool,
    /// paid events × amount.
    pub payout: Dec,
}

impl Spiff {
    /// Validates the amount (≥ 0).
    pub fn new(def: SpiffDef) -> Result<Self> {
        non_negative(def.amount.0, "amount", "/amount")?;
        Ok(Spiff { def })
    }

    /// The definition.
    pub fn def(&self) -> &SpiffDef {
        &self.def
    }

    /// Pays `events` qualifying events when `already_paid` were paid earlier in the period.
    pub fn compute(&self, events: u32, already_paid: u32) -> Result<SpiffResult> {
        let limit = match self.def.frequency {
            SpiffFrequency::PerEvent => self.def.max_events.unwrap_or(u32::MAX),
            SpiffFrequency::OncePerPeriod => 1,
        };
        let paid_events = events.min(limit.saturating_sub(already_paid));
        Ok(SpiffResult {
            id: self.def.id.clone(),
            events,
            paid_events,
            amount: self.def.amount,
            capped: paid_events < events,
            payout: Dec(mul(Decimal::from(paid_events), self.def.amount.0)?),
        })
    }
}

use crate::base::json::read::{read_names, At, Read};

read_names!(SpiffFrequency { "perEvent" => SpiffFrequency::PerEvent, "oncePerPeriod" => SpiffFrequency::OncePerPeriod });

impl Read for SpiffDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "amount", "frequency", "maxEvents"])?;
        Ok(SpiffDef {
            id: o.req("id")?,
            amount: o.req("amount")?,
            frequency: o.req("frequency")?,
            max_events: o.opt("maxEvents")?,
        })
    }
}
