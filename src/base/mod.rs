//! The base layer, below everything else: errors and their message catalogue, exact numbers
//! (one checked-arithmetic family, rounding, the output mode), locales, text ignoring case, the one reader from JSON
//! text to documents, and the small shared tools (largest-remainder apportionment, a fast hasher, one stable sort).
//!
//! Nothing here imports from the layers above (`formula`, the engines, `plan`, `preview`,
//! `wasm`); `tests/layers.rs` checks it.

pub mod apportion;
pub mod arithmetic;
pub mod case;
pub mod checked;
pub mod error;
pub mod json;
pub mod locale;
pub mod messages;
pub mod name;
pub mod number;
pub mod order;
pub mod tally;
