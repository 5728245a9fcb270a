//! Dates (ISO `YYYY-MM-DD` text or date values): DATE, YEAR, MONTH, DAY, DAYS, DATEDIF, EDATE,
//! EOMONTH.

use super::{Arity, Eval, FunctionSpec};
use crate::base::checked::overflow;
use crate::base::error::{Error, ErrorCode, Phrase, Result};
use crate::formula::value::Value;
use chrono::{Datelike, Months, NaiveDate, TimeDelta};
use rust_decimal::prelude::*;

fn date(args: &[Value], i: usize) -> Result<NaiveDate> {
    args.get(i).ok_or_else(super::logic::arity)?.to_date()
}

fn int(args: &[Value], i: usize) -> Result<i64> {
    let d = args.get(i).ok_or_else(super::logic::arity)?.to_number()?;
    d.trunc().to_i64().ok_or_else(overflow)
}

fn out_of_range() -> Error {
    Error::new(ErrorCode::InvalidDate).found(Phrase::DateOutOfRange)
}

/// Dates run from 0001-01-01 to 9999-12-31 (so every result reads back as `YYYY-MM-DD`).
fn in_range(date: Option<NaiveDate>) -> Result<NaiveDate> {
    date.filter(|d| (1..=9999).contains(&d.year())).ok_or_else(out_of_range)
}

/// `date` plus a number of days. As in Excel, where a date is a day number, the date part of
/// the sum is kept: a fraction moves the result back to the start of its day (−1.5 → −2 days).
pub fn add_days(date: NaiveDate, days: Decimal) -> Result<NaiveDate> {
    let days = days.floor().to_i64().ok_or_else(out_of_range)?;
    in_range(TimeDelta::try_days(days).and_then(|d| date.checked_add_signed(d)))
}

fn add_months(date: NaiveDate, months: i64) -> Result<NaiveDate> {
    let m = u32::try_from(months.unsigned_abs()).map_err(|_| out_of_range())?;
    in_range(if months >= 0 {
        date.checked_add_months(Months::new(m))
    } else {
        date.checked_sub_months(Months::new(m))
    })
}

pub const DATE: FunctionSpec = FunctionSpec {
    name: "DATE",
    category: "date",
    signature: "DATE(year, month, day)",
    summary_zh: "由年、月、日构造日期（月、日超出时顺延，如 13 月为次年 1 月；0–1899 年按 1900 + 年份）",
    summary_en: "a date from year, month and day (months and days roll over; years 0–1899 mean 1900 + year)",
    example: "DATE(2025, 13, 1) → 2026-01-01",
    arity: Arity::exactly(3),
    eval: Eval::Eager(make_date),
};

fn make_date(args: &[Value]) -> Result<Value> {
    let (y, m, d) = (int(args, 0)?, int(args, 1)?, int(args, 2)?);
    // Excel reads years 0–1899 as offsets from 1900: DATE(25, 1, 1) is 1925-01-01.
    let y = if (0..1900).contains(&y) { y.saturating_add(1900) } else { y };
    if !(1900..=9999).contains(&y) {
        return Err(out_of_range());
    }
    let i32y = i32::try_from(y).map_err(|_| out_of_range())?;
    let first = NaiveDate::from_ymd_opt(i32y, 1, 1).ok_or_else(out_of_range)?;
    let month_start = add_months(first, m.checked_sub(1).ok_or_else(out_of_range)?)?;
    add_days(month_start, Decimal::from(d.checked_sub(1).ok_or_else(out_of_range)?)).map(Value::Date)
}

pub const YEAR: FunctionSpec = FunctionSpec {
    name: "YEAR",
    category: "date",
    signature: "YEAR(date)",
    summary_zh: "日期的年份",
    summary_en: "the year of a date",
    example: "YEAR(\"2025-03-31\") → 2025",
    arity: Arity::exactly(1),
    eval: Eval::Eager(|a| Ok(Value::Number(Decimal::from(date(a, 0)?.year())))),
};

pub const MONTH: FunctionSpec = FunctionSpec {
    name: "MONTH",
    category: "date",
    signature: "MONTH(date)",
    summary_zh: "日期的月份（1–12）",
    summary_en: "the month of a date (1–12)",
    example: "MONTH(\"2025-03-31\") → 3",
    arity: Arity::exactly(1),
    eval: Eval::Eager(|a| Ok(Value::Number(Decimal::from(date(a, 0)?.month())))),
};

pub const DAY: FunctionSpec = FunctionSpec {
    name: "DAY",
    category: "date",
    signature: "DAY(date)",
    summary_zh: "日期是当月第几天",
    summary_en: "the day of the month",
    example: "DAY(\"2025-03-31\") → 31",
    arity: Arity::exactly(1),
    eval: Eval::Eager(|a| Ok(Value::Number(Decimal::from(date(a, 0)?.day())))),
};

pub const DAYS: FunctionSpec = FunctionSpec {
    name: "DAYS",
    category: "date",
    signature: "DAYS(end_date, start_date)",
    summary_zh: "两个日期相差的天数（end − start）",
    summary_en: "the number of days from start_date to end_date",
    example: "DAYS(\"2025-03-31\", \"2025-01-01\") → 89",
    arity: Arity::exactly(2),
    eval: Eval::Eager(|a| Ok(Value::Number(Decimal::from(date(a, 0)?.signed_duration_since(date(a, 1)?).num_days())))),
};

pub const DATEDIF: FunctionSpec = FunctionSpec {
    name: "DATEDIF",
    category: "date",
    signature: "DATEDIF(start_date, end_date, unit)",
    summary_zh: "两个日期之间的完整年数（\"Y\"）、月数（\"M\"）、天数（\"D\"）或不计年的月数（\"YM\"）",
    summary_en: "whole years (\"Y\"), months (\"M\"), days (\"D\") or months ignoring years (\"YM\") between two dates",
    example: "DATEDIF(入职日期, \"2025-06-30\", \"M\")",
    arity: Arity::exactly(3),
    eval: Eval::Eager(datedif),
};

fn datedif(args: &[Value]) -> Result<Value> {
    let (start, end) = (date(args, 0)?, date(args, 1)?);
    let unit = args.get(2).ok_or_else(super::logic::arity)?.to_text().to_ascii_uppercase();
    if start > end {
        return Err(Error::new(ErrorCode::InvalidArgument).expected(Phrase::StartNotAfterEnd));
    }
    let months = whole_months(start, end);
    let value = match unit.as_str() {
        "D" => end.signed_duration_since(start).num_days(),
        "M" => months,
        "Y" => months.div_euclid(12),
        "YM" => months.rem_euclid(12),
        _ => return Err(Error::new(ErrorCode::InvalidArgument).expected(Phrase::DateUnit)),
    };
    Ok(Value::Number(Decimal::from(value)))
}

/// Complete months from `start` to `end` (`start` ≤ `end`).
fn whole_months(start: NaiveDate, end: NaiveDate) -> i64 {
    let years = i64::from(end.year()).saturating_sub(i64::from(start.year()));
    let months =
        years.saturating_mul(12).saturating_add(i64::from(end.month())).saturating_sub(i64::from(start.month()));
    if end.day() < start.day() {
        months.saturating_sub(1)
    } else {
        months
    }
}

pub const EDATE: FunctionSpec = FunctionSpec {
    name: "EDATE",
    category: "date",
    signature: "EDATE(start_date, months)",
    summary_zh: "若干个月之前或之后的同一天（月末自动对齐）",
    summary_en: "the same day some months before or after (clamped to the month's end)",
    example: "EDATE(\"2025-01-31\", 1) → 2025-02-28",
    arity: Arity::exactly(2),
    eval: Eval::Eager(|a| add_months(date(a, 0)?, int(a, 1)?).map(Value::Date)),
};

pub const EOMONTH: FunctionSpec = FunctionSpec {
    name: "EOMONTH",
    category: "date",
    signature: "EOMONTH(start_date, months)",
    summary_zh: "若干个月之前或之后那个月的最后一天",
    summary_en: "the last day of the month some months before or after",
    example: "EOMONTH(\"2025-01-15\", 1) → 2025-02-28",
    arity: Arity::exactly(2),
    eval: Eval::Eager(eomonth),
};

fn eomonth(args: &[Value]) -> Result<Value> {
    let d = date(args, 0)?;
    let first = d.with_day(1).ok_or_else(out_of_range)?;
    let next = add_months(first, int(args, 1)?.checked_add(1).ok_or_else(out_of_range)?)?;
    next.pred_opt().map(Value::Date).ok_or_else(out_of_range)
}
