//! Draws (预支 / 保底): an amount paid each period whatever was earned. A recoverable draw is an
//! advance: the shortfall is carried as a balance and recovered from later earnings above the
//! draw. A non-recoverable draw is a guarantee: nothing is carried.
//!
//! ```
//! use salescore::incentive::{parse, Draw};
//! use rust_decimal::Decimal;
//!
//! let draw = Draw::new(parse(r#"{"amount": 3000, "kind": "recoverable"}"#).unwrap()).unwrap();
//! let march = draw.apply(Decimal::from(1000), Decimal::ZERO).unwrap();
//! assert_eq!((march.paid.0, march.balance_out.0), (Decimal::from(3000), Decimal::from(2000)));
//! let april = draw.apply(Decimal::from(4500), march.balance_out.0).unwrap();
//! assert_eq!((april.recovered.0, april.paid.0, april.balance_out.0), (Decimal::from(1500), Decimal::from(3000), Decimal::from(500)));
//! ```

use super::{add, non_negative, sub};
use crate::base::error::Result;
use crate::base::number::Dec;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Whether a draw is recovered from later earnings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum DrawKind {
    /// An advance, recovered from earnings above the draw.
    Recoverable,
    /// A guarantee, never recovered.
    NonRecoverable,
}

/// A draw as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DrawDef {
    /// The amount paid at least, per period.
    pub amount: Dec,
    /// Recoverable or not.
    pub kind: DrawKind,
}

/// A validated draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Draw {
    def: DrawDef,
}

/// One period of a draw.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DrawResult {
    /// Earned this period.
    pub earned: Dec,
    /// Balance owed carried in (recoverable draws).
    pub balance_in: Dec,
    /// Paid on top of earnings to reach the draw.
    pub advanced: Dec,
    /// Taken from earnings above the draw to repay the balance.
    pub recovered: Dec,
    /// What the rep is paid: max(earned, draw) − recovered.
    pub paid: Dec,
    /// Balance owed carried out: balance in + advanced − recovered (0 for a guarantee).
    pub balance_out: Dec,
}

impl Draw {
    /// Validates the amount (≥ 0).
    pub fn new(def: DrawDef) -> Result<Self> {
        non_negative(def.amount.0, "amount", "/amount")?;
        Ok(Draw { def })
    }

    /// One period: `earned` this period, `balance_in` owed from earlier periods.
    pub fn apply(&self, earned: Decimal, balance_in: Decimal) -> Result<DrawResult> {
        let draw = self.def.amount.0;
        let advanced = sub(draw, earned)?.max(Decimal::ZERO);
        let excess = sub(earned, draw)?.max(Decimal::ZERO);
        let (recovered, balance_out) = match self.def.kind {
            DrawKind::Recoverable => {
                let recovered = excess.min(balance_in.max(Decimal::ZERO));
                (recovered, sub(add(balance_in, advanced)?, recovered)?)
            }
            DrawKind::NonRecoverable => (Decimal::ZERO, Decimal::ZERO),
        };
        Ok(DrawResult {
            earned: Dec(earned),
            balance_in: Dec(balance_in),
            advanced: Dec(advanced),
            recovered: Dec(recovered),
            paid: Dec(sub(earned.max(draw), recovered)?),
            balance_out: Dec(balance_out),
        })
    }
}

use crate::base::json::read::{read_names, At, Read};

read_names!(DrawKind { "recoverable" => DrawKind::Recoverable, "nonRecoverable" => DrawKind::NonRecoverable });

impl Read for DrawDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["amount", "kind"])?;
        Ok(DrawDef { amount: o.req("amount")?, kind: o.req("kind")? })
    }
}
