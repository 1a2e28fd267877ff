//! Any bytes given to the job decoder: no panic, and a decoded job re-encodes
//! and decodes to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use llama_cloud::ExtractJob;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(job) = serde_json::from_slice::<ExtractJob>(bytes) {
        let encoded = serde_json::to_vec(&job).expect("a decoded job encodes");
        let again: ExtractJob = serde_json::from_slice(&encoded).expect("an encoded job decodes");
        assert_eq!(again, job);
    }
});
