//! Any string given to `PageRange` parsing: no panic, and an accepted range
//! re-parses from its canonical text to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use llama_cloud::PageRange;

fuzz_target!(|input: &str| {
    if let Ok(range) = input.parse::<PageRange>() {
        let canonical = range.to_string();
        let again: PageRange = canonical.parse().expect("a canonical range re-parses");
        assert_eq!(again, range);
        assert_eq!(again.to_string(), canonical);
    }
});
