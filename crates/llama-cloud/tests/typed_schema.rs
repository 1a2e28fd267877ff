//! From a Rust type to the `data_schema` LlamaExtract accepts, and from the
//! extracted data back to the type.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use llama_cloud::{DataAs as _, DataSchema, Error, ExtractResult};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

/// An invoice, as printed.
#[derive(Debug, PartialEq, JsonSchema, Deserialize)]
struct Invoice {
    /// The invoice number.
    number: String,
    /// The total, tax included.
    total: f64,
    /// Who is billed, when printed.
    customer: Option<String>,
    /// One entry per line item.
    lines: Vec<Line>,
    status: Status,
}

/// One line of an invoice.
#[derive(Debug, PartialEq, JsonSchema, Deserialize)]
struct Line {
    /// What was sold.
    description: String,
    /// The line's amount.
    amount: f64,
}

/// Whether the invoice is paid.
#[derive(Debug, PartialEq, JsonSchema, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    Paid,
    Open,
}

/// A tree: recursive, so it cannot be inlined.
#[derive(JsonSchema)]
struct Node {
    children: Vec<Node>,
}

fn schema_json<T: JsonSchema>() -> Value {
    Value::Object(DataSchema::for_type::<T>().unwrap().into_object().unwrap())
}

#[test]
fn a_struct_becomes_a_self_contained_object_schema() {
    let schema = schema_json::<Invoice>();
    let text = schema.to_string();
    assert!(
        !text.contains("$ref") && !text.contains("definitions") && !text.contains("$schema"),
        "{text}"
    );
    assert_eq!(
        schema["properties"]["lines"]["items"]["properties"]["amount"]["description"],
        "The line's amount."
    );
    assert_eq!(
        schema["properties"]["customer"]["anyOf"],
        json!([{"type": "string"}, {"type": "null"}])
    );
    insta::assert_json_snapshot!(schema);
}

#[test]
fn recursive_and_non_object_types_are_refused() {
    let error = DataSchema::for_type::<Node>().unwrap_err();
    assert_eq!(error.field(), "data_schema");
    assert!(error.rule().contains("recursive"), "{error}");
    for error in [
        DataSchema::for_type::<Vec<Invoice>>().unwrap_err(),
        DataSchema::for_type::<String>().unwrap_err(),
        DataSchema::for_type::<Status>().unwrap_err(),
    ] {
        assert!(error.rule().contains("must be a JSON object"), "{error}");
    }
}

fn result(data: Value) -> ExtractResult {
    serde_json::from_value(json!({
        "data": data,
        "extraction_agent_id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
        "extraction_metadata": {},
        "run_id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
    }))
    .unwrap()
}

fn invoice_json(total: Value) -> Value {
    json!({
        "number": "F-17", "total": total, "customer": null, "status": "paid",
        "lines": [{"description": "widgets", "amount": 40.0}, {"description": "shipping", "amount": 2.0}]
    })
}

#[test]
fn per_doc_data_decodes_into_the_struct() {
    let invoice: Invoice = result(invoice_json(json!(42.0))).data_as().unwrap();
    assert_eq!(invoice.number, "F-17");
    assert_eq!(invoice.lines.len(), 2);
    assert_eq!(invoice.status, Status::Paid);
}

#[test]
fn per_page_data_decodes_into_a_list() {
    let pages: Vec<Invoice> = result(json!([invoice_json(json!(1.0)), invoice_json(json!(2.0))]))
        .data_as()
        .unwrap();
    assert_eq!(
        pages.iter().map(|i| i.total).collect::<Vec<_>>(),
        [1.0, 2.0]
    );
}

#[test]
fn a_field_that_does_not_fit_is_named_by_its_path() {
    let mut data = invoice_json(json!(42.0));
    data["lines"][1]["amount"] = json!("2 EUR");
    let error = result(data).data_as::<Invoice>().unwrap_err();
    let Error::Data { path, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(path, "lines[1].amount");
    insta::assert_snapshot!(error.to_string().replace("typed_schema::", ""), @r#"the extracted data does not fit Invoice at `lines[1].amount`: invalid type: string "2 EUR", expected f64"#);

    let error = result(Value::Null).data_as::<Invoice>().unwrap_err();
    assert!(
        error.to_string().ends_with("the result has no data"),
        "{error}"
    );
}
