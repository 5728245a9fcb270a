//! The months of the period, their quarters and week segments, and how many days of each a
//! person is active. No working-day calendar: months are split by calendar days.

use super::document::Period;
use crate::base::error::{Error, ErrorCode, Origin, Phrase, Result};
use crate::formula::value::parse_date;
use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Most months a period may span.
pub const MAX_MONTHS: usize = 60;

/// A common multiple of every month length (28, 29, 30, 31 days): `days × (DAY_SCALE ÷ length)`
/// is an exact whole-number weight for "`days` of this month".
pub const DAY_SCALE: u32 = 377_580;

/// One calendar month of the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Month {
    /// Its first day.
    pub first: NaiveDate,
    /// Its last day.
    pub last: NaiveDate,
    /// Days in it.
    pub days: u32,
}

impl Month {
    /// `YYYY-MM`.
    pub fn label(&self) -> String {
        format!("{:04}-{:02}", self.first.year(), self.first.month())
    }
    /// Calendar month number, 1–12.
    pub fn number(&self) -> u32 {
        self.first.month()
    }
}

/// Part of a Monday-to-Sunday week inside one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeekSegment {
    /// Index of its month in the period.
    pub month: usize,
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
}

/// The period as months.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    /// The months, in order.
    pub months: Vec<Month>,
}

fn range_error(name: &str, expected: Phrase, path: &str) -> Error {
    Error::new(ErrorCode::InvalidDateRange).name(name).expected(expected).path(Origin::Plan, path)
}

/// Reads a `YYYY-MM-DD` date at `path`.
pub fn date_at(text: &str, path: &str) -> Result<NaiveDate> {
    parse_date(text).map_err(|e| e.path(Origin::Plan, path))
}

/// The month after the one starting on `first`.
fn next_month(first: NaiveDate) -> Option<NaiveDate> {
    first.checked_add_months(chrono::Months::new(1))
}

/// The month starting on `first`.
fn month_of(first: NaiveDate) -> Option<Month> {
    let last = next_month(first)?.pred_opt()?;
    Some(Month { first, last, days: last.day() })
}

impl Timeline {
    /// Reads and checks the period: whole months, start before end, at most [`MAX_MONTHS`].
    pub fn new(period: &Period) -> Result<Timeline> {
        let start = date_at(&period.start, "/period/start")?;
        let end = date_at(&period.end, "/period/end")?;
        if start.day() != 1 {
            return Err(range_error("period", Phrase::StartFirstDayOfMonth, "/period/start"));
        }
        if end < start {
            return Err(range_error("period", Phrase::EndNotBeforeStart, "/period/end"));
        }
        if end.succ_opt().is_none_or(|d| d.day() != 1) {
            return Err(range_error("period", Phrase::EndLastDayOfMonth, "/period/end"));
        }
        let mut months = Vec::new();
        let mut first = Some(start);
        while let Some(f) = first.filter(|f| *f <= end) {
            if months.len() >= MAX_MONTHS {
                return Err(range_error("period", Phrase::AtMost60Months, "/period/end"));
            }
            let month = month_of(f).ok_or_else(|| range_error("period", Phrase::AtMost60Months, "/period/end"))?;
            months.push(month);
            first = next_month(f);
        }
        Ok(Timeline { months })
    }

    /// The first day of the period.
    pub fn start(&self) -> Option<NaiveDate> {
        self.months.first().map(|m| m.first)
    }

    /// Quarters as ranges of month indices: three months each from the start of the period
    /// (the last one shorter when the period is not a whole number of quarters).
    pub fn quarters(&self) -> Vec<std::ops::Range<usize>> {
        let n = self.months.len();
        (0..n).step_by(3).map(|s| s..s.saturating_add(3).min(n)).collect()
    }

    /// Every month cut into Monday-to-Sunday segments.
    pub fn week_segments(&self) -> Vec<WeekSegment> {
        let mut out = Vec::new();
        for (index, month) in self.months.iter().enumerate() {
            let mut start = month.first;
            while start <= month.last {
                let to_sunday = u64::from(Weekday::Sun.days_since(start.weekday()));
                let end = start.checked_add_days(Days::new(to_sunday)).map_or(month.last, |d| d.min(month.last));
                out.push(WeekSegment { month: index, start, end });
                match end.succ_opt() {
                    Some(next) => start = next,
                    None => break,
                }
            }
        }
        out
    }
}

/// Days of `[start, end]` on which a person employed from `hire` to `leave` (both optional,
/// inclusive) is active.
pub fn active_days(start: NaiveDate, end: NaiveDate, hire: Option<NaiveDate>, leave: Option<NaiveDate>) -> u32 {
    let from = hire.map_or(start, |h| h.max(start));
    let to = leave.map_or(end, |l| l.min(end));
    if to < from {
        return 0;
    }
    u32::try_from(to.signed_duration_since(from).num_days()).map_or(0, |d| d.saturating_add(1))
}

/// Months from the hire month to `month` counting the hire month as 1 (0 before it).
pub fn months_since_hire(hire: NaiveDate, month: &Month) -> u32 {
    let months = |d: NaiveDate| i64::from(d.year()).saturating_mul(12).saturating_add(i64::from(d.month()));
    let diff = months(month.first).saturating_sub(months(hire));
    u32::try_from(diff.saturating_add(1)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(start: &str, end: &str) -> Result<Timeline> {
        Timeline::new(&Period { start: start.into(), end: end.into() })
    }

    #[test]
    fn whole_months_only() {
        assert_eq!(period("2025-01-01", "2025-12-31").unwrap().months.len(), 12);
        assert_eq!(period("2024-02-01", "2024-02-29").unwrap().months[0].days, 29);
        let err = period("2025-01-02", "2025-12-31").unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (ErrorCode::InvalidDateRange, "/period/start"));
        assert_eq!(period("2025-01-01", "2025-12-30").unwrap_err().path, "/period/end");
        assert_eq!(period("2025-03-01", "2025-01-31").unwrap_err().code, ErrorCode::InvalidDateRange);
        assert_eq!(period("2025-13-01", "2025-12-31").unwrap_err().code, ErrorCode::InvalidDate);
        assert_eq!(period("2020-01-01", "2025-12-31").unwrap_err().code, ErrorCode::InvalidDateRange);
    }

    #[test]
    fn quarters_and_weeks() {
        let t = period("2025-04-01", "2025-11-30").unwrap();
        assert_eq!(t.quarters(), vec![0..3, 3..6, 6..8]);
        let weeks = t.week_segments();
        // April 2025 starts on a Tuesday: Tue–Sun, then four Mondays, the last cut at the 30th.
        let april: Vec<_> = weeks.iter().filter(|w| w.month == 0).collect();
        assert_eq!(april.len(), 5);
        assert_eq!(april[0].end.day(), 6);
        assert_eq!(april[4].end.day(), 30);
    }

    #[test]
    fn active_days_and_ramp_months() {
        let t = period("2025-01-01", "2025-03-31").unwrap();
        let jan = t.months[0];
        let hire = NaiveDate::from_ymd_opt(2025, 1, 15);
        assert_eq!(active_days(jan.first, jan.last, hire, None), 17);
        assert_eq!(active_days(jan.first, jan.last, None, NaiveDate::from_ymd_opt(2024, 12, 31)), 0);
        assert_eq!(months_since_hire(hire.unwrap(), &t.months[2]), 3);
        assert_eq!(months_since_hire(NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(), &jan), 0);
    }
}
