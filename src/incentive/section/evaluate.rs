//! Paying one rep: read and credit the transactions, run the components in statement order.

use super::columns::{Cols, MOST};
use super::compile::{Actual, Commission, Component, Factor, Incentive, Rule, TargetBonus};
use super::document::{Calculation, CommissionBasis, RowFilter};
use super::result::{ComponentTotal, IncentiveResult, TransactionLine};
use super::tags::Filter;
use crate::base::error::{pointer_segment, Error, ErrorCode, Origin, Phrase, Result, Text};
use crate::base::locale::Locale;
use crate::base::name::Name;
use crate::base::number::{parse_decimal, Dec};
use crate::formula::eval::Evaluator;
use crate::formula::expr::Expr;
use crate::formula::input::{FieldType, Input};
use crate::formula::record::{FieldNames, Record, RowsError};
use crate::formula::Value;
use crate::incentive::builder::StatementBuilder;
use crate::incentive::{
    add, div, mul, percent_of, sub, sum, LineKind, Multiplier, PayoutCurve, RateTable, Slice, Split, SplitDef,
    SplitShareDef, Statement, StatementLine,
};
use rust_decimal::Decimal;
use std::rc::Rc;
use std::sync::Arc;

/// One transaction as read from the record and credited to the rep.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Row {
    /// Its index in the record's array.
    index: usize,
    /// The booked amount of the whole deal.
    amount: Decimal,
    /// This rep's share of the booked amount.
    credited: Decimal,
    /// This rep's share of the collected amount.
    credited_collected: Option<Decimal>,
    /// Its product line and customer type as numbered by the rules and filters (none: missing,
    /// or listed by none).
    product: Option<u32>,
    customer_type: Option<u32>,
    /// Its id, to name the lines that pay it (with detail only).
    id: Option<Name>,
    /// The row as an explained result lists it, with its names and the rules that took it (only
    /// when the statement lists its transactions).
    line: Option<Box<TransactionLine>>,
}

impl Row {
    fn amount(&self, basis: CommissionBasis) -> Decimal {
        match basis {
            CommissionBasis::Booked => self.credited,
            CommissionBasis::Collected => self.credited_collected.unwrap_or(Decimal::ZERO),
        }
    }

    /// How a statement line names the transaction: its id, else `#` and its place.
    fn label(&self) -> Name {
        match &self.id {
            Some(id) => id.clone(),
            None => Name::from(format!("#{}", self.index.saturating_add(1))),
        }
    }
}

/// A record's transactions as one run read them, for a run of the same record under a section
/// that reads them alike ([`Incentive::reads_rows_as`]).
pub(crate) type Rows = Rc<Vec<Row>>;

/// An extra deal for a what-if.
#[derive(Clone, Debug, Default)]
pub struct ExtraDeal {
    /// Amount booked (and collected), credited wholly to the rep.
    pub amount: Decimal,
    /// Product line.
    pub product: Option<String>,
    /// Customer type.
    pub customer_type: Option<String>,
}

/// What the scorecard tells the incentive section about the rep.
#[derive(Clone, Copy, Debug, Default)]
pub struct ScoreFacts {
    /// The total score (pool share weight by default).
    pub total: Decimal,
    /// The grade's coefficient (绩效系数).
    pub coefficient: Decimal,
    /// Whether a veto triggered (no pool share).
    pub vetoed: bool,
}

/// Where a component stands after the run, for what-ifs.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Standing {
    /// A commission rule's table and the cumulative amount it reached.
    Rule { component: String, rule: String, table: RateTable, cumulative: Decimal, quota: Option<Decimal> },
    /// A target bonus curve and its actual and quota.
    Curve { component: String, curve: PayoutCurve, actual: Decimal, quota: Decimal },
}

/// A statement being built for one rep: finished at once by `evaluate`, or after the team's
/// pools are split by `evaluateTeam`.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// Whether lines name their component, rule and transaction and rows record their rules
    /// (explained results and what-ifs); without, only the numbers are kept.
    pub(crate) detail: bool,
    pub(crate) builder: StatementBuilder,
    /// Per component: kind, first line, line count (set when the component ran), attainment,
    /// credited.
    pub(crate) parts: Vec<Part>,
    /// The transactions as read and credited: shared with a run of the same record under a
    /// section that reads them as this one does ([`Incentive::reads_rows_as`]).
    pub(crate) rows: Rows,
    pub(crate) draw_balance: Option<Decimal>,
    /// Pool share weight per component (pools only).
    pub(crate) pool_weights: Vec<Option<Decimal>>,
    pub(crate) standings: Vec<Standing>,
    /// The slices of one amount paid by a rate table, on their way to the statement (one
    /// buffer for the rep's every rule and transaction).
    pub(crate) slices: Vec<Slice>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Part {
    pub(crate) id: Name,
    pub(crate) kind: &'static str,
    pub(crate) lines: std::ops::Range<usize>,
    pub(crate) attainment: Option<Decimal>,
    pub(crate) credited: Option<Decimal>,
    pub(crate) pending: bool,
    /// A commission's lines per rule that paid: the rule's index and its lines.
    pub(crate) rules: Vec<(usize, std::ops::Range<usize>)>,
}

fn kind_name(c: &Component) -> &'static str {
    match c {
        Component::Commission(_) => "commission",
        Component::TargetBonus(_) => "targetBonus",
        Component::Spiff { .. } => "spiff",
        Component::Mbo { .. } => "mbo",
        Component::Draw { .. } => "draw",
        Component::Pool { .. } => "pool",
    }
}

/// What a run keeps beside the amounts. A what-if keeps both whatever is asked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Keep {
    /// The names and ids on the lines (explained results, single records).
    pub detail: bool,
    /// Each transaction's listed form, for a statement finished in a locale.
    pub listed: bool,
}

impl Incentive {
    /// Runs every component but the pools for one rep whose fields and metrics `ev` reads,
    /// keeping what `keep` says. `read`: the record's transactions as a section that reads them
    /// alike read them ([`Incentive::reads_rows_as`]), taken instead of reading them again by a
    /// numbers-only run. `skip`: per component, whether the caller has its amounts from a run
    /// that pays it alike ([`Incentive::pays_as`]); a skipped component adds no lines.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn run(
        &self,
        ev: &Evaluator<'_>,
        record: &dyn Record,
        score: Option<ScoreFacts>,
        extra: Option<&ExtraDeal>,
        keep: Keep,
        read: Option<&Rows>,
        skip: &[bool],
    ) -> Result<Run> {
        let keep = if extra.is_some() { Keep { detail: true, listed: true } } else { keep };
        let detail = keep.detail;
        let rows = match read {
            // Numbers-only rows, as this run would read them: shared, not read again.
            Some(rows) if extra.is_none() && keep == Keep::default() => Rc::clone(rows),
            _ => Rc::new(self.rows(ev, record, extra, keep)?),
        };
        // Room for a line per transaction and component, and a few more (a second tier, a
        // multiplier), so that the lines are seldom moved as they grow.
        let room = rows.len().saturating_add(self.components.len()).saturating_add(4);
        let builder = StatementBuilder::shared(Arc::clone(&self.currency), self.rounding, self.def.rounding, room)?;
        let mut run = Run {
            detail,
            builder,
            parts: Vec::with_capacity(self.components.len()),
            rows,
            draw_balance: None,
            pool_weights: Vec::with_capacity(self.components.len()),
            standings: Vec::new(),
            slices: Vec::new(),
        };
        for (k, (component, id)) in self.components.iter().zip(&self.ids).enumerate() {
            if skip.get(k).copied().unwrap_or(false) {
                skip_component(component, id, ev, &mut run)?;
            } else {
                self.run_component(component, id, ev, score, extra, &mut run)?;
            }
        }
        Ok(run)
    }

    /// Runs one component, adding its lines to the statement, its part and its pool weight.
    fn run_component(
        &self,
        component: &Component,
        id: &Name,
        ev: &Evaluator<'_>,
        score: Option<ScoreFacts>,
        extra: Option<&ExtraDeal>,
        run: &mut Run,
    ) -> Result<()> {
        let start = run.builder.len();
        let mut part = Part {
            id: id.clone(),
            kind: kind_name(component),
            lines: start..start,
            attainment: None,
            credited: None,
            pending: false,
            rules: Vec::new(),
        };
        let mut weight = None;
        match component {
            Component::Commission(c) => {
                part.credited = Some(self.commission(c, ev, run, extra, &mut part.rules)?);
            }
            Component::TargetBonus(t) => {
                part.attainment = Some(self.target_bonus(t, ev, score, run, extra.is_some())?);
            }
            Component::Spiff { spiff, events, filter, already_paid } => {
                spiff_lines(spiff, events.as_ref(), filter.as_ref(), already_paid.as_ref(), ev, run)?;
            }
            Component::Mbo { id, target_bonus, mbo, achievements } => {
                let bonus = target_bonus.number(ev)?;
                let values = achievements.iter().map(|a| a.number(ev)).collect::<Result<Vec<_>>>()?;
                let ids: Vec<&str> = mbo.def().objectives.iter().map(|o| o.id.as_str()).collect();
                let pairs: Vec<(&str, Decimal)> = ids.into_iter().zip(values).collect();
                let r = mbo.compute_for(bonus, &pairs)?;
                run.builder.mbo(run.label(id.as_str()), bonus, &r)?;
            }
            Component::Draw { id, draw, balance_in } => {
                let earned = run.builder.exact_since(0)?;
                let balance = balance_in.as_ref().map(|e| e.number(ev)).transpose()?.unwrap_or_default();
                let r = draw.apply(earned, balance)?;
                run.builder.draw(run.label(id.as_str()), &r)?;
                run.draw_balance = Some(r.balance_out.0);
            }
            Component::Pool { share, .. } => {
                part.pending = true;
                let facts = score.unwrap_or_default();
                weight = Some(match share {
                    _ if facts.vetoed => Decimal::ZERO,
                    Some(e) => e.number(ev)?.max(Decimal::ZERO),
                    None => facts.total.max(Decimal::ZERO),
                });
            }
        }
        part.lines = start..run.builder.len();
        run.parts.push(part);
        run.pool_weights.push(weight);
        Ok(())
    }

    /// The transactions of the record (plus a what-if's extra deal), credited to the rep.
    /// With `keep.detail`, each row keeps its id for the lines; with `keep.listed`, its line for
    /// the result.
    fn rows(&self, ev: &Evaluator<'_>, record: &dyn Record, extra: Option<&ExtraDeal>, keep: Keep) -> Result<Vec<Row>> {
        let Some(t) = &self.def.transactions else { return Ok(Vec::new()) };
        let base = || format!("/{}", pointer_segment(&t.field));
        let (columns, cols) = (&self.columns.names, &self.columns.cols);
        let read_error = |e: RowsError| rows_error(t, e);
        let mut rows = Vec::new();
        let mut rep = None;
        if let Some(lent) = record.json_rows(&t.field) {
            // A JSON record: its cells read in place. Every row must be an object before any
            // cell is read, as when the host hands the rows over.
            let items = lent.map_err(read_error)?.unwrap_or_default();
            if let Some(i) = items.iter().position(|item| !item.is_object()) {
                return Err(read_error(RowsError::NotObject(i)));
            }
            rows.reserve(items.len().saturating_add(usize::from(extra.is_some())));
            for (i, map) in items.iter().filter_map(serde_json::Value::as_object).enumerate() {
                let mut found = [None; MOST];
                columns.find(map, found.get_mut(..columns.len()).unwrap_or_default());
                let split = cols.splits.and_then(|k| found.get(k).copied().flatten()).filter(|v| !v.is_null());
                let cell = Cells { source: Source::Json(found), columns, base: &base, index: i };
                rows.push(self.row(ev, t, cell, cols, split, &mut rep, keep)?);
            }
        } else if let Some(mut table) = record.rows(&t.field, &self.columns.list(), cols.splits).map_err(read_error)? {
            let width = columns.len();
            let mut json = table.json.iter();
            rows.reserve(table.count.saturating_add(usize::from(extra.is_some())));
            for (i, cells) in table.cells.chunks_mut(width).enumerate() {
                let split = if cols.splits.is_some() { json.next().and_then(Option::as_ref) } else { None };
                let cell = Cells { source: Source::Host(cells), columns, base: &base, index: i };
                rows.push(self.row(ev, t, cell, cols, split, &mut rep, keep)?);
            }
        }
        if let Some(x) = extra {
            rows.push(self.extra_row(x, rows.len()));
        }
        Ok(rows)
    }

    /// A what-if's extra deal as the last row: booked and collected, credited wholly to the rep.
    fn extra_row(&self, x: &ExtraDeal, index: usize) -> Row {
        let credited = Some(Dec(x.amount));
        Row {
            index,
            amount: x.amount,
            credited: x.amount,
            credited_collected: Some(x.amount),
            product: x.product.as_deref().and_then(|p| self.tags.products.find(p)),
            customer_type: x.customer_type.as_deref().and_then(|c| self.tags.customer_types.find(c)),
            id: Some(Name::from("what-if")),
            line: Some(Box::new(TransactionLine {
                index,
                id: Some("what-if".to_string()),
                product: x.product.clone(),
                customer_type: x.customer_type.clone(),
                amount: Dec(x.amount),
                collected: credited,
                percent: Dec(Decimal::ONE_HUNDRED),
                credited: Dec(x.amount),
                credited_collected: credited,
                rules: Vec::new(),
            })),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn row(
        &self,
        ev: &Evaluator<'_>,
        t: &super::document::TransactionsDef,
        mut cell: Cells<'_, '_>,
        cols: &Cols,
        split: Option<&serde_json::Value>,
        rep: &mut Option<String>,
        Keep { detail, listed }: Keep,
    ) -> Result<Row> {
        let amount = cell.number(0)?.ok_or_else(|| {
            Error::new(ErrorCode::MissingField).name(t.amount.as_str()).path(Origin::Record, cell.path(0))
        })?;
        let collected = match cols.collected {
            Some(k) => Some(cell.number(k)?.unwrap_or_default()),
            None => None,
        };
        let split = match (split, cols.splits) {
            (Some(value), Some(k)) => {
                let shares = SplitShareDef::list_of(value).ok_or_else(|| {
                    Error::new(ErrorCode::InvalidValue)
                        .name(cell.columns.name(k))
                        .expected(Phrase::AnArrayOfShares)
                        .path(Origin::Record, cell.path(k))
                })?;
                let split = Split::new(SplitDef { shares }).map_err(|e| relocate(e, &cell.path(k)))?;
                if rep.is_none() {
                    *rep = Some(match &self.rep {
                        Some(e) => e.text(ev)?,
                        None => String::new(),
                    });
                }
                Some((split, k))
            }
            _ => None,
        };
        let (percent, credited, credited_collected) = match &split {
            None => (Decimal::ONE_HUNDRED, amount, collected),
            Some((split, k)) => {
                let me = rep.as_deref().unwrap_or_default();
                // The cell's path is written only for an error.
                let mine = |x: Decimal| split.credit_to(x, &self.currency, me).map_err(|e| relocate(e, &cell.path(*k)));
                let percent = split.def().shares.iter().find(|s| s.rep == me).map_or(Decimal::ZERO, |s| s.percent.0);
                (percent, mine(amount)?, collected.map(mine).transpose()?)
            }
        };
        let id = cell.text(cols.id)?;
        let product = cell.text(cols.product)?;
        let customer_type = cell.text(cols.customer_type)?;
        Ok(Row {
            index: cell.index,
            amount,
            credited,
            credited_collected,
            product: product.as_deref().and_then(|p| self.tags.products.find(p)),
            customer_type: customer_type.as_deref().and_then(|c| self.tags.customer_types.find(c)),
            id: id.as_ref().filter(|_| detail).map(CellText::to_name),
            line: listed.then(|| {
                Box::new(TransactionLine {
                    index: cell.index,
                    id: id.as_deref().map(str::to_string),
                    product: product.as_deref().map(str::to_string),
                    customer_type: customer_type.as_deref().map(str::to_string),
                    amount: Dec(amount),
                    collected: collected.map(Dec),
                    percent: Dec(percent),
                    credited: Dec(credited),
                    credited_collected: credited_collected.map(Dec),
                    rules: Vec::new(),
                })
            }),
        })
    }

    /// Pays a commission; returns the amount credited on its basis. Each rule that paid adds its
    /// index and its lines to `rules`. The steps: route what is credited to the rules, pay each
    /// rule by its rate table, hold back and release.
    fn commission(
        &self,
        c: &Commission,
        ev: &Evaluator<'_>,
        run: &mut Run,
        extra: Option<&ExtraDeal>,
        rules: &mut Vec<(usize, std::ops::Range<usize>)>,
    ) -> Result<Decimal> {
        let start = run.builder.len();
        let (routed, credited) = route(c, ev, run, extra)?;
        for (index, rule) in c.rules.iter().enumerate() {
            if rule.paid_to_date.is_none() && !routed.iter().any(|(i, _, _)| *i == index) {
                continue;
            }
            let first = run.builder.len();
            let (cumulative, quota) = pay_rule(c, (index, rule), &routed, ev, run)?;
            rules.push((index, first..run.builder.len()));
            if extra.is_some() {
                run.standings.push(Standing::Rule {
                    component: c.def.id.clone(),
                    rule: rule.def.id.clone(),
                    table: rule.table.clone(),
                    cumulative,
                    quota,
                });
            }
        }
        hold_back(c, ev, run, start)?;
        Ok(credited)
    }

    /// Pays a target bonus; returns the attainment in percent.
    fn target_bonus(
        &self,
        t: &TargetBonus,
        ev: &Evaluator<'_>,
        score: Option<ScoreFacts>,
        run: &mut Run,
        what_if: bool,
    ) -> Result<Decimal> {
        let bonus = t.target_bonus.number(ev)?;
        let actual = match &t.actual {
            Actual::Formula(e) => e.number(ev)?,
            Actual::Credited(i) => run.parts.get(*i).and_then(|p| p.credited).unwrap_or_default(),
        };
        let quota = t.quota.number(ev)?;
        let attainment = div(mul(actual, Decimal::ONE_HUNDRED)?, quota).map_err(|e| at_expr(e, &t.quota))?;
        let mut multipliers = Vec::with_capacity(t.multipliers.len());
        for (name, factor) in &t.multipliers {
            let value = match factor {
                Factor::Scorecard => score.map(|s| s.coefficient).unwrap_or(Decimal::ONE),
                Factor::Formula(e) => e.number(ev)?,
            };
            // The name is shown only on detailed lines.
            multipliers.push(Multiplier::new(if run.detail { name.as_str() } else { "" }, value));
        }
        let r = t.curve.compute_for(bonus, attainment, &multipliers)?;
        run.builder.curve(run.label(&t.name), bonus, &r)?;
        if what_if {
            run.standings.push(Standing::Curve { component: t.id.clone(), curve: t.curve.clone(), actual, quota });
        }
        Ok(attainment)
    }
}

impl Run {
    /// A component's id on its lines: the id with detail, else nothing.
    fn label(&self, id: impl Into<Name>) -> Name {
        if self.detail {
            id.into()
        } else {
            Name::default()
        }
    }

    /// Adds pool component `ci`'s share line.
    pub(crate) fn pool_line(&mut self, ci: usize, pool: Decimal, share: &crate::incentive::PoolPart) -> Result<()> {
        let Some(part) = self.parts.get_mut(ci) else { return Ok(()) };
        let start = self.builder.len();
        let component = if self.detail { part.id.clone() } else { Name::default() };
        let mut line = StatementLine::new(component, LineKind::Pool, share.amount);
        (line.base, line.rate) = (Some(Dec(pool)), Some(Dec(share.share()?)));
        self.builder.push(line);
        part.lines = start..self.builder.len();
        part.pending = false;
        Ok(())
    }

    /// Pool component `ci` was split without this rep.
    pub(crate) fn pool_done(&mut self, ci: usize) {
        if let Some(part) = self.parts.get_mut(ci) {
            part.pending = false;
        }
    }

    /// The statement's total and each component's amount as paid (written into `components`, in
    /// plan order), numbers only: the figures [`Run::finish`] reports as `statement.total` and
    /// `components[].amount`, without the result around them (for a compare side, which keeps
    /// only these, and a team batch without explanations). Each component's exact sum
    /// (`components[].exact`) is written into `exact` where it has room (an empty `exact`: none
    /// asked). Fails exactly when `finish` fails.
    /// Also tells whether the amounts were summed part by part
    /// ([`StatementBuilder::part_amounts`]): they then add up to the total exactly, with the
    /// amounts of any other such run's parts.
    pub(crate) fn amounts_into(self, components: &mut [Decimal], exact: &mut [Decimal]) -> Result<(Decimal, bool)> {
        if let Some(total) = self.builder.part_amounts(self.parts.iter().map(|p| p.lines.clone()), components, exact) {
            return Ok((total, true));
        }
        let statement = self.builder.into_statement(None)?;
        for (k, (c, p)) in components.iter_mut().zip(&self.parts).enumerate() {
            let (e, amount) = part_sums(p, &statement)?;
            *c = amount;
            if let Some(slot) = exact.get_mut(k) {
                *slot = e;
            }
        }
        Ok((statement.total.0, false))
    }

    /// Each component's id and kind, in plan order.
    pub(crate) fn kinds(&self) -> impl Iterator<Item = (&Name, &'static str)> {
        self.parts.iter().map(|p| (&p.id, p.kind))
    }

    /// Rounds the statement and totals each component. With a locale (an explained result), the
    /// lines get their sentences and the result lists each transaction as credited and routed;
    /// without one, the lines carry their numbers only.
    pub fn finish(self, locale: Option<Locale>) -> Result<IncentiveResult> {
        let statement = self.builder.into_statement(locale)?;
        let mut components = Vec::with_capacity(self.parts.len());
        let mut pending = Vec::new();
        for p in self.parts {
            let (exact, amount) = part_sums(&p, &statement)?;
            if p.pending {
                pending.push(p.id.to_string());
            }
            components.push(ComponentTotal {
                id: p.id,
                kind: p.kind,
                exact: Dec(exact),
                amount: Dec(amount),
                attainment: p.attainment.map(Dec),
                credited: p.credited.map(Dec),
            });
        }
        Ok(IncentiveResult {
            statement,
            components,
            transactions: if locale.is_some() {
                // Shared rows are numbers only: they list nothing.
                Rc::try_unwrap(self.rows).unwrap_or_default().into_iter().filter_map(|r| r.line.map(|l| *l)).collect()
            } else {
                Vec::new()
            },
            draw_balance: self.draw_balance.map(Dec),
            pending,
        })
    }
}

/// A component's lines in the rounded `statement`, summed: exact, and as paid.
fn part_sums(p: &Part, statement: &Statement) -> Result<(Decimal, Decimal)> {
    let lines = statement.lines.get(p.lines.clone()).unwrap_or_default();
    Ok((sum(lines.iter().map(|l| l.exact.0))?, sum(lines.iter().map(|l| l.amount.0))?))
}

/// Where one row's cells are: found in a JSON object (by place; none: no such key), or the cells
/// the host handed over.
enum Source<'c> {
    Json([Option<&'c serde_json::Value>; MOST]),
    Host(&'c mut [Input]),
}

/// A text cell: borrowed from a JSON row, or the host's text as it was handed over (shared).
enum CellText<'c> {
    Json(&'c str),
    Host(Name),
}

impl std::ops::Deref for CellText<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            CellText::Json(s) => s,
            CellText::Host(n) => n.as_str(),
        }
    }
}

impl CellText<'_> {
    /// The text as a shared name (the host's without copying it).
    fn to_name(&self) -> Name {
        match self {
            CellText::Json(s) => Name::from(*s),
            CellText::Host(n) => n.clone(),
        }
    }
}

/// One row's cells, with what is needed to point an error at one of them.
struct Cells<'c, 'b> {
    source: Source<'c>,
    columns: &'c FieldNames,
    base: &'b dyn Fn() -> String,
    index: usize,
}

impl<'c> Cells<'c, '_> {
    fn path(&self, k: usize) -> String {
        format!("{}/{}/{}", (self.base)(), self.index, pointer_segment(self.columns.name(k)))
    }
    /// The JSON value of cell `k`, when the row is JSON (`None` inside: no such key).
    fn json(&self, k: usize) -> Option<Option<&'c serde_json::Value>> {
        match &self.source {
            Source::Json(found) => Some(found.get(k).copied().flatten()),
            Source::Host(_) => None,
        }
    }
    fn take(&mut self, k: usize) -> Input {
        match &mut self.source {
            Source::Json(found) => Input::from_json(found.get(k).copied().flatten()),
            Source::Host(cells) => cells.get_mut(k).map_or(Input::Missing, |c| std::mem::replace(c, Input::Missing)),
        }
    }
    fn number(&mut self, k: usize) -> Result<Option<Decimal>> {
        // A decimal written as JSON text is read in place, as `to_typed` reads it; anything else
        // (and any text that fails) goes the general way, which reports the error.
        match self.json(k) {
            Some(Some(serde_json::Value::String(s))) => {
                if s.trim().is_empty() {
                    return Ok(None);
                }
                if let Ok(d) = parse_decimal(s) {
                    return Ok(Some(d));
                }
            }
            Some(Some(serde_json::Value::Number(n))) => {
                if let Some(i) = n.as_i64() {
                    return Ok(Some(Decimal::from(i)));
                }
            }
            _ => {}
        }
        let column = self.columns.name(k);
        match self.take(k).to_typed(FieldType::Money) {
            Ok(Some(Value::Number(d))) => Ok(Some(d)),
            Ok(_) => Ok(None),
            Err(e) => Err(e.name(column).path(Origin::Record, self.path(k))),
        }
    }
    fn text(&mut self, k: Option<usize>) -> Result<Option<CellText<'c>>> {
        let Some(k) = k else { return Ok(None) };
        // JSON text is borrowed as it is (a text column takes any text), a missing key is none.
        match self.json(k) {
            Some(Some(serde_json::Value::String(s))) => return Ok(Some(CellText::Json(s.as_str()))),
            Some(None | Some(serde_json::Value::Null)) => return Ok(None),
            _ => {}
        }
        let column = self.columns.name(k);
        match self.take(k).to_typed(FieldType::Text) {
            Ok(Some(Value::Text(s))) => Ok(Some(CellText::Host(s))),
            Ok(Some(v)) => Ok(Some(CellText::Host(v.to_text().into()))),
            Ok(None) => Ok(None),
            Err(e) => Err(e.name(column).path(Origin::Record, self.path(k))),
        }
    }
}

/// A whole, non-negative count from a formula.
/// A record's transactions that could not be read, as an error at their place in the record.
fn rows_error(t: &super::document::TransactionsDef, e: RowsError) -> Error {
    let base = || format!("/{}", pointer_segment(&t.field));
    match e {
        RowsError::NotArray(found) => Error::new(ErrorCode::InvalidValue)
            .name(t.field.as_str())
            .expected(Phrase::AnArrayOfTransactions)
            .found(Text::from_wire(found))
            .path(Origin::Record, base()),
        RowsError::NotObject(i) => Error::new(ErrorCode::InvalidValue)
            .name(t.field.as_str())
            .expected(Phrase::AnObject)
            .path(Origin::Record, format!("{}/{i}", base())),
        RowsError::TooMany(n) => Error::new(ErrorCode::TooLarge)
            .name(Phrase::LimitRows)
            .expected(crate::formula::record::MAX_ROWS.to_string())
            .found(n.to_string())
            .path(Origin::Record, base()),
        RowsError::Host { code, row, column, found } => {
            let mut path = base();
            if let Some(row) = row {
                path = format!("{path}/{row}");
            }
            // `column` is a pointer segment already (with a path into a nested cell after it).
            if !column.is_empty() {
                path = format!("{path}/{column}");
            }
            let name = if column.is_empty() { t.field.clone() } else { column };
            let err = Error::new(code).name(name).found(Text::from_wire(&found)).path(Origin::Record, path);
            match code {
                ErrorCode::TooLarge => {
                    err.name(Phrase::LimitText).expected(crate::formula::input::MAX_TEXT.to_string())
                }
                ErrorCode::NotFinite => err,
                ErrorCode::InvalidValue => err.expected(Phrase::AJsonValue),
                _ => err,
            }
        }
    }
}

/// Stands in for a component whose amounts the caller has from a run that pays it alike: no
/// lines; a commission still tells what it credits, for a target bonus paid on it.
fn skip_component(component: &Component, id: &Name, ev: &Evaluator<'_>, run: &mut Run) -> Result<()> {
    let start = run.builder.len();
    let credited = match component {
        Component::Commission(c) => Some(credited(c, ev, &run.rows, None)?),
        _ => None,
    };
    run.parts.push(Part {
        id: id.clone(),
        kind: kind_name(component),
        lines: start..start,
        attainment: None,
        credited,
        pending: false,
        rules: Vec::new(),
    });
    run.pool_weights.push(None);
    Ok(())
}

/// A SPIFF's line: its events (a formula, or the qualifying transactions), less those already
/// paid.
fn spiff_lines(
    spiff: &crate::incentive::Spiff,
    events: Option<&Expr>,
    filter: Option<&(RowFilter, Filter)>,
    already_paid: Option<&Expr>,
    ev: &Evaluator<'_>,
    run: &mut Run,
) -> Result<()> {
    let events = match (events, filter) {
        (Some(e), _) => count(e, ev)?,
        (None, Some(f)) => qualifying(&run.rows, f),
        (None, None) => 0,
    };
    let already = already_paid.map(|e| count(e, ev)).transpose()?.unwrap_or(0);
    let mut r = spiff.compute(events, already)?;
    if !run.detail {
        r.id = String::new();
    }
    run.builder.spiff(&r);
    Ok(())
}

fn count(e: &Expr, ev: &Evaluator<'_>) -> Result<u32> {
    let n = e.number(ev)?;
    if n.is_sign_negative() || !n.fract().is_zero() {
        return Err(Error::new(ErrorCode::InvalidValue)
            .name("events")
            .expected(Phrase::AWholeNumberAtLeastZero)
            .found(n.normalize().to_string())
            .path(Origin::Plan, e.path.clone()));
    }
    u32::try_from(n.trunc().mantissa())
        .map_err(|_| Error::new(ErrorCode::OutOfRange).path(Origin::Plan, e.path.clone()))
}

/// Transactions that qualify for a SPIFF: credited to the rep, positive, matching the filter.
fn qualifying(rows: &[Row], (def, filter): &(RowFilter, Filter)) -> u32 {
    let n = rows
        .iter()
        .filter(|r| {
            r.credited > Decimal::ZERO
                && filter.accepts(r.product, r.customer_type)
                && def.min_amount.is_none_or(|m| r.amount >= m.0)
        })
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Moves an error from a component's own paths (`/shares/1/percent`) into the record.
fn relocate(mut e: Error, at: &str) -> Error {
    let rest = e.path.strip_prefix("/shares").unwrap_or("").to_string();
    e.origin = Origin::Record;
    e.path = format!("{at}{rest}");
    e
}

fn in_rule(e: Error, quota: Option<&Expr>) -> Error {
    match (e.code, quota) {
        (ErrorCode::DivByZero, Some(q)) => at_expr(e, q),
        _ => e,
    }
}

fn at_expr(mut e: Error, expr: &Expr) -> Error {
    if e.path.is_empty() {
        e.origin = Origin::Plan;
        e.path.clone_from(&expr.path);
    }
    e
}

/// What a commission credits, in transaction order: the rule each item is routed to (by its
/// index), the transaction (none: the amount formula) and the amount.
type Routed = Vec<(usize, Option<usize>, Decimal)>;

/// Routes what a commission credits to its rules: the amount formula (plus any extra deal) to the
/// first rule without filters, or each transaction to the first rule whose filters it matches;
/// and the total credited on the commission's basis.
fn route(c: &Commission, ev: &Evaluator<'_>, run: &mut Run, extra: Option<&ExtraDeal>) -> Result<(Routed, Decimal)> {
    let total = credited(c, ev, &run.rows, extra)?;
    if c.amount.is_some() {
        let rule =
            c.order.iter().copied().find(|&i| {
                c.rules.get(i).is_some_and(|r| r.def.products.is_empty() && r.def.customer_types.is_empty())
            });
        return Ok((rule.map(|i| (i, None, total)).into_iter().collect(), total));
    }
    let mut routed = Vec::with_capacity(run.rows.len());
    for k in 0..run.rows.len() {
        let Some(row) = run.rows.get(k) else { continue };
        let amount = row.amount(c.def.basis);
        let (product, ctype, listed) = (row.product, row.customer_type, row.line.is_some());
        let rule = c.order.iter().copied().find(|&i| c.rules.get(i).is_some_and(|r| r.filter.accepts(product, ctype)));
        let (Some(i), Some(rule)) = (rule, rule.and_then(|i| c.rules.get(i))) else { continue };
        if run.detail && listed {
            // Listed rows are this run's alone (only numbers-only rows are shared).
            let line = Rc::get_mut(&mut run.rows).and_then(|rows| rows.get_mut(k)?.line.as_mut());
            if let Some(line) = line {
                line.rules.push([c.def.id.clone(), rule.def.id.clone()]);
            }
        }
        routed.push((i, Some(k), amount));
    }
    Ok((routed, total))
}

/// What a commission credits on its basis: its amount formula (plus any extra deal), or its
/// transactions (an extra deal among them).
fn credited(c: &Commission, ev: &Evaluator<'_>, rows: &[Row], extra: Option<&ExtraDeal>) -> Result<Decimal> {
    match (&c.amount, extra) {
        (Some(formula), Some(x)) => add(formula.number(ev)?, x.amount),
        (Some(formula), None) => formula.number(ev),
        (None, _) => sum(rows.iter().map(|r| r.amount(c.def.basis))),
    }
}

/// Pays rule `index` of a commission on what was routed to it, by its rate table: against the
/// paid to date, per transaction, or on the period's total. Returns the cumulative amount and the
/// quota (where the rep stands on the table).
fn pay_rule(
    c: &Commission,
    (index, rule): (usize, &Rule),
    routed: &Routed,
    ev: &Evaluator<'_>,
    run: &mut Run,
) -> Result<(Decimal, Option<Decimal>)> {
    let detail = run.detail;
    let cid = run.label(&c.name);
    let rule_name = detail.then_some(&rule.name);
    let items = || routed.iter().filter(move |(i, _, _)| *i == index);
    let carried = rule.carried_in.as_ref().map(|e| e.number(ev)).transpose()?.unwrap_or_default();
    let quota = rule.quota.as_ref().map(|e| e.number(ev)).transpose()?;
    let period = sum(items().map(|(_, _, a)| *a))?;
    let cumulative = add(carried, period)?;
    let tiers = rule.table.tiers_for(quota).map_err(|e| in_rule(e, rule.quota.as_ref()))?;
    let rated = |(amount, carried): (Decimal, Decimal), slices: &mut Vec<Slice>| {
        rule.table.pay_into(&tiers, (amount, carried, quota), slices).map_err(|e| in_rule(e, rule.quota.as_ref()))
    };
    // Every amount's slices go onto the statement through the run's one buffer (an error drops
    // the run, buffer and all).
    let mut slices = std::mem::take(&mut run.slices);
    if let Some(paid) = &rule.paid_to_date {
        let (capped, payout) = rated((cumulative, Decimal::ZERO), &mut slices)?;
        run.builder.slices(&cid, (rule_name, None), &slices, capped);
        let paid = paid.number(ev)?;
        let mut line = StatementLine::new(cid, LineKind::PaidToDate, sub(Decimal::ZERO, paid)?);
        (line.name, line.base) = (rule_name.cloned(), Some(Dec(payout)));
        run.builder.push(line);
    } else if c.def.calculation == Calculation::PerTransaction && c.amount.is_none() {
        // Each transaction's slices, one after the other.
        let mut running = carried;
        for (_, row, amount) in items() {
            let (capped, _) = rated((*amount, running), &mut slices)?;
            let label = row.filter(|_| detail).and_then(|k| run.rows.get(k)).map(Row::label);
            run.builder.slices(&cid, (rule_name, label.as_ref()), &slices, capped);
            running = add(running, *amount)?;
        }
    } else {
        let (capped, _) = rated((period, carried), &mut slices)?;
        run.builder.slices(&cid, (rule_name, None), &slices, capped);
    }
    run.slices = slices;
    Ok((cumulative, quota))
}

/// Holds back the commission's share of what its lines since `start` earned, and releases what
/// the plan says is released this period.
fn hold_back(c: &Commission, ev: &Evaluator<'_>, run: &mut Run, start: usize) -> Result<()> {
    let cid = run.label(&c.name);
    let earned = run.builder.exact_since(start)?;
    let holdback = c.def.holdback.0;
    if !holdback.is_zero() && earned > Decimal::ZERO {
        let mut line = StatementLine::new(&cid, LineKind::Holdback, sub(Decimal::ZERO, percent_of(earned, holdback)?)?);
        (line.base, line.rate) = (Some(Dec(earned)), Some(Dec(div(holdback, Decimal::ONE_HUNDRED)?)));
        run.builder.push(line);
    }
    if let Some(released) = &c.released {
        let value = released.number(ev)?;
        if !value.is_zero() {
            run.builder.push(StatementLine::new(cid, LineKind::HoldbackRelease, value));
        }
    }
    Ok(())
}
