//! Targets: pacing against a target over working days (and, beside it, decomposition).

pub mod pace;

pub use pace::{pace, pace_explained, pace_spec, PaceSpec, Pacing};
