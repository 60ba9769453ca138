#![no_main]
// See annals::fuzzing::event_file.
libfuzzer_sys::fuzz_target!(|data: &[u8]| annals::fuzzing::event_file(data));
