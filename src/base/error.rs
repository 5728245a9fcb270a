//! One error type for everything: a stable code, a JSON-pointer path, a span for formula text,
//! a message in `zh-CN` or `en`, and a hint.

use crate::base::locale::Locale;
use serde::Serialize;
use std::fmt;

/// Stable error codes. The string form (`DIV_BY_ZERO`) is part of the public API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    // formula text
    /// A character that cannot start any token.
    UnexpectedChar,
    /// A token where another was expected.
    UnexpectedToken,
    /// The formula ended too early.
    UnexpectedEnd,
    /// A string literal without its closing quote.
    UnterminatedString,
    /// A `{field name}` without its closing brace.
    UnterminatedField,
    /// A number literal that cannot be read or represented.
    InvalidNumber,
    /// A function name that is not in the registry.
    UnknownFunction,
    /// A call with too few or too many arguments.
    WrongArgCount,
    /// A name that is neither a field nor a metric.
    UnknownField,
    /// The formula is longer than the limit.
    FormulaTooLong,
    /// The formula nests deeper than the limit.
    FormulaTooDeep,
    /// The formula has more nodes than the limit.
    FormulaTooComplex,
    /// The formula is empty.
    EmptyFormula,
    // evaluation
    /// Division by zero.
    DivByZero,
    /// A result outside the decimal range (±79,228,162,514,264,337,593,543,950,335).
    Overflow,
    /// A value of the wrong type for an operator or function.
    TypeMismatch,
    /// A field the formula needs has no value in the record.
    MissingField,
    /// No branch or tier matched (Excel `#N/A`).
    NoMatch,
    /// An argument outside the function's domain (Excel `#NUM!`).
    InvalidArgument,
    /// A text that is not a valid `YYYY-MM-DD` date, or a date out of range.
    InvalidDate,
    // values at the boundary
    /// NaN or ±Infinity given where a number is expected.
    NotFinite,
    /// A number that cannot be represented exactly (too large or too many decimals).
    OutOfRange,
    /// A value that does not fit the declared type.
    InvalidValue,
    /// A value past one of the documented limits (records per call, orders per record, text
    /// length, document size or nesting); raised before the value is copied.
    TooLarge,
    /// Reading a value from the host threw (a getter or a Proxy trap); `found` says what it threw.
    ReadFailed,
    // plan documents
    /// The plan document is not valid JSON or does not match the schema.
    InvalidPlan,
    /// A key the plan document does not know.
    UnknownKey,
    /// A required key is missing.
    MissingKey,
    /// Two entries share one id.
    DuplicateId,
    /// An id that is empty or reserved.
    InvalidId,
    /// Metrics that reference each other in a loop.
    Cycle,
    /// A currency code that is not three upper-case letters.
    InvalidCurrency,
    /// A rounding scale out of range.
    InvalidRounding,
    /// An option passed to an API call is not valid.
    InvalidOption,
    // scorecards
    /// A set of weights does not total 100.
    WeightsNot100,
    /// A weight, veto or reference names an indicator or grade that does not exist.
    UnknownIndicator,
    /// Grade bands leave a gap between them.
    BandGap,
    /// Grade bands overlap.
    BandOverlap,
    /// A scoring method's parameters are inconsistent (cap below floor, bands not rising…).
    InvalidMethod,
    /// The grade quotas of a forced distribution do not total 100%.
    QuotasNot100,
    /// A team evaluation was given no records.
    EmptyTeam,
    // targets and pacing
    /// A date range that ends before it starts, a date outside its range, or a period without a
    /// working day.
    InvalidDateRange,
    /// A probability outside [0, 1].
    ProbabilityOutOfRange,
    /// A target below zero.
    NegativeTarget,
    /// A deal names a pipeline stage that is not declared.
    UnknownStage,
    /// A calendar day listed both as a holiday and as a makeup workday.
    CalendarConflict,
    // target decomposition
    /// Every child that shares an amount weighs 0 under its basis: nothing to split by.
    WeightsAllZero,
    /// A seasonality profile whose month percentages do not total exactly 100.00.
    SeasonalityNot100,
    /// Nodes of an organisation tree that are their own ancestors.
    TreeCycle,
    /// Constraints (locks, minima, maxima) that no allocation can meet; `name` is the node.
    Infeasible,
    /// An amount that is not a whole multiple of the rounding unit.
    NotMultipleOfUnit,
    /// A node names a parent that is not in the tree.
    UnknownParent,
    /// A tree without exactly one root.
    TreeRoot,
    // incentives
    /// Rate tiers leave a gap between one tier's `to` and the next tier's `from`.
    TierGap,
    /// Rate tiers overlap: a tier starts below the previous tier's `to`.
    TierOverlap,
    /// Credit split shares do not total 100%.
    SplitsNot100,
    /// A negative rate where the table does not allow one.
    NegativeRate,
    /// Payout curve points that do not describe a function of attainment (a repeated or falling
    /// attainment).
    CurveNotFunction,
    /// A payout gate at or above the attainment where the payout is capped.
    GateAboveCap,
    /// An amount with more decimals than its currency's scale, or amounts in different currencies
    /// combined.
    CurrencyScaleMismatch,
}

impl ErrorCode {
    /// The stable string form, e.g. `"DIV_BY_ZERO"`.
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            UnexpectedChar => "UNEXPECTED_CHAR",
            UnexpectedToken => "UNEXPECTED_TOKEN",
            UnexpectedEnd => "UNEXPECTED_END",
            UnterminatedString => "UNTERMINATED_STRING",
            UnterminatedField => "UNTERMINATED_FIELD",
            InvalidNumber => "INVALID_NUMBER",
            UnknownFunction => "UNKNOWN_FUNCTION",
            WrongArgCount => "WRONG_ARG_COUNT",
            UnknownField => "UNKNOWN_FIELD",
            FormulaTooLong => "FORMULA_TOO_LONG",
            FormulaTooDeep => "FORMULA_TOO_DEEP",
            FormulaTooComplex => "FORMULA_TOO_COMPLEX",
            EmptyFormula => "EMPTY_FORMULA",
            DivByZero => "DIV_BY_ZERO",
            Overflow => "OVERFLOW",
            TypeMismatch => "TYPE_MISMATCH",
            MissingField => "MISSING_FIELD",
            NoMatch => "NO_MATCH",
            InvalidArgument => "INVALID_ARGUMENT",
            InvalidDate => "INVALID_DATE",
            NotFinite => "NOT_FINITE",
            OutOfRange => "OUT_OF_RANGE",
            InvalidValue => "INVALID_VALUE",
            TooLarge => "TOO_LARGE",
            ReadFailed => "READ_FAILED",
            InvalidPlan => "INVALID_PLAN",
            UnknownKey => "UNKNOWN_KEY",
            MissingKey => "MISSING_KEY",
            DuplicateId => "DUPLICATE_ID",
            InvalidId => "INVALID_ID",
            Cycle => "CYCLE",
            InvalidCurrency => "INVALID_CURRENCY",
            InvalidRounding => "INVALID_ROUNDING",
            InvalidOption => "INVALID_OPTION",
            WeightsNot100 => "WEIGHTS_NOT_100",
            UnknownIndicator => "UNKNOWN_INDICATOR",
            BandGap => "BAND_GAP",
            BandOverlap => "BAND_OVERLAP",
            InvalidMethod => "INVALID_METHOD",
            QuotasNot100 => "QUOTAS_NOT_100",
            EmptyTeam => "EMPTY_TEAM",
            InvalidDateRange => "INVALID_DATE_RANGE",
            ProbabilityOutOfRange => "PROBABILITY_OUT_OF_RANGE",
            NegativeTarget => "NEGATIVE_TARGET",
            UnknownStage => "UNKNOWN_STAGE",
            CalendarConflict => "CALENDAR_CONFLICT",
            WeightsAllZero => "WEIGHTS_ALL_ZERO",
            SeasonalityNot100 => "SEASONALITY_NOT_100",
            TreeCycle => "TREE_CYCLE",
            Infeasible => "INFEASIBLE",
            NotMultipleOfUnit => "NOT_MULTIPLE_OF_UNIT",
            UnknownParent => "UNKNOWN_PARENT",
            TreeRoot => "TREE_ROOT",
            TierGap => "TIER_GAP",
            TierOverlap => "TIER_OVERLAP",
            SplitsNot100 => "SPLITS_NOT_100",
            NegativeRate => "NEGATIVE_RATE",
            CurveNotFunction => "CURVE_NOT_FUNCTION",
            GateAboveCap => "GATE_ABOVE_CAP",
            CurrencyScaleMismatch => "CURRENCY_SCALE_MISMATCH",
        }
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A range in formula text, in UTF-16 code units (as JavaScript strings count them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
pub struct Span {
    /// First code unit.
    pub start: u32,
    /// One past the last code unit.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: u32, end: u32) -> Self {
        Span { start, end }
    }
    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Where a path points: into the plan document, or into the record being evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Origin {
    /// Formula text: the `span` locates the problem in it.
    #[default]
    Formula,
    /// The plan document.
    Plan,
    /// The record (input values).
    Record,
    /// The options passed to a call.
    Options,
}

/// The facts an error message is made from; every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Detail {
    /// The name involved (field, function, id, key).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What was expected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    /// The names forming a cycle, first repeated at the end.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cycle: Vec<String>,
    /// The metric being computed when the error happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
}

/// The single error type of the crate (boxed, so results stay small on the hot path).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(Box<ErrorInfo>);

impl std::ops::Deref for Error {
    type Target = ErrorInfo;
    fn deref(&self) -> &ErrorInfo {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorInfo {
        &mut self.0
    }
}

/// Everything an [`Error`] says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorInfo {
    /// Stable code.
    pub code: ErrorCode,
    /// JSON pointer (RFC 6901) into the plan document or the record; `""` is the root.
    pub path: String,
    /// What the path points into.
    pub origin: Origin,
    /// Span in the formula text, when the error is about formula text.
    pub span: Option<Span>,
    /// Facts for the message.
    pub detail: Detail,
    /// A suggested replacement ("did you mean …").
    pub suggestion: Option<String>,
}

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error with a code and nothing else.
    pub fn new(code: ErrorCode) -> Self {
        Error(Box::new(ErrorInfo {
            code,
            path: String::new(),
            origin: Origin::Formula,
            span: None,
            detail: Detail::default(),
            suggestion: None,
        }))
    }
    /// Sets the span.
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }
    /// Sets the path (a JSON pointer) and where it points.
    pub fn path(mut self, origin: Origin, path: impl Into<String>) -> Self {
        self.origin = origin;
        self.path = path.into();
        self
    }
    /// Prefixes the path with a parent pointer, keeping the origin.
    pub fn under(mut self, parent: &str) -> Self {
        self.path = format!("{parent}{}", self.path);
        self
    }
    /// Sets the name in the detail.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.detail.name = Some(name.into());
        self
    }
    /// Sets what was expected.
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.detail.expected = Some(expected.into());
        self
    }
    /// Sets what was found.
    pub fn found(mut self, found: impl Into<String>) -> Self {
        self.detail.found = Some(found.into());
        self
    }
    /// Sets the cycle.
    pub fn cycle(mut self, cycle: Vec<String>) -> Self {
        self.detail.cycle = cycle;
        self
    }
    /// Sets the suggestion.
    pub fn suggest(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }
    /// The message in a locale.
    pub fn message(&self, locale: Locale) -> String {
        crate::base::messages::message(self, locale)
    }
    /// The hint in a locale ("did you mean 回款额?"), if there is one.
    pub fn hint(&self, locale: Locale) -> Option<String> {
        crate::base::messages::hint(self, locale)
    }
    /// A serializable view with the message and hint rendered in a locale.
    pub fn report(&self, locale: Locale) -> ErrorReport {
        ErrorReport {
            code: self.code,
            message: self.message(locale),
            path: self.path.clone(),
            origin: self.origin,
            span: self.span,
            hint: self.hint(locale),
            suggestion: self.suggestion.clone(),
            detail: self.detail.clone(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message(Locale::En))?;
        if !self.path.is_empty() {
            write!(f, " at {}", self.path)?;
        }
        if let Some(span) = self.span {
            write!(f, " [{}..{}]", span.start, span.end)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// An error as callers see it: every field rendered, ready to serialize.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorReport {
    /// Stable code.
    pub code: ErrorCode,
    /// Message in the requested locale.
    pub message: String,
    /// JSON pointer.
    pub path: String,
    /// What the path points into.
    pub origin: Origin,
    /// Span in the formula text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// Hint in the requested locale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Suggested replacement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// Facts behind the message.
    pub detail: Detail,
}

/// Escapes one JSON-pointer segment (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// The closest candidate to `name` (edit distance, case-insensitive first), if close enough.
/// The answer does not depend on the order of `candidates` (callers pass a `HashMap`'s keys,
/// whose order differs from run to run natively and from WebAssembly): of equally close
/// candidates, the smallest wins.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let lower = name.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let other = candidate.to_lowercase();
        // The same name but for case beats any other (scores are at most 1).
        let score = if other == lower { 2.0 } else { strsim::normalized_damerau_levenshtein(&lower, &other) };
        let better = best.is_none_or(|(b, c)| score > b || (score >= b && candidate < c));
        if score >= 0.5 && better {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn closest_does_not_depend_on_the_order_of_candidates() {
        // 回款 is one edit from both: the smaller wins, whichever comes first.
        assert_eq!(closest("回款", ["回款额", "回款率"]).as_deref(), Some("回款率"));
        assert_eq!(closest("回款", ["回款率", "回款额"]).as_deref(), Some("回款率"));
        assert_eq!(closest("SALES", ["sales", "Sales"]).as_deref(), Some("Sales"));
        assert_eq!(closest("SALES", ["Sales", "sales"]).as_deref(), Some("Sales"));
        assert_eq!(closest("mony", ["number", "money", "monkey"]).as_deref(), Some("money"));
        assert_eq!(closest("xyz", ["money"]), None);
    }
}
