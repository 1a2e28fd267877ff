//! The document type both flows extract, and how it is printed.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An invoice: what the job extracts. Doc comments become the schema's
/// descriptions, which guide the model.
#[derive(Debug, JsonSchema, Deserialize, Serialize)]
pub struct Invoice {
    /// The invoice number, as printed (for example "F-2024-017").
    number: String,
    /// The invoice date, as printed.
    date: String,
    /// The name of the billed customer.
    customer: String,
    /// The line items.
    lines: Vec<Line>,
    /// The total amount, tax included.
    total: f64,
    /// The currency code of the total, such as "EUR".
    currency: String,
}

/// One line item of an invoice.
#[derive(Debug, JsonSchema, Deserialize, Serialize)]
struct Line {
    /// What was sold.
    description: String,
    /// The line's amount.
    amount: f64,
}

/// What the bundled invoice says, for the fake to answer with: it cannot read
/// documents, and answers placeholders shaped by the schema unless told.
pub fn sample() -> serde_json::Value {
    serde_json::json!({
        "number": "F-2024-017",
        "date": "2024-03-14",
        "customer": "Globex Corporation",
        "lines": [
            {"description": "Widget, large", "amount": 40.0},
            {"description": "Shipping", "amount": 2.0}
        ],
        "total": 42.0,
        "currency": "EUR"
    })
}

impl Invoice {
    /// Whether nothing of an invoice was found: every field empty.
    fn is_empty(&self) -> bool {
        self.number.is_empty()
            && self.customer.is_empty()
            && self.lines.is_empty()
            && self.total == 0.0
    }
}

/// Says why an invoice came back empty, when it did: otherwise a document
/// that is no invoice (or a fake's placeholders) just prints blanks.
pub fn explain_if_empty(invoice: &Invoice, source: &str) {
    if invoice.is_empty() {
        eprintln!(
            "note: no invoice field was found in {source}: the document may not be an invoice, \
             or hold text the service could not read (a scan without a text layer, say). \
             A fake server answers placeholders (empty strings, zeros) unless a test sets the \
             result."
        );
    }
}

pub fn print(invoice: &Invoice) {
    println!("invoice      {} of {}", invoice.number, invoice.date);
    println!("customer     {}", invoice.customer);
    for line in &invoice.lines {
        println!(
            "  {:<40} {:>10.2} {}",
            line.description, line.amount, invoice.currency
        );
    }
    println!("total        {:.2} {}", invoice.total, invoice.currency);
}
