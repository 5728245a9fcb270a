//! MBOs (目标管理奖金): a target bonus shared by weighted objectives, each paid by its
//! achievement percent (capped, 100 by default).
//!
//! ```
//! use salescore::incentive::{parse, Mbo};
//! use rust_decimal::Decimal;
//!
//! let mbo = Mbo::new(parse(r#"{"targetBonus": 5000, "objectives": [
//!   {"id": "客户满意度", "weight": 60}, {"id": "带新", "weight": 40, "maxAchievement": 120}]}"#).unwrap()).unwrap();
//! let r = mbo.compute(&[("客户满意度", Decimal::from(90)), ("带新", Decimal::from(150))]).unwrap();
//! assert_eq!(r.payout.0, Decimal::from(5100)); // 5000 × (60% × 90% + 40% × 120%)
//! ```

use super::{at, non_negative, percent_of, sum};
use crate::base::error::{Error, ErrorCode, Origin, Result};
use crate::base::number::Dec;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One objective.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ObjectiveDef {
    /// Id.
    pub id: String,
    /// Weight (of 100).
    pub weight: Dec,
    /// Highest achievement percent counted (default 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_achievement: Option<Dec>,
}

/// An MBO as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct MboDef {
    /// The bonus at full achievement of every objective.
    pub target_bonus: Dec,
    /// Objectives, weights totalling 100.
    pub objectives: Vec<ObjectiveDef>,
}

/// A validated MBO.
#[derive(Clone, Debug, PartialEq)]
pub struct Mbo {
    def: MboDef,
}

/// One objective as paid.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ObjectiveLine {
    /// Id.
    pub id: String,
    /// Weight.
    pub weight: Dec,
    /// Achievement given, percent.
    pub achievement: Dec,
    /// Achievement counted (within 0 and the maximum).
    pub counted: Dec,
    /// target bonus × weight × counted.
    pub payout: Dec,
}

/// What an MBO paid.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct MboResult {
    /// Objective by objective.
    pub objectives: Vec<ObjectiveLine>,
    /// Σ objective payouts, exact.
    pub payout: Dec,
}

impl Mbo {
    /// Validates: weights ≥ 0 totalling 100 (`WEIGHTS_NOT_100`), ids unique.
    pub fn new(def: MboDef) -> Result<Self> {
        non_negative(def.target_bonus.0, "targetBonus", "/targetBonus")?;
        for (i, o) in def.objectives.iter().enumerate() {
            non_negative(o.weight.0, "weight", &format!("/objectives/{i}/weight"))?;
            if def.objectives.iter().take(i).any(|p| p.id == o.id) {
                return Err(at(ErrorCode::DuplicateId, format!("/objectives/{i}/id")).name(o.id.clone()));
            }
        }
        let total = sum(def.objectives.iter().map(|o| o.weight.0))?;
        if total != Decimal::ONE_HUNDRED {
            return Err(at(ErrorCode::WeightsNot100, "/objectives").found(total.normalize().to_string()));
        }
        Ok(Mbo { def })
    }

    /// The definition.
    pub fn def(&self) -> &MboDef {
        &self.def
    }

    /// Pays by achievement percent per objective id; a missing one is `MISSING_FIELD` (origin:
    /// the record, path `/<id>`).
    pub fn compute(&self, achievements: &[(&str, Decimal)]) -> Result<MboResult> {
        self.compute_for(self.def.target_bonus.0, achievements)
    }

    /// As [`Mbo::compute`], for a target bonus given per rep (a plan's formula).
    pub fn compute_for(&self, target_bonus: Decimal, achievements: &[(&str, Decimal)]) -> Result<MboResult> {
        let lines =
            self.def.objectives.iter().map(|o| line(target_bonus, o, achievements)).collect::<Result<Vec<_>>>()?;
        Ok(MboResult { payout: Dec(sum(lines.iter().map(|l| l.payout.0))?), objectives: lines })
    }
}

fn line(target_bonus: Decimal, o: &ObjectiveDef, achievements: &[(&str, Decimal)]) -> Result<ObjectiveLine> {
    let Some(&(_, achievement)) = achievements.iter().find(|(id, _)| *id == o.id) else {
        let path = format!("/{}", crate::base::error::pointer_segment(&o.id));
        return Err(Error::new(ErrorCode::MissingField).path(Origin::Record, path).name(o.id.clone()));
    };
    let max = o.max_achievement.map_or(Decimal::ONE_HUNDRED, |m| m.0);
    let counted = achievement.max(Decimal::ZERO).min(max);
    let payout = percent_of(percent_of(target_bonus, o.weight.0)?, counted)?;
    Ok(ObjectiveLine {
        id: o.id.clone(),
        weight: o.weight,
        achievement: Dec(achievement),
        counted: Dec(counted),
        payout: Dec(payout),
    })
}

use crate::base::json::read::{At, Read};

impl Read for ObjectiveDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "weight", "maxAchievement"])?;
        Ok(ObjectiveDef { id: o.req("id")?, weight: o.req("weight")?, max_achievement: o.opt("maxAchievement")? })
    }
}

impl Read for MboDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["targetBonus", "objectives"])?;
        Ok(MboDef { target_bonus: o.req("targetBonus")?, objectives: o.req("objectives")? })
    }
}
