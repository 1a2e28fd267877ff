//! What `run` shows while it works: progress bars on a terminal, a plain
//! line per finished document otherwise; and the summary at the end.

use std::io::IsTerminal as _;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use llama_cloud::batch::{BatchItem, Progress};

pub enum Display {
    Bar(ProgressBar),
    Lines,
}

impl Display {
    /// Bars when stderr is a terminal.
    pub fn new(total: u64) -> Self {
        if !std::io::stderr().is_terminal() {
            return Self::Lines;
        }
        let bar = ProgressBar::new(total);
        let style = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(120));
        Self::Bar(bar)
    }

    /// The counts changed.
    pub fn counts(&self, progress: &Progress) {
        if let Self::Bar(bar) = self {
            bar.set_position((progress.done + progress.failed + progress.skipped) as u64);
            bar.set_message(format!(
                "queued {} · uploaded {} · running {} · done {} · failed {}",
                progress.queued,
                progress.uploaded,
                progress.running,
                progress.done,
                progress.failed
            ));
        }
    }

    /// A document finished.
    pub fn item(&self, item: &BatchItem) {
        let line = match &item.result {
            Ok(extracted) => format!("done    {} ({})", item.source, extracted.job),
            Err(error) => format!("failed  {}: {error}", item.source),
        };
        match self {
            Self::Bar(bar) => bar.println(line),
            Self::Lines => eprintln!("{line}"),
        }
    }

    pub fn finish(&self) {
        if let Self::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// The last line: what was done, failed and skipped, in how long.
pub fn summary(progress: &Progress, took: Duration) -> String {
    format!(
        "{} documents: {} done, {} failed, {} skipped (done before) in {:.1} s",
        progress.total,
        progress.done,
        progress.failed,
        progress.skipped,
        took.as_secs_f64()
    )
}
