//! `llama-cloud-fake`: the fake Extraction API as a process, seeded with the
//! documentation's example job (and its agent and file), for trying the SDK (or any
//! client) by hand.

use std::process::ExitCode;

use std::time::Duration;

use llama_cloud_fake::{DEFAULT_API_KEY, FakeError, FakeServer, Operation, Outcome, Script, Uuid};

const USAGE: &str = "\
Usage: llama-cloud-fake [--port N] [--api-key KEY] [--jobs-take MIN..MAX] [--request-log N]

Serves a fake LlamaCloud Extraction API on 127.0.0.1, seeded with the example
job 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e, its agent and its file (which have
the same id). Prints the base URL and the accepted key as
LLAMA_CLOUD_BASE_URL=... and LLAMA_CLOUD_API_KEY=... lines on stdout.
Stops on Ctrl-C or SIGTERM, saying on stderr how many requests it served, by
operation (a JSON object after `llama-cloud-fake: served `).

Options:
  --port N         port to listen on (default 0: any free port)
  --api-key KEY    key to accept as `Authorization: Bearer KEY`
                   (default llx-fake-test-key)
  --jobs-take MIN..MAX
                   jobs created through the API stay pending for a time
                   drawn per job between MIN and MAX (such as 1s..30s or
                   200ms..2s), then succeed (default: pending for one poll)
  --request-log N  how many requests to keep for the count by operation
                   (default 4096; the total counts every request)
  -h, --help       print this help";

#[derive(Debug)]
struct Options {
    port: u16,
    api_key: String,
    /// How long created jobs stay pending, when not the default script's.
    jobs_take: Option<(Duration, Duration)>,
    /// How many requests the log keeps.
    request_log: usize,
}

/// `None` when help was asked for.
fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut options = Options {
        port: 0,
        api_key: DEFAULT_API_KEY.to_owned(),
        jobs_take: None,
        request_log: llama_cloud_fake::DEFAULT_REQUEST_LOG_CAPACITY,
    };
    while let Some(arg) = args.next() {
        // Both `--flag value` and `--flag=value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (arg, None),
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--port" | "--api-key" | "--jobs-take" | "--request-log" => {
                let value = inline
                    .or_else(|| args.next())
                    .ok_or_else(|| format!("{flag} needs a value"))?;
                if flag == "--jobs-take" {
                    options.jobs_take = Some(duration_range(&value)?);
                } else if flag == "--request-log" {
                    options.request_log = value
                        .parse()
                        .map_err(|_| format!("--request-log: {value:?} is not a count"))?;
                } else if flag == "--port" {
                    options.port = value
                        .parse()
                        .map_err(|_| format!("--port: {value:?} is not a port number"))?;
                } else if value.is_empty() {
                    return Err("--api-key: the key cannot be empty".to_owned());
                } else {
                    options.api_key = value;
                }
            }
            _ => return Err(format!("unexpected argument {flag:?}")),
        }
    }
    Ok(Some(options))
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("llama-cloud-fake: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let server = match FakeServer::builder()
        .api_key(options.api_key)
        .port(options.port)
        .request_log_capacity(options.request_log)
        .start()
        .await
    {
        Ok(server) => server,
        Err(error) => {
            eprintln!(
                "llama-cloud-fake: cannot listen on port {}: {error}",
                options.port
            );
            return ExitCode::FAILURE;
        }
    };
    if let Some((shortest, longest)) = options.jobs_take {
        server.set_default_script(Script::after_between(shortest, longest, Outcome::Success));
    }
    let seeded = match seed(&server) {
        Ok(id) => id,
        Err(error) => {
            eprintln!("llama-cloud-fake: cannot seed the example job: {error}");
            return ExitCode::FAILURE;
        }
    };
    let stop = match stop_signals() {
        Ok(stop) => stop,
        Err(error) => {
            eprintln!("llama-cloud-fake: cannot listen for signals: {error}");
            return ExitCode::FAILURE;
        }
    };
    // stdout carries only these two lines, so scripts can read them; Rust flushes
    // stdout at each newline, so they arrive while the server runs.
    println!("LLAMA_CLOUD_BASE_URL={}", server.base_url());
    println!("LLAMA_CLOUD_API_KEY={}", server.api_key());
    eprintln!(
        "llama-cloud-fake: serving job {seeded} at {}/api/v1/extraction/jobs/{seeded}; Ctrl-C to stop",
        server.base_url()
    );
    let stopped_by = stop.await;
    eprintln!("llama-cloud-fake: served {}", served(&server));
    server.shutdown().await;
    eprintln!("llama-cloud-fake: stopped ({stopped_by})");
    ExitCode::SUCCESS
}

/// How many requests reached the server: in all, and by operation among
/// those the log kept (`forgotten` says how many it did not).
fn served(server: &FakeServer) -> serde_json::Value {
    let requests = server.requests();
    let mut by_operation = serde_json::Map::new();
    for operation in Operation::ALL {
        let count = requests
            .iter()
            .filter(|request| operation.matches(&request.method, &request.path))
            .count();
        if count > 0 {
            by_operation.insert(operation.operation_id().to_owned(), count.into());
        }
    }
    let forgotten = server.requests_forgotten();
    serde_json::json!({
        "total": requests.len() as u64 + forgotten,
        "forgotten": forgotten,
        "by_operation": by_operation,
    })
}

/// `MIN..MAX`, each a number of `s` or `ms`.
fn duration_range(text: &str) -> Result<(Duration, Duration), String> {
    let invalid = || format!("--jobs-take: {text:?} is not MIN..MAX, such as 1s..30s");
    let (low, high) = text.split_once("..").ok_or_else(invalid)?;
    let one = |part: &str| {
        let (number, scale) = match part.strip_suffix("ms") {
            Some(number) => (number, 1),
            None => (part.strip_suffix('s').ok_or_else(invalid)?, 1000),
        };
        let number: u64 = number.parse().map_err(|_| invalid())?;
        Ok::<_, String>(Duration::from_millis(number.saturating_mul(scale)))
    };
    Ok((one(low)?, one(high)?))
}

/// The example job, and its agent and file as agents and files of their own, so that
/// every operation can be tried on them.
fn seed(server: &FakeServer) -> Result<Uuid, FakeError> {
    let id = server.seed_example_job()?;
    if let Some(job) = server.job(id) {
        server.insert_agent(job["extraction_agent"].clone())?;
        server.insert_file(job["file"].clone())?;
    }
    Ok(id)
}

/// Starts listening for SIGINT (Ctrl-C) and SIGTERM; the future says which came.
///
/// Listening starts before the base URL is printed: a script that signals as soon as
/// it has read the URL must not meet the default action, which kills the process
/// before the server can stop cleanly.
#[cfg(unix)]
fn stop_signals() -> std::io::Result<impl Future<Output = &'static str>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => "interrupt",
            _ = terminate.recv() => "terminate",
        }
    })
}

/// Ctrl-C only, off Unix.
#[cfg(not(unix))]
fn stop_signals() -> std::io::Result<impl Future<Output = &'static str>> {
    Ok(async {
        match tokio::signal::ctrl_c().await {
            Ok(()) => "interrupt",
            Err(_) => "no signal handler",
        }
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::parse;

    fn args(list: &[&str]) -> impl Iterator<Item = String> {
        list.iter()
            .map(|s| (*s).to_owned())
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn parses_flags_in_both_forms() {
        let options = parse(args(&["--port", "8080", "--api-key=k"]))
            .unwrap()
            .unwrap();
        assert_eq!(options.port, 8080);
        assert_eq!(options.api_key, "k");
        let defaults = parse(args(&[])).unwrap().unwrap();
        assert_eq!(defaults.port, 0);
        assert_eq!(defaults.api_key, "llx-fake-test-key");
    }

    #[test]
    fn help_and_errors() {
        assert!(parse(args(&["--help"])).unwrap().is_none());
        assert!(parse(args(&["-h"])).unwrap().is_none());
        assert!(parse(args(&["--port"])).is_err());
        assert!(parse(args(&["--port", "http"])).is_err());
        assert!(parse(args(&["--api-key="])).is_err());
        assert!(parse(args(&["--verbose"])).is_err());
        assert!(parse(args(&["--jobs-take", "30"])).is_err());
        assert!(parse(args(&["--jobs-take", "1s..x"])).is_err());
    }

    #[test]
    fn job_durations_read_seconds_and_milliseconds() {
        let options = parse(args(&["--jobs-take=200ms..3s"])).unwrap().unwrap();
        assert_eq!(
            options.jobs_take,
            Some((Duration::from_millis(200), Duration::from_secs(3)))
        );
    }
}
