//! The currency money is counted in: a code and the number of decimals of its smallest unit
//! (CNY 2, JPY 0). Amounts with more decimals, and amounts of two currencies put together, are
//! `CURRENCY_SCALE_MISMATCH`.
//!
//! ```
//! use salescore::incentive::Currency;
//! use rust_decimal::Decimal;
//!
//! let cny = Currency::new("CNY", 2).unwrap();
//! assert_eq!(cny.units(Decimal::new(123456, 2), "amount", "/amount").unwrap(), 123456);
//! let err = cny.units(Decimal::new(123456, 3), "amount", "/amount").unwrap_err();
//! assert_eq!(err.code.as_str(), "CURRENCY_SCALE_MISMATCH");
//! ```

use super::at;
use crate::base::checked::overflow;
use crate::base::error::{Error, ErrorCode, Origin, Phrase, Result};
use crate::base::number::MAX_SCALE;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A currency: ISO code and the scale of its smallest unit.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Currency {
    /// Three capital letters (CNY, USD).
    pub code: String,
    /// Decimals of the smallest unit (2 for fen and cents).
    pub scale: u32,
}

impl Default for Currency {
    fn default() -> Self {
        Currency { code: "CNY".into(), scale: 2 }
    }
}

impl Currency {
    /// A currency; the code must be three capital letters (`INVALID_CURRENCY`) and the scale at
    /// most 28 (`INVALID_ROUNDING`).
    pub fn new(code: &str, scale: u32) -> Result<Self> {
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(at(ErrorCode::InvalidCurrency, "/currency/code").found(code));
        }
        if scale > MAX_SCALE {
            let e = at(ErrorCode::InvalidRounding, "/currency/scale").name("currency").found(scale.to_string());
            return Err(e.expected(MAX_SCALE.to_string()));
        }
        Ok(Currency { code: code.to_string(), scale })
    }

    /// The amount in smallest units (fen), or `CURRENCY_SCALE_MISMATCH` at `path` when it has
    /// more decimals than the currency (or `OVERFLOW`).
    pub fn units(&self, amount: Decimal, name: &str, path: &str) -> Result<i128> {
        let n = amount.normalize();
        if n.scale() > self.scale {
            let e = at(ErrorCode::CurrencyScaleMismatch, path).name(name).found(n.to_string());
            return Err(
                e.expected(Phrase::AtMostDecimalsForCurrency.with([self.scale.to_string(), self.code.to_string()]))
            );
        }
        let factor = 10_i128.checked_pow(self.scale.saturating_sub(n.scale()));
        factor.and_then(|f| n.mantissa().checked_mul(f)).ok_or_else(overflow)
    }

    /// An amount from smallest units, at the currency's scale; `OVERFLOW` when it does not fit
    /// a decimal (the largest decimal counted in cents is more cents than a decimal holds).
    pub fn from_units(&self, units: i128) -> Result<Decimal> {
        Decimal::try_from_i128_with_scale(units, self.scale).map_err(|_| overflow())
    }

    /// `CURRENCY_SCALE_MISMATCH` at `path` unless `other` is the same currency.
    pub fn same(&self, other: &Currency, path: &str) -> Result<()> {
        if self == other {
            return Ok(());
        }
        let e = Error::new(ErrorCode::CurrencyScaleMismatch).path(Origin::Plan, path).name("currency");
        Err(e.found(format!("{}/{}", other.code, other.scale)).expected(format!("{}/{}", self.code, self.scale)))
    }
}

use crate::base::json::read::{At, Read};

impl Read for Currency {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["code", "scale"])?;
        Ok(Currency { code: o.req("code")?, scale: o.req("scale")? })
    }
}
