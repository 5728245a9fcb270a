//! One error type for everything, as data: a stable code, a JSON-pointer path, a span for formula
//! text and the typed details its message is made from ([`Text`]: a [`Phrase`] or a value). The
//! words of each code (messages and hints in `zh-CN` and `en`, `Display`) are in the message
//! catalogue (`base::messages`), which reads the error; nothing here reads the catalogue
//! (`tests/layers.rs` checks it). The phrases sit here, each with its renderings in one table,
//! because a detail is made of them.

pub mod phrases;
pub mod text;

use crate::base::case::lowercase;
pub use phrases::Phrase;
use serde::Serialize;
use std::fmt;
pub use text::Text;

/// Declares the error codes once: the enum, each code's stable string and the list of all.
macro_rules! error_codes {
    ($($(#[$doc:meta])* $code:ident = $text:literal,)*) => {
        /// Stable error codes. The string form (`DIV_BY_ZERO`) is part of the public API.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[$doc])* $code,)*
        }

        impl ErrorCode {
            /// Every code, in declaration order (the message catalogue has an entry for each).
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$code,)*];

            /// The stable string form, e.g. `"DIV_BY_ZERO"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$code => $text,)*
                }
            }
        }
    };
}

error_codes! {
    // formula text
    /// A character that cannot start any token.
    UnexpectedChar = "UNEXPECTED_CHAR",
    /// A token where another was expected.
    UnexpectedToken = "UNEXPECTED_TOKEN",
    /// The formula ended too early.
    UnexpectedEnd = "UNEXPECTED_END",
    /// A string literal without its closing quote.
    UnterminatedString = "UNTERMINATED_STRING",
    /// A `{field name}` without its closing brace.
    UnterminatedField = "UNTERMINATED_FIELD",
    /// A number literal that cannot be read or represented.
    InvalidNumber = "INVALID_NUMBER",
    /// A function name that is not in the registry.
    UnknownFunction = "UNKNOWN_FUNCTION",
    /// A call with too few or too many arguments.
    WrongArgCount = "WRONG_ARG_COUNT",
    /// A name that is neither a field nor a metric.
    UnknownField = "UNKNOWN_FIELD",
    /// The formula is longer than the limit.
    FormulaTooLong = "FORMULA_TOO_LONG",
    /// The formula nests deeper than the limit.
    FormulaTooDeep = "FORMULA_TOO_DEEP",
    /// The formula has more nodes than the limit.
    FormulaTooComplex = "FORMULA_TOO_COMPLEX",
    /// The formula is empty.
    EmptyFormula = "EMPTY_FORMULA",
    // evaluation
    /// Division by zero.
    DivByZero = "DIV_BY_ZERO",
    /// A result outside the decimal range (±79,228,162,514,264,337,593,543,950,335).
    Overflow = "OVERFLOW",
    /// A value of the wrong type for an operator or function.
    TypeMismatch = "TYPE_MISMATCH",
    /// A field the formula needs has no value in the record.
    MissingField = "MISSING_FIELD",
    /// No branch or tier matched (Excel `#N/A`).
    NoMatch = "NO_MATCH",
    /// An argument outside the function's domain (Excel `#NUM!`).
    InvalidArgument = "INVALID_ARGUMENT",
    /// A text that is not a valid `YYYY-MM-DD` date, or a date out of range.
    InvalidDate = "INVALID_DATE",
    // values at the boundary
    /// NaN or ±Infinity given where a number is expected.
    NotFinite = "NOT_FINITE",
    /// A number that cannot be represented exactly (too large or too many decimals).
    OutOfRange = "OUT_OF_RANGE",
    /// A value that does not fit the declared type.
    InvalidValue = "INVALID_VALUE",
    /// A value past one of the documented limits (records per call, orders per record, text
    /// length, document size or nesting); raised before the value is copied.
    TooLarge = "TOO_LARGE",
    /// Reading a value from the host threw (a getter or a Proxy trap); `found` says what it threw.
    ReadFailed = "READ_FAILED",
    // plan documents
    /// The plan document is not valid JSON or does not match the schema.
    InvalidPlan = "INVALID_PLAN",
    /// A key the plan document does not know.
    UnknownKey = "UNKNOWN_KEY",
    /// A required key is missing.
    MissingKey = "MISSING_KEY",
    /// Two entries share one id.
    DuplicateId = "DUPLICATE_ID",
    /// An id that is empty or reserved.
    InvalidId = "INVALID_ID",
    /// Metrics that reference each other in a loop.
    Cycle = "CYCLE",
    /// A currency code that is not three upper-case letters.
    InvalidCurrency = "INVALID_CURRENCY",
    /// A rounding scale out of range.
    InvalidRounding = "INVALID_ROUNDING",
    /// An option passed to an API call is not valid.
    InvalidOption = "INVALID_OPTION",
    // scorecards
    /// A set of weights does not total 100.
    WeightsNot100 = "WEIGHTS_NOT_100",
    /// A weight, veto or reference names an indicator or grade that does not exist.
    UnknownIndicator = "UNKNOWN_INDICATOR",
    /// Grade bands leave a gap between them.
    BandGap = "BAND_GAP",
    /// Grade bands overlap.
    BandOverlap = "BAND_OVERLAP",
    /// A scoring method's parameters are inconsistent (cap below floor, bands not rising…).
    InvalidMethod = "INVALID_METHOD",
    /// The grade quotas of a forced distribution do not total 100%.
    QuotasNot100 = "QUOTAS_NOT_100",
    /// A team evaluation was given no records.
    EmptyTeam = "EMPTY_TEAM",
    // targets and pacing
    /// A date range that ends before it starts, a date outside its range, or a period without a
    /// working day.
    InvalidDateRange = "INVALID_DATE_RANGE",
    /// A probability outside [0, 1].
    ProbabilityOutOfRange = "PROBABILITY_OUT_OF_RANGE",
    /// A target below zero.
    NegativeTarget = "NEGATIVE_TARGET",
    /// A deal names a pipeline stage that is not declared.
    UnknownStage = "UNKNOWN_STAGE",
    /// A calendar day listed both as a holiday and as a makeup workday.
    CalendarConflict = "CALENDAR_CONFLICT",
    // target decomposition
    /// Every child that shares an amount weighs 0 under its basis: nothing to split by.
    WeightsAllZero = "WEIGHTS_ALL_ZERO",
    /// A seasonality profile whose month percentages do not total exactly 100.00.
    SeasonalityNot100 = "SEASONALITY_NOT_100",
    /// Nodes of an organisation tree that are their own ancestors.
    TreeCycle = "TREE_CYCLE",
    /// Constraints (locks, minima, maxima) that no allocation can meet; `name` is the node.
    Infeasible = "INFEASIBLE",
    /// An amount that is not a whole multiple of the rounding unit.
    NotMultipleOfUnit = "NOT_MULTIPLE_OF_UNIT",
    /// A node names a parent that is not in the tree.
    UnknownParent = "UNKNOWN_PARENT",
    /// A tree without exactly one root.
    TreeRoot = "TREE_ROOT",
    // incentives
    /// Rate tiers leave a gap between one tier's `to` and the next tier's `from`.
    TierGap = "TIER_GAP",
    /// Rate tiers overlap: a tier starts below the previous tier's `to`.
    TierOverlap = "TIER_OVERLAP",
    /// Credit split shares do not total 100%.
    SplitsNot100 = "SPLITS_NOT_100",
    /// A negative rate where the table does not allow one.
    NegativeRate = "NEGATIVE_RATE",
    /// Payout curve points that do not describe a function of attainment (a repeated or falling
    /// attainment).
    CurveNotFunction = "CURVE_NOT_FUNCTION",
    /// A payout gate at or above the attainment where the payout is capped.
    GateAboveCap = "GATE_ABOVE_CAP",
    /// An amount with more decimals than its currency's scale, or amounts in different currencies
    /// combined.
    CurrencyScaleMismatch = "CURRENCY_SCALE_MISMATCH",
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

/// The facts an error message is made from; every field is optional. `name`, `expected` and
/// `found` are [`Text`]: a [`Phrase`] of the message catalogue, which each locale words its own
/// way, or a value shown as written (an id, a key, a number, what the user gave). They serialize
/// as their English form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Detail {
    /// The name involved (field, function, id, key).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// What was expected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Text>,
    /// What was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<Text>,
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
        self.path = child(parent, &self.path);
        self
    }
    /// Sets the name in the detail: an id or key as written, or a [`Phrase`].
    pub fn name(mut self, name: impl Into<Text>) -> Self {
        self.detail.name = Some(name.into());
        self
    }
    /// Sets what was expected: a [`Phrase`] of the catalogue (add one there for new wording),
    /// or a value as written ([`Text::value`]: a limit, a list of allowed values).
    pub fn expected(mut self, expected: impl Into<Text>) -> Self {
        self.detail.expected = Some(expected.into());
        self
    }
    /// Sets what was found: the value as written, or a [`Phrase`] (a kind of value).
    pub fn found(mut self, found: impl Into<Text>) -> Self {
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

/// The pointer `parent` followed by `rest` (which starts with `/`): `child("/scorecard/gates/0",
/// "/when")`. A plan's compiler names the place of every formula it compiles, so that an error
/// raised there at evaluation points at it; joined with `format!` (core's formatting machinery for
/// every piece), those paths were about a tenth of compiling the sample plan.
#[inline(never)]
pub fn child(parent: &str, rest: &str) -> String {
    let mut out = String::with_capacity(parent.len().saturating_add(rest.len()));
    out.push_str(parent);
    out.push_str(rest);
    out
}

/// The pointer `parent` followed by `key` (which starts and ends with `/`) and `index`:
/// `item("/scorecard", "/indicators/", 3)` is `/scorecard/indicators/3`, without `format!`.
#[inline(never)]
pub fn item(parent: &str, key: &str, index: usize) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(index);
    let mut out = String::with_capacity(parent.len().saturating_add(key.len()).saturating_add(digits.len()));
    out.push_str(parent);
    out.push_str(key);
    out.push_str(digits);
    out
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
    let lower = lowercase(name);
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let other = lowercase(candidate);
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
    use super::{child, closest, item};

    #[test]
    fn child_joins_as_format_does() {
        let parent = String::from("/scorecard/profiles/2");
        assert_eq!(child(&parent, "/when"), format!("{parent}/when"));
        assert_eq!(child("", "/id"), "/id");
    }

    #[test]
    fn item_joins_as_format_does() {
        for i in [0, 7, 10, 99, 12_345, usize::MAX] {
            assert_eq!(item("/scorecard", "/indicators/", i), format!("/scorecard/indicators/{i}"));
        }
        assert_eq!(item("", "/", 3), "/3");
    }

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
