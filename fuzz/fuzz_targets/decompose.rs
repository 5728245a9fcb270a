//! Fuzz target `decompose`: see `salescore_fuzz::decompose` (the same code replays crashers in the tests).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| salescore_fuzz::decompose(data));
