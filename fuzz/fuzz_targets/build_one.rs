#![no_main]
// See annals::fuzzing::build_one.
libfuzzer_sys::fuzz_target!(|data: &[u8]| annals::fuzzing::build_one(data));
