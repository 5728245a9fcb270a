//! salescore: a client-side sales-performance engine. KPI scores, target decomposition and
//! pacing, and incentive payouts, computed with exact decimals and explained.
//!
//! The core (everything outside `wasm`) is plain Rust; `wasm` holds the thin WebAssembly shims.
#![forbid(unsafe_code)]

pub mod base;
pub mod formula;
pub mod incentive;
pub mod plan;
pub mod preview;
pub mod scorecard;
pub mod targets;
pub mod team;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

// The paths the crate has always offered, kept for its users; inside the crate every path names
// its layer (`crate::base::error`, not `crate::error`).
pub use base::{error, locale, number};
pub use formula::input;
pub use plan::output;

pub use error::{Error, ErrorCode, Span};
pub use formula::{Formula, Value};
pub use locale::Locale;
pub use plan::Plan;

/// The crate version.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Compiles and evaluates a formula in one call.
pub fn evaluate_formula(src: &str, values: &serde_json::Value) -> Result<Value, Error> {
    Formula::compile(src)?.evaluate_json(values)
}
