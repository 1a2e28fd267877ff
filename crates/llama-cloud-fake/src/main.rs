//! `llama-cloud-fake`: the fake Extraction API as a process, seeded with the
//! documentation's example job (and its agent and file), for trying the SDK (or any
//! client) by hand.

use std::process::ExitCode;

use llama_cloud_fake::{DEFAULT_API_KEY, FakeError, FakeServer, Uuid};

const USAGE: &str = "\
Usage: llama-cloud-fake [--port N] [--api-key KEY]

Serves a fake LlamaCloud Extraction API on 127.0.0.1, seeded with the example
job 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e, its agent and its file (which have
the same id). Prints the base URL and the accepted key as
LLAMA_CLOUD_BASE_URL=... and LLAMA_CLOUD_API_KEY=... lines on stdout.
Stops on Ctrl-C or SIGTERM.

Options:
  --port N         port to listen on (default 0: any free port)
  --api-key KEY    key to accept as `Authorization: Bearer KEY`
                   (default llx-fake-test-key)
  -h, --help       print this help";

#[derive(Debug)]
struct Options {
    port: u16,
    api_key: String,
}

/// `None` when help was asked for.
fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut options = Options {
        port: 0,
        api_key: DEFAULT_API_KEY.to_owned(),
    };
    while let Some(arg) = args.next() {
        // Both `--flag value` and `--flag=value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (arg, None),
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--port" | "--api-key" => {
                let value = inline
                    .or_else(|| args.next())
                    .ok_or_else(|| format!("{flag} needs a value"))?;
                if flag == "--port" {
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
    server.shutdown().await;
    eprintln!("llama-cloud-fake: stopped ({stopped_by})");
    ExitCode::SUCCESS
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
    }
}
