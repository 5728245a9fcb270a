//! Pacing of each rep, and of the team on the summed figures.

use super::model::{Model, Rep};
use super::pipeline::Pipeline;
use super::progress::Progress;
use super::result::{count_status, Chance, RepPacing, TeamPacing};
use crate::base::checked::{checked_sum, overflow};
use crate::base::error::{Origin, Result};
use crate::base::locale::Locale;
use rust_decimal::Decimal;

/// One rep's pacing (without text).
pub fn rep(model: &Model, index: usize, rep: &Rep) -> Result<RepPacing> {
    let overflowed = || overflow().path(Origin::Plan, format!("/reps/{index}"));
    let (progress, exact) = Progress::of(rep.target, rep.actual, &model.days, model.money).ok_or_else(overflowed)?;
    let pipeline = Pipeline::of(rep.deals.iter(), rep.target, rep.actual, model.money).ok_or_else(overflowed)?;
    let deals: Vec<_> = rep.deals.iter().filter(|d| d.in_period).map(|d| (d, rep.id.as_str())).collect();
    let chance = Chance::of(exact.need, &deals, model.money).ok_or_else(overflowed)?;
    Ok(RepPacing {
        id: rep.id.clone(),
        name: rep.name.clone().unwrap_or_else(|| rep.id.clone()),
        progress,
        pipeline,
        chance,
        text: None,
    })
}

/// The team roll-up of the reps' pacing (without text).
pub fn team(model: &Model, reps: &[RepPacing], locale: Locale) -> Result<TeamPacing> {
    let sum = |f: fn(&Rep) -> Decimal| checked_sum(model.reps.iter().map(f));
    let overflowed = || overflow().path(Origin::Plan, "/reps");
    let actual = sum(|r| r.actual).ok_or_else(overflowed)?;
    let target = match model.team_target {
        Some(t) => t,
        None => sum(|r| r.target).ok_or_else(overflowed)?,
    };
    let (progress, exact) = Progress::of(target, actual, &model.days, model.money).ok_or_else(overflowed)?;
    let all = model.reps.iter().flat_map(|r| r.deals.iter());
    let pipeline = Pipeline::of(all, target, actual, model.money).ok_or_else(overflowed)?;
    let deals: Vec<_> = model
        .reps
        .iter()
        .flat_map(|r| r.deals.iter().filter(|d| d.in_period).map(move |d| (d, r.id.as_str())))
        .collect();
    // One rep and no team target of its own: the team's chance is the rep's (same need, same
    // deals), so it is not computed twice.
    let chance = match (reps, model.team_target) {
        ([only], None) => only.chance.clone(),
        _ => Chance::of(exact.need, &deals, model.money).ok_or_else(overflowed)?,
    };
    let (achieved, on_track, behind) = count_status(reps);
    Ok(TeamPacing {
        name: model.team_name.clone().unwrap_or_else(|| locale.pick("团队", "Team").to_string()),
        reps: reps.len(),
        progress,
        pipeline,
        chance,
        achieved,
        on_track,
        behind,
        text: None,
    })
}
