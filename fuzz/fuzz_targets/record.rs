//! Fuzz target `record`: see `salescore_fuzz::record` (the same code replays crashers in the tests).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| salescore_fuzz::record(data));
