//! Any bytes given to the decoder of each model the real upstream answers
//! with (a job, a run, an agent, a result, an uploaded file, a page of
//! runs, and v2's job and page of jobs): no panic, and whatever decodes re-encodes and decodes to the same
//! value. The first byte picks the model.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;

fn round_trip<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(bytes: &[u8]) {
    if let Ok(value) = serde_json::from_slice::<T>(bytes) {
        let encoded = serde_json::to_vec(&value).expect("a decoded model encodes");
        let again: T = serde_json::from_slice(&encoded).expect("an encoded model decodes");
        assert_eq!(again, value);
    }
}

fuzz_target!(|input: &[u8]| {
    let Some((pick, bytes)) = input.split_first() else {
        return;
    };
    match pick % 8 {
        0 => round_trip::<llama_cloud::ExtractJob>(bytes),
        1 => round_trip::<llama_cloud::ExtractRun>(bytes),
        2 => round_trip::<llama_cloud::ExtractAgent>(bytes),
        3 => round_trip::<llama_cloud::ExtractResult>(bytes),
        4 => round_trip::<llama_cloud::UploadedFile>(bytes),
        5 => round_trip::<llama_cloud::ExtractV2Job>(bytes),
        6 => round_trip::<llama_cloud::extract::ExtractJobsPage>(bytes),
        _ => round_trip::<llama_cloud_api::types::PaginatedExtractRunsResponse>(bytes),
    }
});
