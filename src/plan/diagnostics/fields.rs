//! The plan's common part: fields nothing reads, money rounded finer than its currency.

use super::{values, Diagnostic, DiagnosticDetail};
use crate::incentive::section::minor_units;
use crate::plan::Plan;

/// `FIELD_UNUSED` (info): a declared field that no formula reads — no metric, no scorecard
/// formula (indicators, conditions, team ids, groups, aggregates, points), no incentive
/// formula. A field named like the transactions key counts as read.
pub(super) fn check_fields(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let read = values::slots_read(plan);
    let transactions = plan.doc.incentive.as_ref().and_then(|i| i.transactions.as_ref()).map(|t| t.field.as_str());
    for (i, field) in plan.doc.fields.iter().enumerate() {
        let used = read.get(i).copied().unwrap_or(true) || Some(field.id.as_str()) == transactions;
        if !used {
            out.push(Diagnostic::new(
                format!("/fields/{i}"),
                DiagnosticDetail::FieldUnused { field: field.id.clone() },
            ));
        }
    }
}

/// `ROUNDING_FINER_THAN_CURRENCY`: money rounded to more decimals than the currency's smallest
/// unit (CNY 2, JPY 0, KWD 3). A plan with an incentive section cannot compile that way
/// (`CURRENCY_SCALE_MISMATCH`), so this speaks of plans without one, whose money metrics would
/// show fractions of a fen.
pub(super) fn check_rounding(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let doc = &plan.doc;
    let currency_scale = minor_units(&doc.currency);
    if doc.rounding.money.scale > currency_scale {
        out.push(Diagnostic::new(
            "/rounding/money/scale",
            DiagnosticDetail::RoundingFinerThanCurrency {
                currency: doc.currency.clone(),
                scale: doc.rounding.money.scale,
                currency_scale,
            },
        ));
    }
}
