//! Property tests: no JSON value, and no byte string, makes the job decoder
//! panic; whatever decodes re-encodes and decodes again to the same job.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use llama_cloud::ExtractJob;
use proptest::prelude::*;
use serde_json::{Value, json};

/// The example response of the official Get Job page (the fake's fixture,
/// which its own tests hold equal to the fragment's example).
fn seed() -> Value {
    serde_json::from_str(llama_cloud_fake::SEED_JOB_JSON).unwrap()
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        Just(json!("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e")),
        Just(json!("2019-12-27T18:11:19.117Z")),
        Just(json!("SUCCESS")),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Every (parent path, key) of the seed job's objects, to mutate one.
fn seed_paths() -> Vec<Vec<String>> {
    fn walk(value: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        if let Value::Object(map) = value {
            for (key, child) in map {
                path.push(key.clone());
                out.push(path.clone());
                walk(child, path, out);
                path.pop();
            }
        }
    }
    let mut out = Vec::new();
    walk(&seed(), &mut Vec::new(), &mut out);
    out
}

fn check(value: &Value) {
    if let Ok(job) = serde_json::from_value::<ExtractJob>(value.clone()) {
        let encoded = serde_json::to_value(&job).unwrap();
        let again: ExtractJob = serde_json::from_value(encoded).unwrap();
        assert_eq!(again, job);
    }
}

proptest! {
    #[test]
    fn any_json_value_decodes_or_errors(value in any_json()) {
        check(&value);
    }

    #[test]
    fn the_seed_with_one_field_replaced_decodes_or_errors(
        index in any::<prop::sample::Index>(),
        replacement in any_json(),
        remove in any::<bool>(),
    ) {
        let paths = seed_paths();
        let path = index.get(&paths);
        let mut value = seed();
        let (last, parents) = path.split_last().unwrap();
        let mut target = &mut value;
        for key in parents {
            target = &mut target[key.as_str()];
        }
        let object = target.as_object_mut().unwrap();
        if remove {
            object.remove(last);
        } else {
            object.insert(last.clone(), replacement);
        }
        check(&value);
    }

    #[test]
    fn any_bytes_decode_or_error(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = serde_json::from_slice::<ExtractJob>(&bytes);
    }
}
