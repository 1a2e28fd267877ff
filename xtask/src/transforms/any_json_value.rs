//! `any_json_value`: a union of every JSON type → `{}` (any value).
//!
//! FastAPI writes a field typed `Dict[str, Any]`-like values as
//! `anyOf: [object, array, string, number, boolean]` (plus null). typify
//! renders that union as a struct of flattened options that cannot hold a
//! plain string or number. The union accepts every JSON value, which is what
//! `{}` says and what typify maps to `serde_json::Value`.

use serde_json::Value;

use crate::spec::visit_objects;

/// The JSON types whose union means "any value" (null is covered by
/// `nullable` or ignored: `{}` accepts it too).
const ALL_TYPES: [&str; 5] = ["object", "array", "string", "number", "boolean"];

/// Replaces every schema whose `anyOf` covers all JSON types with `{}`,
/// keeping its description.
pub fn any_json_value(spec: &mut Value) -> anyhow::Result<()> {
    visit_objects(spec, &mut |schema| {
        let covers_all = schema
            .get("anyOf")
            .and_then(Value::as_array)
            .is_some_and(|members| covers_every_type(members));
        if covers_all {
            schema.retain(|key, _| key == "description" || key == "title");
        }
    });
    Ok(())
}

fn covers_every_type(members: &[Value]) -> bool {
    let types: Vec<&str> = members
        .iter()
        .filter_map(|member| member.get("type").and_then(Value::as_str))
        .collect();
    let only_unconstrained = members.iter().all(|member| {
        member.as_object().is_some_and(|m| {
            m.keys()
                .all(|k| matches!(k.as_str(), "type" | "items" | "additionalProperties"))
        })
    });
    only_unconstrained && ALL_TYPES.iter().all(|t| types.contains(t))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::any_json_value;

    #[test]
    fn union_of_all_types_becomes_any_value() {
        let mut spec = json!({"additionalProperties": {
            "anyOf": [
                {"type": "object", "additionalProperties": true},
                {"type": "array", "items": {}},
                {"type": "string"},
                {"type": "number"},
                {"type": "boolean"}
            ],
            "nullable": true
        }});
        any_json_value(&mut spec).unwrap();
        assert_eq!(spec, json!({"additionalProperties": {}}));
    }

    #[test]
    fn partial_or_constrained_unions_are_left_alone() {
        for untouched in [
            json!({"anyOf": [{"type": "string"}, {"type": "number"}]}),
            json!({"anyOf": [
                {"type": "object"}, {"type": "array"}, {"type": "string", "maxLength": 3},
                {"type": "number"}, {"type": "boolean"}
            ]}),
        ] {
            let mut spec = untouched.clone();
            any_json_value(&mut spec).unwrap();
            assert_eq!(spec, untouched);
        }
    }
}
