//! The fragment says everything the official Get Job page says: every field
//! of the job and what it nests, with its required-ness, format,
//! constraints, enum values and deprecation, and the page's example
//! response. `tests/fixtures/seed-get-job.json` holds the page's facts.
#![allow(clippy::unwrap_used)] // a test that cannot read its fixture should fail loudly

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

fn json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(path)).unwrap()).unwrap()
}

/// The schema a `$ref` names, or the schema itself.
fn deref<'a>(fragment: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.strip_prefix("#/components/schemas/").unwrap();
            &fragment["components"]["schemas"][name]
        }
        None => schema,
    }
}

/// `schema` and every schema it is made of (`$ref`, `allOf`, `anyOf`,
/// `oneOf`), for looking up a keyword wherever the fragment put it.
fn parts<'a>(fragment: &'a Value, schema: &'a Value, out: &mut Vec<&'a Value>) {
    let schema = deref(fragment, schema);
    out.push(schema);
    for key in ["allOf", "anyOf", "oneOf"] {
        for member in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            parts(fragment, member, out);
        }
    }
}

#[test]
fn the_fragment_says_everything_the_get_job_page_says() {
    let fragment = json("openapi/extraction.json");
    let seed = json("xtask/tests/fixtures/seed-get-job.json");
    let mut problems = Vec::new();
    for (schema_name, fields) in seed.as_object().unwrap() {
        if schema_name.starts_with('_') {
            continue;
        }
        let schema = &fragment["components"]["schemas"][schema_name];
        let required: BTreeSet<&str> = schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let properties = schema["properties"].as_object().unwrap();
        for (field, facts) in fields.as_object().unwrap() {
            let at = format!("{schema_name}.{field}");
            let Some(property) = properties.get(field) else {
                problems.push(format!("{at}: missing"));
                continue;
            };
            let mut all = Vec::new();
            parts(&fragment, property, &mut all);
            let seed_required = facts["required"].as_bool().unwrap_or(false);
            if required.contains(field.as_str()) != seed_required {
                problems.push(format!("{at}: required should be {seed_required}"));
            }
            if let Some(format) = facts.get("format")
                && !all.iter().any(|part| part.get("format") == Some(format))
            {
                problems.push(format!("{at}: format {format} missing"));
            }
            if let Some(name) = facts.get("ref").and_then(Value::as_str) {
                let target = format!("#/components/schemas/{name}");
                let mut refs = Vec::new();
                for key in ["allOf", "anyOf", "oneOf"] {
                    refs.extend(
                        property
                            .get(key)
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten(),
                    );
                }
                refs.push(property);
                if !refs
                    .iter()
                    .any(|r| r.get("$ref").and_then(Value::as_str) == Some(&target))
                {
                    problems.push(format!("{at}: should be a {name}"));
                }
            }
            if facts["deprecated"].as_bool() == Some(true)
                && property.get("deprecated") != Some(&Value::Bool(true))
            {
                problems.push(format!("{at}: not deprecated"));
            }
            for keyword in ["minimum", "minLength", "maxLength"] {
                if let Some(bound) = facts.get(keyword).and_then(Value::as_f64) {
                    let found = all
                        .iter()
                        .any(|part| part.get(keyword).and_then(Value::as_f64) == Some(bound));
                    if !found {
                        problems.push(format!("{at}: {keyword} {bound} missing"));
                    }
                }
            }
            if let Some(values) = facts.get("enum").and_then(Value::as_array) {
                let offered: Vec<&Value> = all
                    .iter()
                    .filter_map(|part| part.get("enum").and_then(Value::as_array))
                    .flatten()
                    .collect();
                for value in values {
                    if !offered.contains(&value) {
                        problems.push(format!("{at}: enum value {value} missing"));
                    }
                }
                if facts["open"].as_bool() == Some(true) {
                    let open = all.iter().any(|part| {
                        part.get("type").and_then(Value::as_str) == Some("string")
                            && part.get("enum").is_none()
                    });
                    if !open {
                        problems.push(format!("{at}: should also take any string"));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_get_job_example_is_the_pages() {
    let fragment = json("openapi/extraction.json");
    let example = &fragment["paths"]["/api/v1/extraction/jobs/{job_id}"]["get"]["responses"]["200"]
        ["content"]["application/json"]["example"];
    assert_eq!(*example, json("openapi/examples/get-job.json"));
    assert_eq!(
        example["extraction_agent"]["config"]["page_range"],
        "page_range"
    );
}
