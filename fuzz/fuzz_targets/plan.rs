//! Fuzz target `plan`: see `salescore_fuzz::plan` (the same code replays crashers in the tests).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| salescore_fuzz::plan(data));
