//! Fuzz target `compare`: see `salescore_fuzz::compare` (the same code replays crashers in the tests).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| salescore_fuzz::compare(data));
