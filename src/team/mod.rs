//! Team-level results over many reps' scores: rankings and forced distribution.
