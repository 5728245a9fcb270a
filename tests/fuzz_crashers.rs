//! Replays the fuzz inputs through the fuzz targets' own code (`fuzz/src/lib.rs`): every crasher
//! the fuzzer found (`tests/data/fuzz-crashers/<target>/`, fixed since) and every seed
//! (`fuzz/seeds/<target>/`). A panic fails the test; so does a target with no file to read.
#![cfg(not(target_arch = "wasm32"))] // native; the fuzzer runs natively too
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code: a panic is a failed test

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::{Path, PathBuf};

/// The files of `dir` in name order; none when it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> =
        entries.map(|e| e.expect("a directory entry").path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

/// Runs every file of `dir` through `target`, naming the file when it panics; the count.
fn replay(target: harness::Target, dir: &Path) -> usize {
    let mut count = 0;
    for path in files(dir) {
        let data = std::fs::read(&path).expect("readable");
        if std::panic::catch_unwind(|| target(&data)).is_err() {
            panic!("{} panicked", path.display());
        }
        count += 1;
    }
    count
}

#[test]
fn every_seed_runs_without_a_panic() {
    for (name, target) in harness::TARGETS {
        let count = replay(target, &Path::new("fuzz/seeds").join(name));
        assert!(count > 0, "fuzz/seeds/{name}/ has no seed");
    }
}

#[test]
fn every_crasher_runs_without_a_panic() {
    // A target gets a folder with its first crasher.
    let count: usize = harness::TARGETS
        .into_iter()
        .map(|(name, target)| replay(target, &Path::new("tests/data/fuzz-crashers").join(name)))
        .sum();
    assert!(count > 0, "tests/data/fuzz-crashers/ has no crasher to replay");
}
