#![no_main]
// See annals::fuzzing::import.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    annals::fuzzing::import(annals::fuzzing::ImportFormat::Markdown, data)
});
