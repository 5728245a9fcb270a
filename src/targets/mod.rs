//! Targets: top-down decomposition along the organisation and over time, and bottom-up
//! commitments compared with it.

pub mod decompose;

pub use decompose::{decompose, decompose_explained, decompose_spec, Decomposition, DecompositionSpec};
