//! Fuzz target `pace`: see `salescore_fuzz::pace` (the same code replays crashers in the tests).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| salescore_fuzz::pace(data));
