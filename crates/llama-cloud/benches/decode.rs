//! CPU-only costs, each against a plain baseline measured in the same run:
//! decoding the seed example job into our models against
//! `serde_json::Value`, and parsing a long page-range list.
//!
//! `cargo bench -p llama-cloud --bench decode`; see BENCHMARKS.md.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark whose inputs stop parsing should stop, loudly"
)]

mod support {
    pub mod harness;
    pub mod mode;
}

use std::hint::black_box;
use std::time::{Duration, Instant};

use llama_cloud::{ExtractJob, PageRange};
use llama_cloud_fake::SEED_JOB_JSON;

use support::harness::{Arm, Plan, compare};
use support::mode::Mode;

fn main() {
    let mode = Mode::from_args();
    decode_seed_job(mode);
    parse_page_range(mode);
}

/// The seed example job's bytes, decoded as the baseline, as the client
/// decodes a success body, and as it decodes one that fails.
fn decode_seed_job(mode: Mode) {
    let body = SEED_JOB_JSON.as_bytes();
    let ops = mode.pick(5_000, 10);
    let plan = Plan {
        warmup_rounds: 3,
        rounds: mode.pick(31, 2),
        ops_per_batch: ops,
    };
    let comparison = compare(
        &format!("decode the seed example job ({} bytes)", body.len()),
        plan,
        vec![
            Arm::new("serde_json::Value [baseline]", || {
                timed(ops, || {
                    black_box(
                        serde_json::from_slice::<serde_json::Value>(black_box(body)).unwrap(),
                    );
                })
            }),
            Arm::new("ExtractJob, serde_json::from_slice [client]", || {
                timed(ops, || {
                    black_box(serde_json::from_slice::<ExtractJob>(black_box(body)).unwrap());
                })
            }),
            Arm::new("ExtractJob, serde_path_to_error [client, errors]", || {
                timed(ops, || {
                    black_box(decode_tracked(black_box(body)));
                })
            }),
        ],
    );
    comparison.print();
}

/// The second, tracked pass of the client's `transport::decode`
/// (crate-private, hence this copy): serde_path_to_error over serde_json, so
/// the error can name the JSON path, then a check that nothing follows the
/// value. The client runs it only on a body the untracked pass
/// (`serde_json::from_slice`) refused; measured here on a valid body to show
/// what tracking costs, and so why it is not the first pass.
fn decode_tracked(body: &[u8]) -> ExtractJob {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let job = serde_path_to_error::deserialize(&mut deserializer).expect("the seed job decodes");
    deserializer.end().expect("nothing follows the seed job");
    job
}

/// A long page list parsed by [`PageRange`] and by a splitter that checks
/// nothing.
fn parse_page_range(mode: Mode) {
    let segments = 5_000;
    let input = long_page_list(segments);
    let parsed: PageRange = input.parse().unwrap();
    // The list has gaps everywhere, so no segment merges into another and
    // every one is parsed, sorted and kept.
    assert_eq!(parsed.spans().len(), segments as usize);
    assert_eq!(split_unchecked(&input).len(), segments as usize);
    let pages = parsed.page_count();

    let ops = mode.pick(100, 2);
    let plan = Plan {
        warmup_rounds: 3,
        rounds: mode.pick(31, 2),
        ops_per_batch: ops,
    };
    let comparison = compare(
        &format!(
            "parse a page-range list of {segments} segments, {pages} pages ({} bytes)",
            input.len()
        ),
        plan,
        vec![
            Arm::new("split + u32 parse, unchecked [baseline]", || {
                timed(ops, || {
                    black_box(split_unchecked(black_box(&input)));
                })
            }),
            Arm::new("PageRange::from_str", || {
                timed(ops, || {
                    black_box(black_box(&input).parse::<PageRange>().unwrap());
                })
            }),
        ],
    );
    comparison.print();
    let per_parse = comparison.per_op(1).median;
    println!(
        "   PageRange::from_str: {:.1}M pages/s, {:.1}M segments/s, {:.0} MB/s of text",
        pages as f64 / per_parse / 1e6,
        f64::from(segments) / per_parse / 1e6,
        input.len() as f64 / per_parse / 1e6,
    );
}

/// `"1,11-12,21-23,31-34,41,..."`: `segments` single pages and spans of two
/// to four pages, ten pages apart, as a long hand-written list would be.
fn long_page_list(segments: u32) -> String {
    (0..segments)
        .map(|i| {
            let first = i * 10 + 1;
            match i % 4 {
                0 => first.to_string(),
                extra => format!("{first}-{}", first + extra),
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// What a hand-written parser without any checks does: split, parse the
/// numbers, keep the pairs. No whitespace rules, page-0 or backwards checks,
/// sorting, merging or error positions, so it is a floor, not a rival.
fn split_unchecked(input: &str) -> Vec<(u32, u32)> {
    input
        .split(',')
        .map(|segment| match segment.split_once('-') {
            Some((first, last)) => (first.parse().unwrap(), last.parse().unwrap()),
            None => {
                let page = segment.parse().unwrap();
                (page, page)
            }
        })
        .collect()
}

/// Runs `op` `ops` times and returns how long that took.
fn timed(ops: usize, mut op: impl FnMut()) -> Duration {
    let started = Instant::now();
    for _ in 0..ops {
        op();
    }
    started.elapsed()
}
