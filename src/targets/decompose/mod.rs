//! Target decomposition (目标分解): one call splits a total top-down along the organisation
//! (company → region → team → rep) and each person's part over the months (and quarters and
//! weeks) of the period, so that at every level the children add up **exactly** to their parent
//! at the rounding unit, and says why every node got its amount.
//!
//! The steps, all exact:
//!
//! 1. the spec is read ([`document`]) and checked ([`validate`]); the nodes form one tree;
//! 2. top-down, each node's amount is shared among its children by weights from its basis
//!    ([`basis`]), a person's weight scaled by availability ([`ramp`]), within locks and min/max
//!    ([`constraints`]), rounded to the unit by largest remainder ([`allocate`]);
//! 3. each person's amount is split over months by seasonality × ramp × active days, months
//!    into weeks by active days; a team's months are its children's sums, quarters the sums of
//!    their months;
//! 4. commitments are compared bottom-up ([`compare`]) and, on request, the reasons put in
//!    words ([`explain`]);
//! 5. the result lists every node depth first with its parent's index ([`result`]); it is
//!    assembled from [`Columns`], which the WebAssembly shim turns straight into JS objects.
//!
//! ```
//! let spec = r#"{
//!   "total": 120000, "unit": 100,
//!   "period": {"start": "2025-01-01", "end": "2025-12-31"},
//!   "nodes": [{"id": "公司"}, {"id": "华东", "parent": "公司"}, {"id": "华南", "parent": "公司", "locked": 50000}]
//! }"#;
//! let result = salescore::targets::decompose(spec).unwrap();
//! let east = &result.nodes[1];
//! assert_eq!((east.id.as_str(), east.parent, east.depth), ("华东", Some(0), 1));
//! assert_eq!(east.amount.0.to_string(), "70000");
//! // 700 units of 100 over 12 months: 58 each, and the 4 left over (equal remainders) go to
//! // the earliest months.
//! assert_eq!(east.months[0].0.to_string(), "5900");
//! assert_eq!(east.months[11].0.to_string(), "5800");
//! ```

pub mod allocate;
pub mod basis;
pub mod compare;
pub mod constraints;
pub mod document;
pub mod explain;
mod over_time;
pub mod period;
pub mod ramp;
pub mod result;
pub mod seasonality;
mod shape;
mod topdown;
pub mod tree;
pub mod validate;

pub use document::{Basis, BlendPart, DecompositionSpec, NodeSpec, Period, RampStep};
pub use result::{Commitment, CommitmentSource, Decomposition, NodeResult, QuarterInfo, WeekInfo, Why};
pub use shape::{Columns, Head, Money, NodeView, Percent4};

use crate::base::error::Result;
use crate::base::locale::Locale;

/// Reads a spec from JSON text; a malformed one is a coded error with a JSON pointer.
pub fn parse(spec_json: &str) -> Result<DecompositionSpec> {
    crate::base::json::read_spec(spec_json, crate::base::error::Phrase::DecompositionSpec)
}

/// Decomposes a spec given as JSON text (no explanation text).
pub fn decompose(spec_json: &str) -> Result<Decomposition> {
    decompose_spec(&parse(spec_json)?, None)
}

/// Decomposes a spec given as JSON text, with each node's explanation in `locale` (default:
/// the spec's).
pub fn decompose_explained(spec_json: &str, locale: Option<Locale>) -> Result<Decomposition> {
    let spec = parse(spec_json)?;
    let locale = locale.unwrap_or(spec.locale);
    decompose_spec(&spec, Some(locale))
}

/// Decomposes a typed spec; `explain` adds each node's reasons and explanation in that locale.
pub fn decompose_spec(spec: &DecompositionSpec, explain: Option<Locale>) -> Result<Decomposition> {
    columns(spec, explain)?.result()
}

/// Decomposes a typed spec into [`Columns`], from which the result is built.
pub fn columns(spec: &DecompositionSpec, explain: Option<Locale>) -> Result<Columns<'_>> {
    let limits = validate::spec(spec)?;
    let timeline = period::Timeline::new(&spec.period)?;
    let tree = tree::build(&spec.nodes)?;
    let people = over_time::people(spec, &tree, &timeline, &limits)?;
    let org = topdown::allocate(spec, &tree, &people, &timeline, &limits, explain.is_some())?;
    let time = over_time::split(spec, &tree, &people, &timeline, &limits, &org.units)?;
    shape::columns(shape::Steps { spec, tree, people, org, time }, &timeline, explain)
}
