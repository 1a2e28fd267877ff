//! Progress while waiting: a spinner on a terminal, plain lines otherwise.

use std::fmt::Display;
use std::io::{IsTerminal as _, Write as _};
use std::time::Duration;

pub struct Progress {
    spinner: bool,
}

impl Progress {
    pub fn new() -> Self {
        Self {
            spinner: std::io::stderr().is_terminal(),
        }
    }

    /// Awaits `next`, turning the spinner meanwhile.
    pub async fn tick_while<T>(&self, next: impl std::future::Future<Output = T>) -> T {
        if !self.spinner {
            return next.await;
        }
        futures::pin_mut!(next);
        let frames = ['|', '/', '-', '\\'];
        let mut ticker = tokio::time::interval(Duration::from_millis(120));
        let mut frame = 0;
        loop {
            tokio::select! {
                value = &mut next => return value,
                _ = ticker.tick() => {
                    eprint!("\r{} waiting for the job ", frames[frame % frames.len()]);
                    let _ = std::io::stderr().flush();
                    frame += 1;
                }
            }
        }
    }

    pub fn status(&self, id: impl Display, status: impl Display) {
        if self.spinner {
            eprint!("\r");
        }
        eprintln!("job {id} is {status}");
    }

    /// Follows `updates` to the end, showing each status change; the last
    /// job seen (`first` if the stream gave none).
    pub async fn follow<J, E>(
        &self,
        first: J,
        updates: impl futures::Stream<Item = Result<J, E>>,
        describe: impl Fn(&J) -> (String, String),
    ) -> Result<J, E> {
        use futures::TryStreamExt as _;

        futures::pin_mut!(updates);
        let mut last = first;
        while let Some(job) = self.tick_while(updates.try_next()).await? {
            let (id, status) = describe(&job);
            self.status(id, status);
            last = job;
        }
        self.finish();
        Ok(last)
    }

    pub fn finish(&self) {
        if self.spinner {
            eprint!("\r\x1b[K");
        }
    }
}

/// The error of a job that ended without success, with its reason.
pub fn ended_without_success(
    id: impl Display,
    status: impl Display,
    reason: Option<&str>,
) -> Box<dyn std::error::Error> {
    let reason = reason.unwrap_or("no reason given");
    format!("job {id} ended {status}: {reason}").into()
}
