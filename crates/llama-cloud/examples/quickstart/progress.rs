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

    pub fn finish(&self) {
        if self.spinner {
            eprint!("\r\x1b[K");
        }
    }
}
