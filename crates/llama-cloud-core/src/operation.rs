//! [`Operation`]: what the runtime knows of each operation of the contract,
//! from the table `cargo xtask codegen` emits in the generated client.

/// One operation of the contract: its id, method and path template (what
/// traces and errors name, never the ids in the URL), and the query
/// parameters it takes (so that client-wide ones, a project say, are sent
/// only where the contract has them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The `operationId`.
    pub id: &'static str,
    /// The HTTP method, upper case.
    pub method: &'static str,
    /// The OpenAPI path template.
    pub path: &'static str,
    /// The names of the query parameters it takes.
    pub query: &'static [&'static str],
}

impl Operation {
    /// An operation the contract does not have: no path to name, no query
    /// parameter.
    pub const UNKNOWN: Self = Self {
        id: "",
        method: "",
        path: "",
        query: &[],
    };

    /// Whether it takes the query parameter `name`.
    pub fn takes(&self, name: &str) -> bool {
        self.query.contains(&name)
    }
}
