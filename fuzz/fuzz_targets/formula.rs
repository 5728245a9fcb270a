//! Fuzz target `formula`: see `salescore_fuzz::formula` (the same code replays crashers in the tests).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| salescore_fuzz::formula(data));
