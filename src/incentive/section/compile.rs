//! Validates the incentive section once: tables, curves, splits and formulas.

use super::columns::Columns;
use super::document::*;
use super::tags::{Filter, Tags};
use crate::base::error::{child, item, Error, ErrorCode, Origin, Phrase, Result};
use crate::base::name::Name;
use crate::base::number::{Dec, Rounding};
use crate::formula::expr::{formula, Expr};
use crate::formula::parser::Resolver;
use crate::incentive::{
    Currency, Draw, DrawDef, Mbo, MboDef, ObjectiveDef, PayoutCurve, PayoutCurveDef, RateTable, Spiff, SpiffDef,
    TotalRounding,
};
use rust_decimal::Decimal;
use std::sync::Arc;

const BASE: &str = "/incentive";

/// A compiled incentive section.
#[derive(Clone, Debug)]
pub struct Incentive {
    pub(super) def: IncentiveDef,
    pub(super) currency: Arc<Currency>,
    pub(super) rounding: Rounding,
    pub(super) rep: Option<Expr>,
    pub(super) components: Vec<Component>,
    /// The product lines and customer types the rules and filters list, numbered.
    pub(super) tags: Tags,
    /// The transaction columns read (none without transactions).
    pub(super) columns: Columns,
    /// Each component's id, shared by the lines and totals that name it.
    pub(super) ids: Vec<Name>,
}

/// A compiled component.
#[derive(Clone, Debug)]
pub(super) enum Component {
    Commission(Commission),
    TargetBonus(TargetBonus),
    Spiff { spiff: Spiff, events: Option<Expr>, filter: Option<(RowFilter, Filter)>, already_paid: Option<Expr> },
    Mbo { id: String, target_bonus: Expr, mbo: Mbo, achievements: Vec<Expr> },
    Draw { id: String, draw: Draw, balance_in: Option<Expr> },
    Pool { def: PoolDef, share: Option<Expr> },
}

#[derive(Clone, Debug)]
pub(super) struct Commission {
    pub(super) def: CommissionDef,
    /// Its id, as its lines name it.
    pub(super) name: Name,
    pub(super) released: Option<Expr>,
    pub(super) amount: Option<Expr>,
    pub(super) rules: Vec<Rule>,
    /// Rule indices by priority (highest first; equal: declaration order).
    pub(super) order: Vec<usize>,
}

#[derive(Clone, Debug)]
pub(super) struct Rule {
    pub(super) def: RuleDef,
    /// Its id, as its lines name it.
    pub(super) name: Name,
    pub(super) table: RateTable,
    pub(super) carried_in: Option<Expr>,
    pub(super) quota: Option<Expr>,
    pub(super) paid_to_date: Option<Expr>,
    /// The transactions it takes: its product lines and customer types, numbered.
    pub(super) filter: Filter,
}

#[derive(Clone, Debug)]
pub(super) struct TargetBonus {
    pub(super) id: String,
    /// Its id, as its lines name it.
    pub(super) name: Name,
    pub(super) target_bonus: Expr,
    pub(super) actual: Actual,
    pub(super) quota: Expr,
    pub(super) curve: PayoutCurve,
    pub(super) multipliers: Vec<(String, Factor)>,
}

#[derive(Clone, Debug)]
pub(super) enum Actual {
    Formula(Expr),
    /// The credited amount of commission component `usize`.
    Credited(usize),
}

#[derive(Clone, Debug)]
pub(super) enum Factor {
    Scorecard,
    Formula(Expr),
}

/// What the plan's scorecard offers the incentive section, handed over by the plan (the engines
/// do not read each other's compiled forms).
#[derive(Clone, Copy, Debug, Default)]
pub struct ScorecardShape<'a> {
    /// The rep id formula of the scorecard's team section, when it has one.
    pub team_rep: Option<&'a Expr>,
}

impl Incentive {
    /// Compiles the section of a plan whose money is in `currency` code, rounded by `money`;
    /// `names` resolves field and metric names.
    pub fn compile(
        def: &IncentiveDef,
        currency: &str,
        money: Rounding,
        scorecard: Option<ScorecardShape<'_>>,
        names: &mut impl Resolver,
    ) -> Result<Incentive> {
        let minor = minor_units(currency);
        if money.scale > minor {
            return Err(Error::new(ErrorCode::CurrencyScaleMismatch)
                .name("rounding.money.scale")
                .found(money.scale.to_string())
                .expected(Phrase::AtMostDecimalsForCurrency.with([minor.to_string(), currency.to_string()]))
                .path(Origin::Plan, "/rounding/money/scale"));
        }
        let currency = Arc::new(Currency::new(currency, money.scale)?);
        for (i, c) in def.components.iter().enumerate() {
            let fixed = match c {
                ComponentDef::Spiff(s) => Some(s.amount),
                ComponentDef::Draw(d) => Some(d.amount),
                ComponentDef::Pool(p) => Some(p.amount),
                _ => None,
            };
            if let Some(amount) = fixed {
                let path = child(&item(BASE, "/components/", i), "/amount");
                currency.units(amount.0, "amount", &path)?;
            }
        }
        if def.components.is_empty() {
            return Err(invalid(child(BASE, "/components"), "components", Phrase::AtLeastOneComponent));
        }
        let mut seen_pool = false;
        for (i, c) in def.components.iter().enumerate() {
            let path = item(BASE, "/components/", i);
            if def.components.iter().take(i).any(|o| o.id() == c.id()) {
                return Err(Error::new(ErrorCode::DuplicateId).name(c.id()).path(Origin::Plan, child(&path, "/id")));
            }
            if seen_pool && !matches!(c, ComponentDef::Pool(_)) {
                return Err(invalid(path, c.id(), Phrase::PoolsLast));
            }
            seen_pool |= matches!(c, ComponentDef::Pool(_));
        }
        let mut components = Vec::with_capacity(def.components.len());
        let mut tags = Tags::default();
        for (i, c) in def.components.iter().enumerate() {
            let path = item(BASE, "/components/", i);
            components.push(compile_component(c, def, &path, scorecard, names, &mut tags)?);
        }
        let needs_rep = def.transactions.as_ref().is_some_and(|t| t.splits.is_some());
        let rep = match (&def.rep, scorecard.and_then(|s| s.team_rep)) {
            (Some(src), _) => Some(formula(src, child(BASE, "/rep"), names)?),
            (None, Some(team_rep)) => Some(team_rep.clone()),
            (None, None) if needs_rep => {
                return Err(Error::new(ErrorCode::MissingKey).name("rep").path(Origin::Plan, child(BASE, "/rep")))
            }
            (None, None) => None,
        };
        let columns = def.transactions.as_ref().map(Columns::of).unwrap_or_default();
        let ids = def.components.iter().map(|c| Name::from(c.id())).collect();
        Ok(Incentive { def: def.clone(), currency, rounding: money, rep, components, tags, columns, ids })
    }

    /// The section as written.
    pub fn def(&self) -> &IncentiveDef {
        &self.def
    }

    /// Whether this section reads and credits a record's transactions as `other` does: the same
    /// transactions, rep formula and product lines and customer types listed (numbered alike).
    /// Under plans that read and compute a record's fields alike, the rows one section reads of
    /// it are the other's too.
    pub(crate) fn reads_rows_as(&self, other: &Incentive) -> bool {
        (&self.def.transactions, &self.def.rep, &self.tags) == (&other.def.transactions, &other.def.rep, &other.tags)
    }

    /// Which of this section's components pay every record as `other`'s component at the same
    /// place does, when the record's fields, metrics, score and transactions are as `other`'s
    /// plan had them (the caller has checked that this section reads rows as `other` does): the
    /// same component, and what it reads of the components before it the same. A compare side
    /// takes their amounts and marks from the other side instead of running them.
    ///
    /// Only where money is rounded line by line (a component's amount is then its own) and no
    /// draw reads what the components before it earned. A target bonus paid on a commission's
    /// credited amount needs that commission to credit alike (the same basis and amount formula:
    /// not its rules). Pools are always run: their weight is all they compute. `scores_alike`:
    /// whether the plans score every record alike too; if not, a target bonus (whose multiplier
    /// may be the scorecard's coefficient) is run.
    pub(crate) fn pays_as(&self, other: &Incentive, scores_alike: bool) -> Vec<bool> {
        let alike = (self.def.rounding, other.def.rounding) == (TotalRounding::PerLine, TotalRounding::PerLine)
            && (&self.currency, self.rounding) == (&other.currency, other.rounding)
            && !self.components.iter().any(|c| matches!(c, Component::Draw { .. }));
        (0..self.components.len()).map(|k| alike && self.pays_component_as(other, k, scores_alike)).collect()
    }

    /// Component `k` of [`Incentive::pays_as`].
    fn pays_component_as(&self, other: &Incentive, k: usize, scores_alike: bool) -> bool {
        let (Some(a), Some(b)) = (self.components.get(k), other.components.get(k)) else { return false };
        if self.def.components.get(k) != other.def.components.get(k) {
            return false;
        }
        match (a, b) {
            (Component::Pool { .. } | Component::Draw { .. }, _) => false,
            (Component::TargetBonus(_), _) if !scores_alike => false,
            (Component::TargetBonus(t), Component::TargetBonus(u)) => match (&t.actual, &u.actual) {
                (Actual::Formula(_), Actual::Formula(_)) => true,
                (Actual::Credited(i), Actual::Credited(j)) => i == j && self.credits_as(other, *i),
                _ => false,
            },
            _ => true,
        }
    }

    /// Whether commission `i` credits what it is paid on as `other`'s does.
    fn credits_as(&self, other: &Incentive, i: usize) -> bool {
        match (self.def.components.get(i), other.def.components.get(i)) {
            (Some(ComponentDef::Commission(a)), Some(ComponentDef::Commission(b))) => {
                (a.basis, &a.amount) == (b.basis, &b.amount)
            }
            _ => false,
        }
    }

    /// The currency statements are paid in.
    pub fn currency(&self) -> &Currency {
        &self.currency
    }

    /// Every formula of the section with its plan path, for plan diagnostics (which fields a
    /// plan reads, what a target bonus or a quota can be).
    pub(crate) fn formulas(&self) -> Vec<&Expr> {
        let mut all: Vec<&Expr> = self.rep.iter().collect();
        for c in &self.components {
            match c {
                Component::Commission(c) => {
                    all.extend(c.released.as_ref());
                    all.extend(c.amount.as_ref());
                    for r in &c.rules {
                        all.extend(r.carried_in.as_ref().into_iter().chain(&r.quota).chain(&r.paid_to_date));
                    }
                }
                Component::TargetBonus(t) => {
                    all.push(&t.target_bonus);
                    all.push(&t.quota);
                    if let Actual::Formula(e) = &t.actual {
                        all.push(e);
                    }
                    all.extend(t.multipliers.iter().filter_map(|(_, f)| match f {
                        Factor::Formula(e) => Some(e),
                        Factor::Scorecard => None,
                    }));
                }
                Component::Spiff { events, already_paid, .. } => all.extend(events.iter().chain(already_paid)),
                Component::Mbo { target_bonus, achievements, .. } => {
                    all.push(target_bonus);
                    all.extend(achievements);
                }
                Component::Draw { balance_in, .. } => all.extend(balance_in.as_ref()),
                Component::Pool { share, .. } => all.extend(share.as_ref()),
            }
        }
        all
    }

    /// The pool components, with their index.
    pub fn pools(&self) -> impl Iterator<Item = (usize, &PoolDef)> {
        self.components.iter().enumerate().filter_map(|(i, c)| match c {
            Component::Pool { def, .. } => Some((i, def)),
            _ => None,
        })
    }
}

/// Decimals of the smallest unit of an ISO 4217 currency: 0 for yen-like currencies, 3 for the
/// dinars, 2 for the rest.
pub(crate) fn minor_units(code: &str) -> u32 {
    match code {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX" | "UYI" | "VND"
        | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

fn invalid(path: String, name: &str, expected: Phrase) -> Error {
    Error::new(ErrorCode::InvalidValue).name(name).expected(expected).path(Origin::Plan, path)
}

/// The formula `src` at `parent` + `key`, when there is one (its path is written only then).
fn optional(src: &Option<String>, parent: &str, key: &str, names: &mut impl Resolver) -> Result<Option<Expr>> {
    src.as_deref().map(|s| formula(s, child(parent, key), names)).transpose()
}

fn compile_component(
    c: &ComponentDef,
    section: &IncentiveDef,
    path: &str,
    scorecard: Option<ScorecardShape<'_>>,
    names: &mut impl Resolver,
    tags: &mut Tags,
) -> Result<Component> {
    Ok(match c {
        ComponentDef::Commission(def) => Component::Commission(compile_commission(def, section, path, names, tags)?),
        ComponentDef::TargetBonus(def) => {
            Component::TargetBonus(compile_target_bonus(def, section, path, scorecard, names)?)
        }
        ComponentDef::Spiff(def) => {
            let spiff = Spiff::new(SpiffDef {
                id: def.id.clone(),
                amount: def.amount,
                frequency: def.frequency,
                max_events: def.max_events,
            })
            .map_err(|e| e.under(path))?;
            let events = optional(&def.events, path, "/events", names)?;
            if events.is_some() == def.filter.is_some() {
                return Err(invalid(child(path, "/events"), &def.id, Phrase::EventsOrWhere));
            }
            if def.filter.is_some() && section.transactions.is_none() {
                return Err(no_transactions(&child(path, "/where")));
            }
            let already_paid = optional(&def.already_paid, path, "/alreadyPaid", names)?;
            let filter = def.filter.as_ref().map(|f| (f.clone(), tags.filter(&f.products, &f.customer_types)));
            Component::Spiff { spiff, events, filter, already_paid }
        }
        ComponentDef::Mbo(def) => {
            let objectives = def
                .objectives
                .iter()
                .map(|o| ObjectiveDef { id: o.id.clone(), weight: o.weight, max_achievement: o.max_achievement })
                .collect();
            let mbo = Mbo::new(MboDef { target_bonus: Dec::default(), objectives }).map_err(|e| e.under(path))?;
            let target_bonus = formula(&def.target_bonus, child(path, "/targetBonus"), names)?;
            let achievements = def
                .objectives
                .iter()
                .enumerate()
                .map(|(i, o)| formula(&o.achievement, child(&item(path, "/objectives/", i), "/achievement"), names))
                .collect::<Result<Vec<_>>>()?;
            Component::Mbo { id: def.id.clone(), target_bonus, mbo, achievements }
        }
        ComponentDef::Draw(def) => {
            let draw = Draw::new(DrawDef { amount: def.amount, kind: def.kind }).map_err(|e| e.under(path))?;
            let balance_in = optional(&def.balance_in, path, "/balanceIn", names)?;
            Component::Draw { id: def.id.clone(), draw, balance_in }
        }
        ComponentDef::Pool(def) => {
            crate::incentive::Pool::new(def.amount.0, Currency::default()).map_err(|e| e.under(path))?;
            let share = optional(&def.share, path, "/share", names)?;
            if share.is_none() && scorecard.is_none() {
                return Err(Error::new(ErrorCode::MissingKey).name("share").path(Origin::Plan, child(path, "/share")));
            }
            if scorecard.and_then(|s| s.team_rep).is_none() {
                return Err(invalid(path.to_string(), &def.id, Phrase::ScorecardTeamSection));
            }
            Component::Pool { def: def.clone(), share }
        }
    })
}

fn no_transactions(path: &str) -> Error {
    Error::new(ErrorCode::MissingKey).name("transactions").path(Origin::Plan, path)
}

fn compile_commission(
    def: &CommissionDef,
    section: &IncentiveDef,
    path: &str,
    names: &mut impl Resolver,
    tags: &mut Tags,
) -> Result<Commission> {
    if def.rules.is_empty() {
        return Err(invalid(child(path, "/rules"), &def.id, Phrase::AtLeastOneRule));
    }
    crate::incentive::non_negative(def.holdback.0, "holdback", &child(path, "/holdback"))?;
    if def.holdback.0 > Decimal::ONE_HUNDRED {
        return Err(invalid(child(path, "/holdback"), "holdback", Phrase::APercentFrom0To100)
            .found(def.holdback.0.normalize().to_string()));
    }
    let amount = optional(&def.amount, path, "/amount", names)?;
    match (&section.transactions, &amount) {
        (None, None) => return Err(no_transactions(&child(path, "/amount"))),
        (Some(_), Some(_)) => {
            return Err(invalid(child(path, "/amount"), &def.id, Phrase::NoAmountFormulaWithTransactions))
        }
        _ => {}
    }
    if def.basis == CommissionBasis::Collected && section.transactions.as_ref().is_some_and(|t| t.collected.is_none()) {
        return Err(Error::new(ErrorCode::MissingKey)
            .name("collected")
            .path(Origin::Plan, child(BASE, "/transactions/collected")));
    }
    let mut rules = Vec::with_capacity(def.rules.len());
    for (i, r) in def.rules.iter().enumerate() {
        let rp = item(path, "/rules/", i);
        if def.rules.iter().take(i).any(|o| o.id == r.id) {
            return Err(Error::new(ErrorCode::DuplicateId).name(r.id.as_str()).path(Origin::Plan, child(&rp, "/id")));
        }
        let table = RateTable::new(r.table.clone()).map_err(|e| e.under(&child(&rp, "/table")))?;
        let quota = optional(&r.quota, &rp, "/quota", names)?;
        if table.def().basis == crate::incentive::TierBasis::Attainment && quota.is_none() {
            return Err(Error::new(ErrorCode::MissingKey).name("quota").path(Origin::Plan, child(&rp, "/quota")));
        }
        rules.push(Rule {
            def: r.clone(),
            name: Name::from(&r.id),
            table,
            carried_in: optional(&r.carried_in, &rp, "/carriedIn", names)?,
            quota,
            paid_to_date: optional(&r.paid_to_date, &rp, "/paidToDate", names)?,
            filter: tags.filter(&r.products, &r.customer_types),
        });
    }
    if amount.is_some() && !rules.iter().any(|r| r.def.products.is_empty() && r.def.customer_types.is_empty()) {
        return Err(invalid(child(path, "/rules"), &def.id, Phrase::RuleWithoutFilters));
    }
    let mut order: Vec<usize> = (0..rules.len()).collect();
    crate::base::order::sort_by_key(&mut order, |&i| std::cmp::Reverse(rules.get(i).map_or(0, |r| r.def.priority)));
    let released = optional(&def.holdback_released, path, "/holdbackReleased", names)?;
    Ok(Commission { def: def.clone(), name: Name::from(&def.id), released, amount, rules, order })
}

fn compile_target_bonus(
    def: &TargetBonusDef,
    section: &IncentiveDef,
    path: &str,
    scorecard: Option<ScorecardShape<'_>>,
    names: &mut impl Resolver,
) -> Result<TargetBonus> {
    let c = &def.curve;
    let curve = PayoutCurve::new(PayoutCurveDef {
        target_bonus: Dec::default(),
        points: c.points.clone(),
        slope_above: c.slope_above,
        gate: c.gate,
        cap: c.cap,
        cap_attainment: c.cap_attainment,
    })
    .map_err(|e| e.under(&child(path, "/curve")))?;
    let actual = match (&def.actual, &def.actual_from) {
        (Some(src), None) => Actual::Formula(formula(src, child(path, "/actual"), names)?),
        (None, Some(from)) => {
            let index = section.components.iter().position(|c| c.id() == from);
            match (index, index.and_then(|i| section.components.get(i))) {
                (Some(i), Some(ComponentDef::Commission(_))) => Actual::Credited(i),
                _ => {
                    return Err(Error::new(ErrorCode::UnknownIndicator)
                        .name(from.as_str())
                        .expected(Phrase::CommissionComponent)
                        .path(Origin::Plan, child(path, "/actualFrom")))
                }
            }
        }
        _ => return Err(invalid(child(path, "/actual"), &def.id, Phrase::ActualOrActualFrom)),
    };
    let mut multipliers = Vec::with_capacity(def.multipliers.len());
    for (i, m) in def.multipliers.iter().enumerate() {
        let mp = item(path, "/multipliers/", i);
        let factor = match (&m.from, &m.formula) {
            (Some(MultiplierSource::Scorecard), None) if scorecard.is_some() => Factor::Scorecard,
            (Some(MultiplierSource::Scorecard), None) => {
                return Err(invalid(child(&mp, "/from"), &m.name, Phrase::APlanWithAScorecard));
            }
            (None, Some(src)) => Factor::Formula(formula(src, child(&mp, "/formula"), names)?),
            _ => return Err(invalid(mp, &m.name, Phrase::FromOrFormula)),
        };
        multipliers.push((m.name.clone(), factor));
    }
    Ok(TargetBonus {
        id: def.id.clone(),
        name: Name::from(&def.id),
        target_bonus: formula(&def.target_bonus, child(path, "/targetBonus"), names)?,
        actual,
        quota: formula(&def.quota, child(path, "/quota"), names)?,
        curve,
        multipliers,
    })
}
