//! `LLAMA_CLOUD_LOG=info|debug`, as the official clients read it, on stderr:
//! `info` shows each retry and its wait, `debug` also every request (its
//! `llama_cloud.request` span as it closes: method, path template, attempt,
//! status, duration) and every poll. The library never installs a
//! subscriber; an application does, as here.

use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

/// Installs a stderr subscriber for the SDK's crates when `LLAMA_CLOUD_LOG`
/// names a level; says so when it names none this understands.
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
    let targets = Targets::new()
        .with_target("llama_cloud", level)
        .with_target("llama_cloud_core", level);
    let _ = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE),
        )
        .with(targets)
        .try_init();
}
