//! `LLAMA_CLOUD_LOG=info|debug`, as the official clients read it, on stderr:
//! `info` shows each retry, `debug` also every request (as its span closes)
//! and every poll.

use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

pub fn init_from_env() {
    let Ok(value) = std::env::var("LLAMA_CLOUD_LOG") else {
        return;
    };
    let level = match value.trim().to_ascii_lowercase().as_str() {
        "" | "off" => return,
        "error" => LevelFilter::ERROR,
        "warn" => LevelFilter::WARN,
        "info" => LevelFilter::INFO,
        "debug" => LevelFilter::DEBUG,
        "trace" => LevelFilter::TRACE,
        _ => {
            eprintln!("LLAMA_CLOUD_LOG={value:?} is not a level: use info or debug");
            return;
        }
    };
    let _ = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE),
        )
        .with(
            Targets::new()
                .with_target("llama_cloud", level)
                .with_target("llama_cloud_core", level),
        )
        .try_init();
}
