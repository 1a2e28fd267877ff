//! A small benchmark harness: contenders ("arms") run in interleaved,
//! individually timed batches, and each is reported as a median with its
//! spread and as a ratio to the first arm, the baseline.
//!
//! Hand-written rather than criterion: the issue asks for ratios measured in
//! the same run, which criterion does not compute, and criterion's
//! dependency tree (plotters, rayon, clap, ...) would dominate a clean build
//! of this crate's benchmarks.

use std::fmt;
use std::time::Duration;

/// How many batches to run, and how big each is.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Rounds run and thrown away first: cold caches, connection pools being
    /// filled, lazily initialised state.
    pub warmup_rounds: usize,
    /// Rounds measured; each runs every arm once.
    pub rounds: usize,
    /// Operations per batch. A batch is timed as a whole, so timer overhead
    /// and scheduling hiccups are spread over many operations.
    pub ops_per_batch: usize,
}

/// One contender: a name, and a function that runs one batch of
/// [`Plan::ops_per_batch`] operations and says how long it took. The
/// function times itself, so an async batch can be timed inside its task.
pub struct Arm<'a> {
    name: &'static str,
    run: Box<dyn FnMut() -> Duration + 'a>,
}

impl fmt::Debug for Arm<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Arm").field("name", &self.name).finish()
    }
}

impl<'a> Arm<'a> {
    /// An arm called `name` whose batches `run` runs.
    pub fn new(name: &'static str, run: impl FnMut() -> Duration + 'a) -> Self {
        Self {
            name,
            run: Box::new(run),
        }
    }
}

/// Runs `arms` round by round. Each round runs every arm once, starting from
/// the next arm each time (A B, B A, ... or A B C, B C A, C A B, ...), so
/// drift in machine load and any advantage of going first hit every arm
/// alike.
pub fn compare(title: &str, plan: Plan, mut arms: Vec<Arm<'_>>) -> Comparison {
    let count = arms.len();
    let mut per_op = vec![Vec::with_capacity(plan.rounds); count];
    for round in 0..plan.warmup_rounds + plan.rounds {
        for offset in 0..count {
            let arm = (round + offset) % count;
            let elapsed = (arms[arm].run)();
            if round >= plan.warmup_rounds {
                per_op[arm].push(elapsed.as_secs_f64() / plan.ops_per_batch as f64);
            }
        }
    }
    Comparison {
        title: title.to_owned(),
        plan,
        names: arms.iter().map(|arm| arm.name).collect(),
        per_op,
    }
}

/// The measurements of one [`compare`]; arm 0 is the baseline.
#[derive(Debug)]
pub struct Comparison {
    title: String,
    plan: Plan,
    names: Vec<&'static str>,
    /// Seconds per operation, per arm, one sample per measured round.
    per_op: Vec<Vec<f64>>,
}

/// A median with the middle half of the samples (25th to 75th percentile)
/// around it: robust to the odd batch a busy neighbour slowed down.
#[derive(Debug, Clone, Copy)]
pub struct Spread {
    /// The median.
    pub median: f64,
    /// The 25th percentile.
    pub p25: f64,
    /// The 75th percentile.
    pub p75: f64,
}

impl Spread {
    fn of(samples: &[f64]) -> Self {
        let mut sorted = samples.to_vec();
        sorted.sort_by(f64::total_cmp);
        let at = |quantile: f64| sorted[((sorted.len() - 1) as f64 * quantile).round() as usize];
        Self {
            median: at(0.5),
            p25: at(0.25),
            p75: at(0.75),
        }
    }
}

impl Comparison {
    /// Seconds per operation of `arm`.
    pub fn per_op(&self, arm: usize) -> Spread {
        Spread::of(&self.per_op[arm])
    }

    /// `arm`'s time per operation over the baseline's, round by round: the
    /// two batches of a round ran back to back, so their ratio cancels the
    /// slow drift of a shared machine that a ratio of medians would keep.
    pub fn ratio(&self, arm: usize) -> Spread {
        let ratios: Vec<f64> = self.per_op[arm]
            .iter()
            .zip(&self.per_op[0])
            .map(|(ours, baseline)| ours / baseline)
            .collect();
        Spread::of(&ratios)
    }

    /// Prints a table: per arm, time per operation, operations per second,
    /// and the ratio to the baseline.
    pub fn print(&self) {
        println!("\n== {}", self.title);
        println!(
            "   {} rounds x {} ops per arm after {} warm-up rounds; arms interleaved, order rotating",
            self.plan.rounds, self.plan.ops_per_batch, self.plan.warmup_rounds
        );
        let width = self.names.iter().map(|name| name.len()).max().unwrap_or(0);
        println!(
            "   {:width$}  {:>30}  {:>8}  {:>24}",
            "arm", "per op: median (p25-p75)", "ops/s", "ratio: median (p25-p75)"
        );
        for (arm, name) in self.names.iter().enumerate() {
            let time = self.per_op(arm);
            let ratio = if arm == 0 {
                "1 (baseline)".to_owned()
            } else {
                let ratio = self.ratio(arm);
                format!("{:.3} ({:.3}-{:.3})", ratio.median, ratio.p25, ratio.p75)
            };
            println!(
                "   {name:width$}  {:>30}  {:>8}  {ratio:>24}",
                format_time(time),
                format_rate(1.0 / time.median),
            );
        }
    }
}

/// `1.23 µs (1.20-1.31)`: all three in the median's unit.
fn format_time(time: Spread) -> String {
    let (scale, unit) = match time.median {
        s if s < 1e-6 => (1e9, "ns"),
        s if s < 1e-3 => (1e6, "µs"),
        _ => (1e3, "ms"),
    };
    format!(
        "{:.2} {unit} ({:.2}-{:.2})",
        time.median * scale,
        time.p25 * scale,
        time.p75 * scale
    )
}

/// `12.3k`: a rate with an SI suffix.
fn format_rate(per_second: f64) -> String {
    match per_second {
        r if r >= 1e6 => format!("{:.2}M", r / 1e6),
        r if r >= 1e3 => format!("{:.1}k", r / 1e3),
        r => format!("{r:.0}"),
    }
}
