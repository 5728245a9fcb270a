//! The spec checked once and resolved: dates parsed, stage probabilities looked up, every bad
//! value reported with a JSON pointer to it.

use super::calendar::{Calendar, WorkdayCount};
use super::document::{DealDef, PaceSpec, RepDef};
use crate::base::error::{closest, Error, ErrorCode, Origin, Phrase, Result};
use crate::base::number::{Rounding, RoundingStrategy, MAX_SCALE};
use crate::formula::value::parse_date;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The checked spec.
#[derive(Clone, Debug)]
pub struct Model {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub as_of: NaiveDate,
    pub days: WorkdayCount,
    pub money: Rounding,
    pub reps: Vec<Rep>,
    pub team_name: Option<String>,
    pub team_target: Option<Decimal>,
}

/// A checked rep.
#[derive(Clone, Debug)]
pub struct Rep {
    pub id: String,
    pub name: Option<String>,
    pub target: Decimal,
    pub actual: Decimal,
    pub deals: Vec<Deal>,
}

/// A checked open deal.
#[derive(Clone, Debug)]
pub struct Deal {
    pub id: String,
    pub name: Option<String>,
    pub amount: Decimal,
    pub probability: Decimal,
    pub stage: Option<String>,
    /// Expected to close within the period (or no close date given).
    pub in_period: bool,
}

fn at(err: Error, path: impl Into<String>) -> Error {
    err.path(Origin::Plan, path)
}

fn date(text: &str, path: &str) -> Result<NaiveDate> {
    parse_date(text).map_err(|e| at(e, path))
}

fn range_error(name: &str, found: NaiveDate, expected: Phrase, path: &str) -> Error {
    at(Error::new(ErrorCode::InvalidDateRange).name(name).found(found.to_string()).expected(expected), path)
}

fn probability(p: Decimal, path: &str) -> Result<Decimal> {
    if p < Decimal::ZERO || p > Decimal::ONE {
        return Err(at(Error::new(ErrorCode::ProbabilityOutOfRange).found(p.to_string()), path));
    }
    Ok(p)
}

fn target(t: Decimal, path: &str) -> Result<Decimal> {
    if t < Decimal::ZERO {
        return Err(at(Error::new(ErrorCode::NegativeTarget).found(t.to_string()), path));
    }
    Ok(t)
}

fn unique<'a>(seen: &mut HashSet<&'a str>, id: &'a str, path: String) -> Result<()> {
    if !seen.insert(id) {
        return Err(at(Error::new(ErrorCode::DuplicateId).name(id), path));
    }
    Ok(())
}

fn day_set(list: &[String], path: &str) -> Result<BTreeSet<NaiveDate>> {
    list.iter().enumerate().map(|(i, t)| date(t, &format!("{path}/{i}"))).collect()
}

impl Model {
    /// Checks a spec.
    pub fn read(spec: &PaceSpec) -> Result<Model> {
        let start = date(&spec.period.start, "/period/start")?;
        let end = date(&spec.period.end, "/period/end")?;
        if end < start {
            return Err(range_error("end", end, Phrase::NotBeforeStart, "/period/end"));
        }
        let as_of = date(&spec.as_of, "/asOf")?;
        if as_of < start || as_of > end {
            return Err(range_error("asOf", as_of, Phrase::WithinPeriod, "/asOf"));
        }
        let calendar = read_calendar(spec)?;
        let days = WorkdayCount::of(&calendar, start, end, as_of);
        if days.total == 0 {
            return Err(range_error("end", end, Phrase::PeriodNeedsWorkingDay, "/period"));
        }
        let money = spec.rounding.unwrap_or(Rounding::new(2, RoundingStrategy::HalfUp));
        if money.scale > MAX_SCALE {
            let e = Error::new(ErrorCode::InvalidRounding).name("rounding").found(money.scale.to_string());
            return Err(at(e.expected(MAX_SCALE.to_string()), "/rounding/scale"));
        }
        let stages = read_stages(spec)?;
        let mut rep_ids = HashSet::new();
        let mut deal_ids = HashSet::new();
        let mut reps = Vec::with_capacity(spec.reps.len());
        for (i, def) in spec.reps.iter().enumerate() {
            unique(&mut rep_ids, &def.id, format!("/reps/{i}/id"))?;
            reps.push(read_rep(def, &format!("/reps/{i}"), &stages, &mut deal_ids, end)?);
        }
        if reps.is_empty() {
            return Err(at(Error::new(ErrorCode::EmptyTeam), "/reps"));
        }
        let team = spec.team.as_ref();
        let team_target = match team.and_then(|t| t.target) {
            Some(t) => Some(target(t.0, "/team/target")?),
            None => None,
        };
        Ok(Model { start, end, as_of, days, money, reps, team_name: team.and_then(|t| t.name.clone()), team_target })
    }
}

fn read_calendar(spec: &PaceSpec) -> Result<Calendar> {
    let holidays = day_set(&spec.calendar.holidays, "/calendar/holidays")?;
    let workdays = day_set(&spec.calendar.workdays, "/calendar/workdays")?;
    if let Some((i, day)) = spec
        .calendar
        .workdays
        .iter()
        .enumerate()
        .find(|(_, t)| parse_date(t).map(|d| holidays.contains(&d)).unwrap_or(false))
    {
        let e = Error::new(ErrorCode::CalendarConflict).found(day.trim());
        return Err(at(e, format!("/calendar/workdays/{i}")));
    }
    Ok(Calendar::new(&spec.calendar.weekend, holidays, workdays))
}

fn read_stages(spec: &PaceSpec) -> Result<HashMap<&str, Decimal>> {
    let mut stages = HashMap::new();
    for (i, s) in spec.stages.iter().enumerate() {
        let p = probability(s.probability.0, &format!("/stages/{i}/probability"))?;
        if stages.insert(s.id.as_str(), p).is_some() {
            return Err(at(Error::new(ErrorCode::DuplicateId).name(&s.id), format!("/stages/{i}/id")));
        }
    }
    Ok(stages)
}

fn read_rep<'a>(
    def: &'a RepDef,
    path: &str,
    stages: &HashMap<&str, Decimal>,
    deal_ids: &mut HashSet<&'a str>,
    end: NaiveDate,
) -> Result<Rep> {
    let mut deals = Vec::with_capacity(def.deals.len());
    for (j, d) in def.deals.iter().enumerate() {
        let at_deal = format!("{path}/deals/{j}");
        unique(deal_ids, &d.id, format!("{at_deal}/id"))?;
        deals.push(read_deal(d, &at_deal, stages, end)?);
    }
    Ok(Rep {
        id: def.id.clone(),
        name: def.name.clone(),
        target: target(def.target.0, &format!("{path}/target"))?,
        actual: def.actual.0,
        deals,
    })
}

fn read_deal(d: &DealDef, path: &str, stages: &HashMap<&str, Decimal>, end: NaiveDate) -> Result<Deal> {
    if d.amount.0 < Decimal::ZERO {
        let e = Error::new(ErrorCode::InvalidValue).name("amount").expected(Phrase::ANonNegativeAmount);
        return Err(at(e.found(d.amount.0.to_string()), format!("{path}/amount")));
    }
    let p = match (&d.probability, &d.stage) {
        (Some(p), _) => probability(p.0, &format!("{path}/probability"))?,
        (None, Some(stage)) => stage_probability(stage, stages, path)?,
        (None, None) => return Err(at(Error::new(ErrorCode::MissingKey).name("probability"), path)),
    };
    if let Some(stage) = &d.stage {
        stage_probability(stage, stages, path)?;
    }
    let in_period = match &d.close_date {
        Some(text) => date(text, &format!("{path}/closeDate"))? <= end,
        None => true,
    };
    Ok(Deal {
        id: d.id.clone(),
        name: d.name.clone(),
        amount: d.amount.0,
        probability: p,
        stage: d.stage.clone(),
        in_period,
    })
}

fn stage_probability(stage: &str, stages: &HashMap<&str, Decimal>, path: &str) -> Result<Decimal> {
    stages.get(stage).copied().ok_or_else(|| {
        let e = Error::new(ErrorCode::UnknownStage).name(stage).suggest(closest(stage, stages.keys().copied()));
        at(e, format!("{path}/stage"))
    })
}
