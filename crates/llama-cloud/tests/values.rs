#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Behaviour of the value types: ids, page ranges, `num_pages_context` and the
//! forward-compatible enums.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use llama_cloud::page_range::PageRangeErrorKind;
use llama_cloud::{
    ChunkMode, CustomConfiguration, DataSourceId, ExtractMode, ExtractModel, ExtractTarget,
    ExtractionAgentId, FileId, IdError, JobId, JobStatus, NumPagesContext, NumPagesContextError,
    OrganizationId, PageRange, PageRangeError, ParseModel, Priority, ProjectId, RunId,
};
use proptest::prelude::*;

const UUID: &str = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";

// ---------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------

/// Parses `input` as every kind of id and checks that all agree on the outcome.
fn parse_every_id(input: &str) -> Vec<Result<String, IdError>> {
    vec![
        input.parse::<JobId>().map(|id| id.to_string()),
        input.parse::<ExtractionAgentId>().map(|id| id.to_string()),
        input.parse::<ProjectId>().map(|id| id.to_string()),
        input.parse::<FileId>().map(|id| id.to_string()),
        input.parse::<DataSourceId>().map(|id| id.to_string()),
        input.parse::<RunId>().map(|id| id.to_string()),
        input.parse::<OrganizationId>().map(|id| id.to_string()),
    ]
}

#[test]
fn ids_accept_hyphenated_and_simple_uuids_in_any_case() {
    for input in [
        UUID,
        "182BD5E5-6E1A-4FE4-A799-AA6D9A6AB26E",
        "182bd5e5-6E1A-4fe4-A799-aa6d9a6ab26e",
        "182bd5e56e1a4fe4a799aa6d9a6ab26e",
        "182BD5E56E1A4FE4A799AA6D9A6AB26E",
    ] {
        for parsed in parse_every_id(input) {
            assert_eq!(parsed.unwrap(), UUID, "input {input:?}");
        }
    }
}

#[test]
fn id_parse_errors_name_the_kind_and_the_value() {
    let long = "x".repeat(100);
    let inputs = [
        "../admin",
        "",
        "not-a-uuid",
        " 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
        "{182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e}",
        "urn:uuid:182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
        "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26",
        "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26g",
        "say \"hi\"\n",
        long.as_str(),
    ];
    let mut table = String::new();
    for input in inputs {
        for result in parse_every_id(input) {
            let err = result.expect_err(input);
            assert_eq!(err.value(), input, "the accessor keeps the full value");
            writeln!(table, "{}", err).unwrap();
        }
    }
    insta::assert_snapshot!("id_parse_errors", table);
}

#[test]
fn id_error_accessors_and_long_values() {
    let err = "../admin".parse::<ExtractionAgentId>().unwrap_err();
    assert_eq!(err.kind(), "extraction agent id");
    assert_eq!(err.value(), "../admin");

    let huge = "9".repeat(10_000);
    let err = JobId::try_from(huge.clone()).unwrap_err();
    assert_eq!(err.value(), huge);
    let message = err.to_string();
    assert!(message.chars().count() < 200, "{message}");
    assert!(
        message.contains(&format!("\"{}…\"", "9".repeat(64))),
        "{message}"
    );

    // Cutting must respect character boundaries.
    let err = "é".repeat(100).parse::<RunId>().unwrap_err();
    assert!(
        err.to_string()
            .contains(&format!("\"{}…\"", "é".repeat(64)))
    );
}

#[test]
fn id_conversions_and_formatting() {
    let uuid = uuid::Uuid::parse_str(UUID).unwrap();
    let id = JobId::from_uuid(uuid);
    assert_eq!(id, JobId::from(uuid));
    assert_eq!(id.as_uuid(), &uuid);
    assert_eq!(uuid::Uuid::from(id), uuid);
    assert_eq!(id.to_string(), UUID);
    assert_eq!(format!("{id:?}"), format!("JobId({UUID})"));
    assert_eq!(
        format!("{:?}", OrganizationId::from(uuid)),
        format!("OrganizationId({UUID})")
    );
    assert_eq!(JobId::try_from(UUID).unwrap(), id);
    assert_eq!(JobId::try_from(UUID.to_owned()).unwrap(), id);

    // Ordering and hashing follow the UUID, so ids work as map keys.
    let ids: BTreeSet<FileId> = [UUID, "00000000-0000-0000-0000-000000000001", UUID]
        .into_iter()
        .map(|s| s.parse().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(
        ids.first().unwrap().to_string(),
        "00000000-0000-0000-0000-000000000001"
    );
}

#[test]
fn ids_serialize_as_strings_and_reject_bad_input_by_kind() {
    let id: ProjectId = UUID.parse().unwrap();
    let json = serde_json::to_string(&id).unwrap();
    assert_eq!(json, format!("\"{UUID}\""));
    assert_eq!(serde_json::from_str::<ProjectId>(&json).unwrap(), id);
    let upper = format!("\"{}\"", UUID.to_uppercase());
    assert_eq!(serde_json::from_str::<ProjectId>(&upper).unwrap(), id);

    let errors = [
        serde_json::from_str::<ProjectId>(r#""../admin""#)
            .unwrap_err()
            .to_string(),
        serde_json::from_str::<DataSourceId>(r#""""#)
            .unwrap_err()
            .to_string(),
        serde_json::from_str::<JobId>("42").unwrap_err().to_string(),
        serde_json::from_str::<JobId>("null")
            .unwrap_err()
            .to_string(),
    ];
    insta::assert_snapshot!("id_deserialize_errors", errors.join("\n"));
}

// ---------------------------------------------------------------------------
// Page ranges
// ---------------------------------------------------------------------------

/// One line per input: the canonical form, or the error with its accessors.
fn describe_page_range(input: &str) -> String {
    match input.parse::<PageRange>() {
        Ok(range) => format!("{input:?} => ok {range}"),
        Err(err) => {
            assert_eq!(err.input(), input);
            format!(
                "{input:?} => err segment={:?} text={:?} kind={:?}\n    {err}",
                err.segment_index(),
                err.segment(),
                err.kind(),
            )
        }
    }
}

#[test]
fn page_range_table() {
    let long = format!("{}x", "1,".repeat(50));
    let inputs = [
        // Accepted.
        "1",
        "1,3,5-7,9",
        "1-3,8-10",
        "3,1-2",
        "5-5",
        "9,8,7",
        "1-3,2-5",
        "1-3,4-6",
        "1-10,3-4",
        "2,2,2",
        "1, 3 - 5",
        "\t2\t,\t4 ",
        " 7 ",
        "007",
        "4294967295",
        "1-4294967295",
        "4294967294-4294967295,1",
        // Rejected: page 0.
        "0",
        "0-3",
        "3-0",
        "00",
        // Rejected: backwards.
        "7-5",
        "1-3,10-2",
        // Rejected: empty input or segments.
        "",
        "   ",
        ",",
        "1,,2",
        "1,",
        ",1",
        "1, ,2",
        // Rejected: not digits.
        "a",
        "1.5",
        "1;2",
        "1\n2",
        "\u{ff11}",
        "1-x",
        // Rejected: signs and open ranges.
        "+1",
        "-1",
        "3-",
        "-3",
        "-",
        "1-+3",
        // Rejected: more than one dash.
        "1-2-3",
        "1--2",
        // Rejected: whitespace inside a number.
        "1 0",
        "1-2 0",
        // Rejected: overflow.
        "4294967296",
        "1-99999999999999999999",
        // Rejected: long input is cut off in the message.
        long.as_str(),
    ];
    let table: Vec<String> = inputs.iter().map(|i| describe_page_range(i)).collect();
    insta::assert_snapshot!("page_range_table", table.join("\n"));
}

fn kind_of(input: &str) -> PageRangeErrorKind {
    input.parse::<PageRange>().unwrap_err().kind()
}

#[test]
fn page_range_error_kinds() {
    assert_eq!(kind_of("0"), PageRangeErrorKind::ZeroPage);
    assert_eq!(
        kind_of("7-5"),
        PageRangeErrorKind::Backwards { first: 7, last: 5 }
    );
    for empty in ["", " ", "\t "] {
        let err = empty.parse::<PageRange>().unwrap_err();
        assert_eq!(err.kind(), PageRangeErrorKind::Empty);
        assert_eq!(err.segment_index(), None);
        assert_eq!(err.segment(), None);
    }
    for (input, index) in [("1,,2", 2), (",", 1), ("1,", 2)] {
        let err = input.parse::<PageRange>().unwrap_err();
        assert_eq!(err.kind(), PageRangeErrorKind::EmptySegment, "{input:?}");
        assert_eq!(err.segment_index(), Some(index), "{input:?}");
        assert_eq!(err.segment(), Some(""), "{input:?}");
    }
    assert_eq!(
        kind_of("a"),
        PageRangeErrorKind::InvalidCharacter { character: 'a' }
    );
    assert_eq!(
        kind_of("1.5"),
        PageRangeErrorKind::InvalidCharacter { character: '.' }
    );
    assert_eq!(kind_of("+1"), PageRangeErrorKind::Sign);
    assert_eq!(kind_of("-1"), PageRangeErrorKind::MissingStart);
    assert_eq!(kind_of("-3"), PageRangeErrorKind::MissingStart);
    assert_eq!(kind_of("3-"), PageRangeErrorKind::MissingEnd);
    assert_eq!(
        kind_of("1-2-3"),
        PageRangeErrorKind::TooManyDashes { dashes: 2 }
    );
    assert_eq!(kind_of("1 0"), PageRangeErrorKind::WhitespaceInNumber);
    assert_eq!(kind_of("4294967296"), PageRangeErrorKind::PageTooLarge);

    // The segment is reported trimmed, with its 1-based index.
    let err = "1, 2,  7-5 ,9".parse::<PageRange>().unwrap_err();
    assert_eq!(err.segment_index(), Some(3));
    assert_eq!(err.segment(), Some("7-5"));
    assert_eq!(
        err.to_string(),
        r#"invalid page range "1, 2,  7-5 ,9": segment 3 ("7-5") runs backwards (7 > 5); write the lower page first, e.g. "5-7""#
    );
}

#[test]
fn page_range_is_a_set() {
    let a: PageRange = "3,1-2".parse().unwrap();
    let b: PageRange = "1-3".parse().unwrap();
    let c: PageRange = "1,2,3,2-3,1".parse().unwrap();
    assert_eq!(a, b);
    assert_eq!(b, c);
    assert_eq!(a.to_string(), "1-3");
    assert_ne!(a, "1-4".parse::<PageRange>().unwrap());
    assert_eq!(format!("{a:?}"), r#"PageRange("1-3")"#);

    let spans: Vec<(u32, u32, u32)> = "10-12,1,3-4"
        .parse::<PageRange>()
        .unwrap()
        .spans()
        .iter()
        .map(|s| (s.first(), s.last(), s.len()))
        .collect();
    assert_eq!(spans, [(1, 1, 1), (3, 4, 2), (10, 12, 3)]);
}

#[test]
fn page_range_queries() {
    let range: PageRange = "1,3,5-7,9".parse().unwrap();
    assert_eq!(range.pages().collect::<Vec<_>>(), [1, 3, 5, 6, 7, 9]);
    assert_eq!((&range).into_iter().count(), 6);
    assert_eq!(range.pages().size_hint(), (6, Some(6)));
    assert_eq!(range.page_count(), 6);
    let contained: Vec<u32> = (0..=11).filter(|&p| range.contains(p)).collect();
    assert_eq!(contained, [1, 3, 5, 6, 7, 9]);

    // The largest pages neither overflow nor allocate.
    let top: PageRange = "4294967294-4294967295".parse().unwrap();
    assert_eq!(top.pages().collect::<Vec<_>>(), [u32::MAX - 1, u32::MAX]);
    let mut pages = top.pages();
    pages.by_ref().for_each(drop);
    assert_eq!(pages.next(), None, "the iterator stays exhausted");

    let everything: PageRange = "1-4294967295".parse().unwrap();
    assert_eq!(everything.page_count(), u64::from(u32::MAX));
    assert!(everything.contains(u32::MAX));
    assert!(!everything.contains(0));
    assert_eq!(everything.pages().take(3).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(everything.spans()[0].len(), u32::MAX);
}

#[test]
fn page_range_constructors() {
    assert_eq!(PageRange::single(5).unwrap().to_string(), "5");
    let err = PageRange::single(0).unwrap_err();
    assert_eq!(err.kind(), PageRangeErrorKind::ZeroPage);
    assert_eq!(err.input(), "0");
    assert_eq!(
        err.to_string(),
        r#"invalid page range "0": segment 1 ("0") has page 0, but pages are numbered from 1"#
    );

    let range = PageRange::from_spans([(8, 10), (1, 3), (4, 4), (2, 2)]).unwrap();
    assert_eq!(range.to_string(), "1-4,8-10");
    assert_eq!(range, "1-4,8-10".parse().unwrap());

    let err = PageRange::from_spans([(1, 2), (3, 3), (7, 5)]).unwrap_err();
    assert_eq!(err.input(), "1-2,3,7-5");
    assert_eq!(err.segment_index(), Some(3));
    assert_eq!(err.segment(), Some("7-5"));
    assert_eq!(
        err.kind(),
        PageRangeErrorKind::Backwards { first: 7, last: 5 }
    );

    let err: PageRangeError = PageRange::from_spans(std::iter::empty()).unwrap_err();
    assert_eq!(err.kind(), PageRangeErrorKind::Empty);
    assert_eq!(err.segment_index(), None);
    assert_eq!(
        err.to_string(),
        r#"invalid page range "": no pages given; write pages or ranges separated by commas, e.g. "1,3,5-7""#
    );

    assert_eq!(
        PageRange::try_from(String::from("2,1")).unwrap(),
        PageRange::try_from("1-2").unwrap()
    );
}

#[test]
fn page_range_serde() {
    let range: PageRange = serde_json::from_str(r#""5-7, 1""#).unwrap();
    assert_eq!(serde_json::to_string(&range).unwrap(), r#""1,5-7""#);

    let errors = [
        serde_json::from_str::<PageRange>(r#""7-5""#)
            .unwrap_err()
            .to_string(),
        serde_json::from_str::<PageRange>(r#""page_range""#)
            .unwrap_err()
            .to_string(),
        serde_json::from_str::<PageRange>("3")
            .unwrap_err()
            .to_string(),
    ];
    insta::assert_snapshot!("page_range_deserialize_errors", errors.join("\n"));
}

/// Strings drawn mostly from the characters the parser cares about.
fn page_range_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9, \t+\\-]{0,24}",
        "[0-9,\\-]{1,12}",
        any::<String>(),
        "[0-9 ,\\-.a\u{e9}\n]{0,16}",
    ]
}

/// `(first, last)` pairs with `1 <= first <= last`, kept small enough to enumerate.
fn small_spans() -> impl Strategy<Value = Vec<(u32, u32)>> {
    prop::collection::vec((1u32..200, 0u32..20), 1..8)
        .prop_map(|v| v.into_iter().map(|(a, w)| (a, a + w)).collect())
}

proptest! {
    #[test]
    fn parsing_never_panics_and_display_reparses(input in page_range_like()) {
        match input.parse::<PageRange>() {
            Ok(range) => {
                let shown = range.to_string();
                let again: PageRange = shown.parse().unwrap();
                prop_assert_eq!(&again, &range);
                prop_assert_eq!(again.to_string(), shown);
            }
            Err(err) => {
                // The message is built without panicking and stays bounded.
                let message = err.to_string();
                prop_assert!(message.starts_with("invalid page range "));
                prop_assert_eq!(err.input(), input.as_str());
                prop_assert_eq!(err.segment_index().is_some(), err.segment().is_some());
            }
        }
    }

    #[test]
    fn ranges_from_random_spans_match_a_naive_set(
        spans in small_spans(),
        separator in prop_oneof![Just(","), Just(", "), Just(" ,\t")],
    ) {
        let expected: BTreeSet<u32> = spans.iter().flat_map(|&(a, b)| a..=b).collect();

        let built = PageRange::from_spans(spans.iter().copied()).unwrap();
        let written: Vec<String> = spans.iter().map(|(a, b)| format!("{a} - {b}")).collect();
        let parsed: PageRange = written.join(separator).parse().unwrap();

        prop_assert_eq!(&built, &parsed);
        prop_assert_eq!(built.pages().collect::<BTreeSet<u32>>(), expected.clone());
        prop_assert_eq!(built.page_count(), expected.len() as u64);
        prop_assert_eq!(built.pages().size_hint().0, expected.len());
        for page in 0..=230 {
            prop_assert_eq!(built.contains(page), expected.contains(&page));
        }
        // Canonical: ascending spans with gaps between them.
        for pair in built.spans().windows(2) {
            prop_assert!(pair[0].last() + 1 < pair[1].first());
        }
        let reparsed: PageRange = built.to_string().parse().unwrap();
        prop_assert_eq!(reparsed, built);
    }
}

// ---------------------------------------------------------------------------
// NumPagesContext
// ---------------------------------------------------------------------------

#[test]
fn num_pages_context_values() {
    assert_eq!(NumPagesContext::new(1).unwrap().get(), 1);
    assert_eq!(
        NumPagesContext::new(u32::MAX).unwrap(),
        NumPagesContext::MAX
    );
    assert_eq!(NumPagesContext::MIN.get(), 1);
    assert_eq!(NumPagesContext::try_from(7_u32).unwrap().to_string(), "7");
    assert_eq!(NumPagesContext::try_from(7_u64).unwrap().get(), 7);
    assert_eq!(NumPagesContext::try_from(7_i64).unwrap().get(), 7);
    assert_eq!(NumPagesContext::try_from(7).unwrap().get(), 7);
    assert_eq!(u32::from(NumPagesContext::new(9).unwrap()), 9);

    assert_eq!(
        NumPagesContext::new(0),
        Err(NumPagesContextError::TooSmall { value: 0 })
    );
    assert_eq!(
        NumPagesContext::try_from(-5_i64),
        Err(NumPagesContextError::TooSmall { value: -5 })
    );
    assert_eq!(
        NumPagesContext::try_from(1_u64 << 32),
        Err(NumPagesContextError::TooLarge { value: 1 << 32 })
    );
    assert_eq!(
        NumPagesContext::try_from(i64::MAX),
        Err(NumPagesContextError::TooLarge {
            value: i64::MAX as u64
        })
    );
}

#[test]
fn num_pages_context_messages_and_serde() {
    let mut table = String::new();
    let conversions = [
        ("new(0)", NumPagesContext::new(0)),
        ("try_from(-1_i64)", NumPagesContext::try_from(-1_i64)),
        ("try_from(i64::MIN)", NumPagesContext::try_from(i64::MIN)),
        (
            "try_from(4294967296_u64)",
            NumPagesContext::try_from(4_294_967_296_u64),
        ),
        ("try_from(u64::MAX)", NumPagesContext::try_from(u64::MAX)),
        ("try_from(1_u64)", NumPagesContext::try_from(1_u64)),
    ];
    for (call, result) in conversions {
        match result {
            Ok(value) => writeln!(table, "{call} => ok {value}").unwrap(),
            Err(err) => writeln!(table, "{call} => err {err}").unwrap(),
        }
    }
    for json in [
        "1",
        "12",
        "0",
        "-1",
        "4294967295",
        "4294967296",
        "1.5",
        "\"3\"",
        "null",
    ] {
        match serde_json::from_str::<NumPagesContext>(json) {
            Ok(value) => {
                let back = serde_json::to_string(&value).unwrap();
                assert_eq!(back, json, "re-encodes as the same integer");
                writeln!(table, "json {json} => ok {value}").unwrap();
            }
            Err(err) => writeln!(table, "json {json} => err {err}").unwrap(),
        }
    }
    insta::assert_snapshot!("num_pages_context_cases", table);
}

// ---------------------------------------------------------------------------
// Forward-compatible enums
// ---------------------------------------------------------------------------

/// Checks the shared contract of an open enum, given one known variant and its wire
/// name, and returns the documented wire names.
macro_rules! check_open_enum {
    ($ty:ident, $known:expr, $wire:literal) => {{
        let known: $ty = $known;
        assert_eq!(known.as_str(), $wire);
        assert_eq!(known.to_string(), $wire);
        assert!(!known.is_unknown());

        // A known value and a new one both decode and re-encode unchanged.
        for wire in [$wire, "SOMETHING_NEW"] {
            let json = format!("\"{wire}\"");
            let decoded: $ty = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&decoded).unwrap(), json);
            assert_eq!(decoded.as_str(), wire);
            assert_eq!(decoded, $ty::from(wire));
            assert_eq!(decoded, $ty::from(wire.to_owned()));
            assert_eq!(decoded, wire.parse::<$ty>().unwrap());
        }
        assert_eq!(
            serde_json::from_str::<$ty>(&format!("\"{}\"", $wire)).unwrap(),
            known
        );

        let new = $ty::from("SOMETHING_NEW");
        assert!(new.is_unknown());
        assert_eq!(new.to_string(), "SOMETHING_NEW");
        match &new {
            $ty::Unknown(value) => assert_eq!(value.as_str(), "SOMETHING_NEW"),
            other => panic!("expected Unknown, got {other:?}"),
        }

        // Matching is exact: a differently cased known name is someone else's value.
        let recased = $ty::from($wire.to_uppercase().as_str());
        let lowered = $ty::from($wire.to_lowercase().as_str());
        assert!(recased == known || recased.is_unknown());
        assert!(lowered == known || lowered.is_unknown());

        // Every documented value maps to its own variant, never to Unknown, and the
        // names are distinct.
        let mut names = BTreeSet::new();
        for value in $ty::KNOWN {
            assert!(!value.is_unknown());
            assert_eq!(&$ty::from(value.as_str()), value);
            assert!(names.insert(value.as_str().to_owned()), "duplicate {value}");
        }
        assert!($ty::KNOWN.contains(&known));

        // Decoding something that is not a string fails with a clear message.
        let err = serde_json::from_str::<$ty>("7").unwrap_err().to_string();
        assert!(
            err.contains("expected a ") && err.ends_with("string at line 1 column 1"),
            "{err}"
        );

        (
            stringify!($ty),
            $ty::KNOWN
                .iter()
                .map(|v| v.as_str().to_owned())
                .collect::<Vec<_>>(),
        )
    }};
}

#[test]
fn open_enums_round_trip_known_and_unknown_values() {
    let lists = [
        check_open_enum!(JobStatus, JobStatus::PartialSuccess, "PARTIAL_SUCCESS"),
        check_open_enum!(ExtractMode, ExtractMode::Multimodal, "MULTIMODAL"),
        check_open_enum!(ExtractTarget, ExtractTarget::PerTableRow, "PER_TABLE_ROW"),
        check_open_enum!(ChunkMode, ChunkMode::Section, "SECTION"),
        check_open_enum!(Priority, Priority::Critical, "critical"),
        check_open_enum!(CustomConfiguration, CustomConfiguration::Default, "default"),
        check_open_enum!(
            ExtractModel,
            ExtractModel::Gemini25FlashLite,
            "gemini-2.5-flash-lite"
        ),
        check_open_enum!(
            ParseModel,
            ParseModel::AnthropicSonnet35V2,
            "anthropic-sonnet-3.5-v2"
        ),
    ];
    let as_json: serde_json::Map<String, serde_json::Value> = lists
        .into_iter()
        .map(|(name, values)| (name.to_owned(), values.into()))
        .collect();
    insta::assert_json_snapshot!("open_enum_known_values", as_json);
}

#[test]
fn enum_counts_match_the_api_reference() {
    assert_eq!(JobStatus::KNOWN.len(), 5);
    assert_eq!(ExtractMode::KNOWN.len(), 4);
    assert_eq!(ExtractTarget::KNOWN.len(), 3);
    assert_eq!(ChunkMode::KNOWN.len(), 2);
    assert_eq!(Priority::KNOWN.len(), 4);
    assert_eq!(CustomConfiguration::KNOWN.len(), 1);
    assert_eq!(ExtractModel::KNOWN.len(), 11);
    // The 26 of the Get Job page, and gemini-3.1-pro, which the June 2026
    // upstream added.
    assert_eq!(ParseModel::KNOWN.len(), 27);
}

#[test]
fn job_status_classification() {
    let rows: Vec<(JobStatus, bool, bool, bool)> = vec![
        (JobStatus::Pending, false, false, false),
        (JobStatus::Success, true, true, false),
        (JobStatus::Error, true, false, true),
        (JobStatus::PartialSuccess, true, true, false),
        (JobStatus::Cancelled, true, false, true),
        // Unknown states keep a poller waiting rather than ending it without a result.
        (JobStatus::from("QUEUED"), false, false, false),
    ];
    for (status, terminal, success, failure) in rows {
        assert_eq!(status.is_terminal(), terminal, "{status}");
        assert_eq!(status.is_success(), success, "{status}");
        assert_eq!(status.is_failure(), failure, "{status}");
        // A terminal documented state is exactly one of success or failure.
        if terminal {
            assert!(status.is_success() != status.is_failure(), "{status}");
        }
    }
}

#[test]
fn enums_inside_a_struct_keep_unknown_values() {
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Config {
        extraction_mode: ExtractMode,
        extract_model: Option<ExtractModel>,
        parse_model: ParseModel,
        status: JobStatus,
    }
    let json = r#"{"extraction_mode":"ULTRA","extract_model":"my-finetune","parse_model":"openai-gpt-4o","status":"SUCCESS"}"#;
    let config: Config = serde_json::from_str(json).unwrap();
    assert!(config.extraction_mode.is_unknown());
    assert_eq!(
        config.extract_model.as_ref().unwrap().as_str(),
        "my-finetune"
    );
    assert_eq!(config.parse_model, ParseModel::OpenaiGpt4o);
    assert_eq!(config.status, JobStatus::Success);
    assert_eq!(serde_json::to_string(&config).unwrap(), json);
}
