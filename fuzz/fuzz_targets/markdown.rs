#![no_main]
// See annals::fuzzing::markdown.
libfuzzer_sys::fuzz_target!(|data: &[u8]| annals::fuzzing::markdown(data));
