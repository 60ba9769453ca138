#![no_main]
// See annals::fuzzing::date.
libfuzzer_sys::fuzz_target!(|data: &[u8]| annals::fuzzing::date(data));
