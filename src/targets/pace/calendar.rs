//! Working days: the weekend days of the week are off, holidays are off, makeup workdays (调休)
//! are worked even on a weekend day. Counts are closed-form (weekday arithmetic plus the listed
//! days), so a long period costs no more than a short one.

use super::document::Weekday;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeSet;

/// A working-day calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    /// Off days of the week, Monday first.
    weekend: [bool; 7],
    holidays: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// A calendar with `weekend` days off, `holidays` off and `workdays` worked. A day in both
    /// sets is the caller's error to report; here the makeup workday wins.
    pub fn new(weekend: &[Weekday], holidays: BTreeSet<NaiveDate>, workdays: BTreeSet<NaiveDate>) -> Calendar {
        let mut off = [false; 7];
        for day in weekend {
            if let Some(slot) = off.get_mut(index(*day)) {
                *slot = true;
            }
        }
        Calendar { weekend: off, holidays, workdays }
    }

    fn is_weekend(&self, date: NaiveDate) -> bool {
        let i = usize::try_from(date.weekday().num_days_from_monday()).unwrap_or(0);
        self.weekend.get(i).copied().unwrap_or(false)
    }

    /// Whether `date` is worked.
    pub fn is_workday(&self, date: NaiveDate) -> bool {
        if self.workdays.contains(&date) {
            return true;
        }
        !self.is_weekend(date) && !self.holidays.contains(&date)
    }

    /// Working days from `first` to `last`, both included (0 when `last` is before `first`).
    pub fn workdays_between(&self, first: NaiveDate, last: NaiveDate) -> u32 {
        if last < first {
            return 0;
        }
        let weekdays = self.weekdays_between(first, last);
        let holidays = self.holidays.range(first..=last).filter(|d| !self.is_weekend(**d)).count();
        let makeup = self.makeup_between(first, last);
        let off = u32::try_from(holidays).unwrap_or(u32::MAX);
        weekdays.saturating_sub(off).saturating_add(makeup)
    }

    /// Makeup workdays (a weekend day worked) from `first` to `last`.
    pub fn makeup_between(&self, first: NaiveDate, last: NaiveDate) -> u32 {
        if last < first {
            return 0;
        }
        let n = self.workdays.range(first..=last).filter(|d| self.is_weekend(**d)).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// Holidays that fall on a day that would otherwise be worked, from `first` to `last`.
    pub fn holidays_between(&self, first: NaiveDate, last: NaiveDate) -> u32 {
        if last < first {
            return 0;
        }
        let n = self.holidays.range(first..=last).filter(|d| !self.is_weekend(**d)).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// Days from `first` to `last` that are not weekend days (holidays aside).
    fn weekdays_between(&self, first: NaiveDate, last: NaiveDate) -> u32 {
        let days = u64::try_from(last.signed_duration_since(first).num_days()).unwrap_or(0).saturating_add(1);
        let (weeks, rest) = (days / 7, days % 7);
        let start = u64::from(first.weekday().num_days_from_monday());
        let mut count: u64 = 0;
        for (i, off) in (0u64..).zip(self.weekend) {
            if off {
                continue;
            }
            // Day-of-week `i` occurs once per full week, and once more when the partial week
            // starting on `start` reaches it.
            let offset = (i.saturating_add(7).saturating_sub(start)) % 7;
            count = count.saturating_add(weeks).saturating_add(u64::from(offset < rest));
        }
        u32::try_from(count).unwrap_or(u32::MAX)
    }
}

fn index(day: Weekday) -> usize {
    match day {
        Weekday::Mon => 0,
        Weekday::Tue => 1,
        Weekday::Wed => 2,
        Weekday::Thu => 3,
        Weekday::Fri => 4,
        Weekday::Sat => 5,
        Weekday::Sun => 6,
    }
}

/// Working days of the period: in all, elapsed through the as-of day, and left after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct WorkdayCount {
    /// Working days in the period.
    pub total: u32,
    /// Working days from the start through the as-of day.
    pub elapsed: u32,
    /// Working days after the as-of day to the end.
    pub remaining: u32,
    /// Holidays in the period that fall on a day that would otherwise be worked.
    pub holidays: u32,
    /// Makeup workdays (调休) in the period.
    pub makeup_workdays: u32,
}

impl WorkdayCount {
    /// The counts for a period and an as-of day inside it.
    pub fn of(calendar: &Calendar, start: NaiveDate, end: NaiveDate, as_of: NaiveDate) -> WorkdayCount {
        let elapsed = calendar.workdays_between(start, as_of);
        let next = as_of.succ_opt().unwrap_or(as_of);
        let remaining = if as_of >= end { 0 } else { calendar.workdays_between(next, end) };
        WorkdayCount {
            total: calendar.workdays_between(start, end),
            elapsed,
            remaining,
            holidays: calendar.holidays_between(start, end),
            makeup_workdays: calendar.makeup_between(start, end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::formula::value::parse_date(s).unwrap()
    }

    #[test]
    fn closed_form_matches_day_by_day() {
        let weekend = [Weekday::Sat, Weekday::Sun];
        let holidays: BTreeSet<_> = ["2026-05-01", "2026-05-04", "2026-05-05", "2026-05-02"].map(d).into();
        let cal = Calendar::new(&weekend, holidays, [d("2026-05-09")].into());
        let start = d("2026-04-20");
        for len in 0..60 {
            let end = start + chrono::Days::new(len);
            let slow = start.iter_days().take_while(|x| *x <= end).filter(|x| cal.is_workday(*x)).count();
            assert_eq!(cal.workdays_between(start, end) as usize, slow, "{end}");
        }
        assert_eq!(cal.workdays_between(d("2026-05-01"), d("2026-05-31")), 19);
    }
}
