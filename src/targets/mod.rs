//! Targets: top-down decomposition along the organisation and over time (with bottom-up
//! commitments compared with it), and pacing against a target over working days.

pub mod decompose;
pub mod pace;

pub use decompose::{decompose, decompose_explained, decompose_spec, Decomposition, DecompositionSpec};
pub use pace::{pace, pace_explained, pace_spec, PaceSpec, Pacing};
