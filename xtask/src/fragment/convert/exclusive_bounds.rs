//! `exclusive_bounds`: numeric `exclusiveMinimum`/`exclusiveMaximum` → 3.0's
//! `minimum`/`maximum` with a boolean flag.
//!
//! In 3.1 (JSON Schema 2020-12) `exclusiveMinimum: 0` is the bound itself;
//! in 3.0 it is `minimum: 0, exclusiveMinimum: true`. Pydantic writes the
//! numeric form for `gt=`/`lt=`. For integers the bound becomes the
//! inclusive one next to it (`> 0` is `>= 1`), which says exactly the same
//! and is what the generator understands (`minimum: 1` is a `NonZeroU64`).
//! When an inclusive bound is also given, the tighter of the two is kept.

use serde_json::{Map, Number, Value};

use crate::spec::visit_schemas;

/// Which side a bound is on.
#[derive(Clone, Copy)]
enum Side {
    Lower,
    Upper,
}

/// Rewrites every numeric exclusive bound.
pub fn exclusive_bounds(document: &mut Value) -> anyhow::Result<()> {
    visit_schemas(document, &mut |_, schema| {
        rewrite(schema, Side::Lower);
        rewrite(schema, Side::Upper);
    });
    Ok(())
}

fn rewrite(schema: &mut Map<String, Value>, side: Side) {
    let (exclusive_key, inclusive_key) = match side {
        Side::Lower => ("exclusiveMinimum", "minimum"),
        Side::Upper => ("exclusiveMaximum", "maximum"),
    };
    let Some(Value::Number(exclusive)) = schema.get(exclusive_key).cloned() else {
        return;
    };
    schema.remove(exclusive_key);
    let inclusive = schema.get(inclusive_key).and_then(Value::as_f64);
    let is_integer = schema.get("type").and_then(Value::as_str) == Some("integer");
    if is_integer && let Some(bound) = exclusive.as_i64() {
        let next = match side {
            Side::Lower => bound.checked_add(1),
            Side::Upper => bound.checked_sub(1),
        };
        if let Some(next) = next {
            if inclusive.is_none_or(|inclusive| tighter(side, next as f64, inclusive)) {
                schema.insert(inclusive_key.to_owned(), Value::Number(Number::from(next)));
            }
            return;
        }
    }
    let bound = exclusive.as_f64().unwrap_or_default();
    // An inclusive bound beyond the exclusive one makes the exclusive one
    // moot; otherwise the exclusive one is the limit.
    if inclusive.is_some_and(|inclusive| tighter(side, inclusive, bound)) {
        return;
    }
    schema.insert(inclusive_key.to_owned(), Value::Number(exclusive));
    schema.insert(exclusive_key.to_owned(), Value::Bool(true));
}

/// Whether bound `a` excludes more than bound `b` on `side`.
fn tighter(side: Side, a: f64, b: f64) -> bool {
    match side {
        Side::Lower => a > b,
        Side::Upper => a < b,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::exclusive_bounds;

    fn converted(schema: Value) -> Value {
        let mut document = json!({"components": {"schemas": {"A": schema}}});
        exclusive_bounds(&mut document).unwrap();
        document["components"]["schemas"]["A"].take()
    }

    #[test]
    fn integers_get_the_inclusive_bound_next_to_it() {
        assert_eq!(
            converted(json!({"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 101})),
            json!({"type": "integer", "minimum": 1, "maximum": 100})
        );
        assert_eq!(
            converted(json!({"type": "integer", "exclusiveMinimum": 0, "minimum": 5})),
            json!({"type": "integer", "minimum": 5})
        );
    }

    #[test]
    fn numbers_get_the_three_zero_flag() {
        assert_eq!(
            converted(json!({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1.5})),
            json!({"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 1.5, "exclusiveMaximum": true})
        );
        assert_eq!(
            converted(json!({"type": "number", "exclusiveMinimum": 0, "minimum": 2})),
            json!({"type": "number", "minimum": 2})
        );
        assert_eq!(
            converted(json!({"type": "number", "exclusiveMaximum": 1, "maximum": 2})),
            json!({"type": "number", "maximum": 1, "exclusiveMaximum": true})
        );
    }

    #[test]
    fn three_zero_flags_are_left_alone() {
        let untouched = json!({"type": "number", "minimum": 0, "exclusiveMinimum": true});
        assert_eq!(converted(untouched.clone()), untouched);
    }
}
