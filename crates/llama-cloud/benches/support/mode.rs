//! Whether this run measures (`cargo bench`) or only checks that the
//! benchmark works (`cargo test --benches`, `--all-targets`).

/// How much work a benchmark binary does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `cargo bench`: the full, measured run.
    Bench,
    /// Any other invocation: a few iterations, so that `cargo test
    /// --all-targets` exercises the code in seconds without timing it.
    Smoke,
}

impl Mode {
    /// `cargo bench` passes `--bench` to `harness = false` targets; `cargo
    /// test` does not, which is how criterion tells the two apart too.
    pub fn from_args() -> Self {
        if std::env::args().any(|arg| arg == "--bench") {
            Mode::Bench
        } else {
            println!("smoke run (no --bench argument): the numbers below mean nothing");
            Mode::Smoke
        }
    }

    /// `bench` in a measured run, `smoke` otherwise.
    pub fn pick(self, bench: usize, smoke: usize) -> usize {
        match self {
            Mode::Bench => bench,
            Mode::Smoke => smoke,
        }
    }
}
