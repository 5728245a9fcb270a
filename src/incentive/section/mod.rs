//! The plan's `incentive` section: commissions by rule, target bonuses, SPIFFs, MBOs, draws and
//! team pools, wired to the record's fields, its transactions (子表) and the scorecard's
//! 绩效系数, and paid as one [`Statement`](crate::incentive::Statement) per rep.

mod columns;
mod compile;
pub mod document;
mod evaluate;
mod result;
mod tags;
mod what_if;

pub(crate) use compile::minor_units;
pub use compile::{Incentive, ScorecardShape};
pub use document::*;
pub(crate) use evaluate::Rows;
pub use evaluate::{ExtraDeal, Keep, Run, ScoreFacts};
pub use result::{ComponentDelta, ComponentTotal, IncentiveResult, TransactionLine, WhatIf};
pub(crate) use what_if::what_if;
