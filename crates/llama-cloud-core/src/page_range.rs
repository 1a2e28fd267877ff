//! The set of pages an extraction reads: [`PageRange`].
//!
//! The API takes pages as a string such as `"1,3,5-7,9"` and documents the format only
//! in prose. [`PageRange`] checks that string on the client, so a typo is reported
//! with the offending segment before a job is created, not as a failed job later.

use std::cmp::Ordering;
use std::fmt;
use std::iter::FusedIterator;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

/// How many characters of the input or of a segment an error message repeats, so a
/// huge input cannot turn into a huge message.
const MAX_ECHOED_CHARS: usize = 64;

/// A set of 1-based page numbers, written like `"1,3,5-7,9"`.
///
/// # Format
///
/// A page range is a comma-separated list of *segments*. Each segment is either one
/// page (`"5"`) or an inclusive range of pages (`"5-7"`, lower page first). Pages are
/// numbered from 1 and must fit in a `u32`; leading zeros are allowed (`"07"` is page
/// 7).
///
/// **Whitespace:** ASCII spaces and tabs around a number are ignored, so
/// `"1, 3 - 5"` is the same as `"1,3-5"`. Whitespace *inside* a number (`"1 0"`) is an
/// error rather than a guess between page 10 and pages 1 and 0. Other whitespace,
/// such as newlines, is not accepted anywhere.
///
/// # A set, not a list
///
/// A `PageRange` is the set of pages it names. Parsing sorts the segments and merges
/// those that overlap or touch, so:
///
/// - [`Display`](fmt::Display) prints one canonical form (`"3,1-2"` prints as
///   `"1-3"`, and a single page prints as `"5"`, never `"5-5"`);
/// - two ranges are equal exactly when they name the same pages;
/// - printing a range and parsing the text again gives an equal range.
///
/// A `PageRange` is never empty.
///
/// # Examples
///
/// ```
/// use llama_cloud_core::PageRange;
///
/// let pages: PageRange = "9, 5-7, 1,3".parse()?;
/// assert_eq!(pages.to_string(), "1,3,5-7,9");
/// assert!(pages.contains(6));
/// assert!(!pages.contains(8));
/// assert_eq!(pages.page_count(), 6);
/// assert_eq!(pages.pages().collect::<Vec<_>>(), [1, 3, 5, 6, 7, 9]);
///
/// // Overlapping and adjacent segments merge.
/// assert_eq!("3,1-2".parse::<PageRange>()?, "1-3".parse::<PageRange>()?);
///
/// // Mistakes are reported with the segment that caused them.
/// let err = "1-3,7-5".parse::<PageRange>().unwrap_err();
/// assert_eq!(err.segment_index(), Some(2));
/// assert_eq!(err.segment(), Some("7-5"));
/// # Ok::<(), llama_cloud_core::PageRangeError>(())
/// ```
///
/// In JSON a `PageRange` is its canonical string, and decoding parses and checks it:
///
/// ```
/// use llama_cloud_core::PageRange;
///
/// let pages: PageRange = serde_json::from_str(r#""1-3, 2-5""#)?;
/// assert_eq!(serde_json::to_string(&pages)?, r#""1-5""#);
/// assert!(serde_json::from_str::<PageRange>(r#""0""#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PageRange {
    /// Sorted, with gaps of at least one page between consecutive spans; never empty.
    spans: Vec<PageSpan>,
}

/// A run of consecutive pages inside a [`PageRange`], from [`first`](Self::first) to
/// [`last`](Self::last) inclusive.
///
/// Spans come from [`PageRange::spans`]; `first` is at least 1 and never above `last`.
///
/// ```
/// use llama_cloud_core::PageRange;
///
/// let pages: PageRange = "2-4,9".parse()?;
/// let spans = pages.spans();
/// assert_eq!((spans[0].first(), spans[0].last(), spans[0].len()), (2, 4, 3));
/// assert_eq!(spans[1].to_string(), "9");
/// # Ok::<(), llama_cloud_core::PageRangeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PageSpan {
    first: u32,
    last: u32,
}

impl PageSpan {
    /// The first page of the span (at least 1).
    pub const fn first(self) -> u32 {
        self.first
    }

    /// The last page of the span (at least [`first`](Self::first)).
    pub const fn last(self) -> u32 {
        self.last
    }

    /// How many pages the span covers; always at least 1.
    ///
    /// This cannot overflow: `first` is at least 1, so the widest span,
    /// `1-4294967295`, holds exactly `u32::MAX` pages.
    #[expect(
        clippy::len_without_is_empty,
        reason = "a span always holds at least one page"
    )]
    pub const fn len(self) -> u32 {
        self.last - self.first + 1
    }
}

impl fmt::Display for PageSpan {
    /// Writes `"5"` for a single page and `"5-7"` for a longer span.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}-{}", self.first, self.last)
        }
    }
}

impl PageRange {
    /// A range holding one page.
    ///
    /// # Errors
    ///
    /// Fails with [`PageRangeErrorKind::ZeroPage`] when `page` is 0, since pages are
    /// numbered from 1.
    ///
    /// ```
    /// use llama_cloud_core::PageRange;
    ///
    /// assert_eq!(PageRange::single(4)?.to_string(), "4");
    /// assert!(PageRange::single(0).is_err());
    /// # Ok::<(), llama_cloud_core::PageRangeError>(())
    /// ```
    pub fn single(page: u32) -> Result<Self, PageRangeError> {
        Self::from_spans([(page, page)])
    }

    /// Builds a range from `(first, last)` pairs, each inclusive. Pairs may come in any
    /// order and may overlap; they are merged as when parsing.
    ///
    /// # Errors
    ///
    /// Fails when there are no pairs ([`PageRangeErrorKind::Empty`]), when a pair
    /// contains page 0 ([`PageRangeErrorKind::ZeroPage`]), or when a pair runs
    /// backwards ([`PageRangeErrorKind::Backwards`]). The error's
    /// [`input`](PageRangeError::input) is the pairs written out in the order given
    /// (`"1-2,7-5"`, with `(4, 4)` written `"4"`) and its segment index is the 1-based
    /// position of the bad pair.
    ///
    /// ```
    /// use llama_cloud_core::PageRange;
    ///
    /// let pages = PageRange::from_spans([(8, 10), (1, 3), (4, 4)])?;
    /// assert_eq!(pages.to_string(), "1-4,8-10");
    ///
    /// let err = PageRange::from_spans([(1, 2), (7, 5)]).unwrap_err();
    /// assert_eq!(err.segment_index(), Some(2));
    /// # Ok::<(), llama_cloud_core::PageRangeError>(())
    /// ```
    pub fn from_spans<I>(spans: I) -> Result<Self, PageRangeError>
    where
        I: IntoIterator<Item = (u32, u32)>,
    {
        let spans: Vec<(u32, u32)> = spans.into_iter().collect();
        let problem = spans
            .iter()
            .enumerate()
            .find_map(|(index, &(first, last))| {
                check_span(first, last).err().map(|kind| (index, kind))
            });
        if let Some((index, kind)) = problem {
            // There is no input text here, so the error shows the pairs as the caller
            // would have written them; that keeps every error pointing at a segment.
            let mut input = String::new();
            let mut bad_segment = 0..0;
            for (i, &(first, last)) in spans.iter().enumerate() {
                if i > 0 {
                    input.push(',');
                }
                let start = input.len();
                let written = PageSpan { first, last }.to_string();
                input.push_str(&written);
                if i == index {
                    bad_segment = start..input.len();
                }
            }
            return Err(PageRangeError {
                input,
                segment: Some((index + 1, bad_segment)),
                kind,
            });
        }
        let spans = spans
            .into_iter()
            .map(|(first, last)| PageSpan { first, last })
            .collect();
        Self::from_checked_spans(spans).ok_or(PageRangeError {
            input: String::new(),
            segment: None,
            kind: PageRangeErrorKind::Empty,
        })
    }

    /// Sorts and merges spans that each satisfy `1 <= first <= last`; `None` when
    /// there are none.
    fn from_checked_spans(mut spans: Vec<PageSpan>) -> Option<Self> {
        spans.sort_unstable();
        let mut merged: Vec<PageSpan> = Vec::with_capacity(spans.len());
        for span in spans {
            match merged.last_mut() {
                // Widened to u64 so `last + 1` cannot overflow at page u32::MAX.
                Some(prev) if u64::from(span.first) <= u64::from(prev.last) + 1 => {
                    prev.last = prev.last.max(span.last);
                }
                _ => merged.push(span),
            }
        }
        if merged.is_empty() {
            None
        } else {
            Some(Self { spans: merged })
        }
    }

    /// The spans of consecutive pages, in ascending order, with at least one missing
    /// page between any two of them.
    pub fn spans(&self) -> &[PageSpan] {
        &self.spans
    }

    /// Iterates over every page in ascending order.
    ///
    /// The iterator walks the spans lazily, so even `"1-4294967295"` costs no memory.
    ///
    /// ```
    /// use llama_cloud_core::PageRange;
    ///
    /// let pages: PageRange = "7,1-2".parse()?;
    /// assert_eq!(pages.pages().collect::<Vec<u32>>(), [1, 2, 7]);
    /// for page in &pages {
    ///     assert!(pages.contains(page));
    /// }
    /// # Ok::<(), llama_cloud_core::PageRangeError>(())
    /// ```
    pub fn pages(&self) -> Pages<'_> {
        Pages {
            spans: self.spans.iter(),
            current: None,
        }
    }

    /// Whether `page` is in the range. Runs in logarithmic time in the number of spans.
    pub fn contains(&self, page: u32) -> bool {
        self.spans
            .binary_search_by(|span| {
                if span.last < page {
                    Ordering::Less
                } else if span.first > page {
                    Ordering::Greater
                } else {
                    Ordering::Equal
                }
            })
            .is_ok()
    }

    /// How many pages the range holds, at most `u32::MAX`.
    ///
    /// Returned as a `u64` so that adding the counts of several ranges cannot
    /// overflow.
    pub fn page_count(&self) -> u64 {
        self.spans.iter().map(|span| u64::from(span.len())).sum()
    }
}

/// Checks one `(first, last)` pair: pages start at 1 and a range runs upwards.
fn check_span(first: u32, last: u32) -> Result<(), PageRangeErrorKind> {
    if first == 0 || last == 0 {
        Err(PageRangeErrorKind::ZeroPage)
    } else if first > last {
        Err(PageRangeErrorKind::Backwards { first, last })
    } else {
        Ok(())
    }
}

/// Spaces and tabs are the only characters ignored around numbers.
fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// The byte range of `part` inside `whole` after trimming blanks, so errors can point
/// into the original input instead of holding copies.
fn trimmed(whole: &str, part: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let text = &whole[part.clone()];
    let start = part.start + (text.len() - text.trim_start_matches(is_blank).len());
    let end = part.end - (text.len() - text.trim_end_matches(is_blank).len());
    start..end.max(start)
}

/// Parses one number of a segment (already known to hold no dash).
fn parse_page(text: &str) -> Result<u32, PageRangeErrorKind> {
    let text = text.trim_matches(is_blank);
    if text.contains(is_blank) {
        return Err(PageRangeErrorKind::WhitespaceInNumber);
    }
    // Only digits and blanks reach this point, so the only way `parse` can fail on a
    // non-empty string is overflow.
    match text.parse::<u32>() {
        Ok(0) => Err(PageRangeErrorKind::ZeroPage),
        Ok(page) => Ok(page),
        Err(_) => Err(PageRangeErrorKind::PageTooLarge),
    }
}

/// Parses one trimmed, non-empty segment into `(first, last)`.
fn parse_segment(text: &str) -> Result<(u32, u32), PageRangeErrorKind> {
    // Characters first: a stray letter is the most useful thing to report even when
    // the segment is wrong in other ways too.
    if let Some(c) = text
        .chars()
        .find(|&c| !(c.is_ascii_digit() || c == '-' || is_blank(c)))
    {
        return Err(if c == '+' {
            PageRangeErrorKind::Sign
        } else {
            PageRangeErrorKind::InvalidCharacter { character: c }
        });
    }
    let dashes = text.matches('-').count();
    if dashes > 1 {
        return Err(PageRangeErrorKind::TooManyDashes { dashes });
    }
    let Some((left, right)) = text.split_once('-') else {
        let page = parse_page(text)?;
        return Ok((page, page));
    };
    // A leading dash is read as a missing start rather than as a minus sign: "-3"
    // looks like "up to page 3" at least as often as like a negative number, and the
    // message covers both readings.
    if left.trim_matches(is_blank).is_empty() {
        return Err(PageRangeErrorKind::MissingStart);
    }
    if right.trim_matches(is_blank).is_empty() {
        return Err(PageRangeErrorKind::MissingEnd);
    }
    let first = parse_page(left)?;
    let last = parse_page(right)?;
    check_span(first, last)?;
    Ok((first, last))
}

impl FromStr for PageRange {
    type Err = PageRangeError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let fail = |segment, kind| PageRangeError {
            input: input.to_owned(),
            segment,
            kind,
        };
        if input.trim_matches(is_blank).is_empty() {
            return Err(fail(None, PageRangeErrorKind::Empty));
        }
        let mut spans = Vec::new();
        let mut start = 0;
        for (index, piece) in input.split(',').enumerate() {
            let range = trimmed(input, start..start + piece.len());
            start += piece.len() + 1;
            let segment = Some((index + 1, range.clone()));
            let text = &input[range];
            if text.is_empty() {
                return Err(fail(segment, PageRangeErrorKind::EmptySegment));
            }
            match parse_segment(text) {
                Ok((first, last)) => spans.push(PageSpan { first, last }),
                Err(kind) => return Err(fail(segment, kind)),
            }
        }
        // The input was not blank, so at least one segment was parsed.
        Self::from_checked_spans(spans).ok_or_else(|| fail(None, PageRangeErrorKind::Empty))
    }
}

impl TryFrom<&str> for PageRange {
    type Error = PageRangeError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl TryFrom<String> for PageRange {
    type Error = PageRangeError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl fmt::Display for PageRange {
    /// Writes the canonical form: ascending, merged spans, single pages without a dash.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, span) in self.spans.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            fmt::Display::fmt(span, f)?;
        }
        Ok(())
    }
}

impl fmt::Debug for PageRange {
    /// `PageRange("1-3,5")`: the canonical string says everything the spans do.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PageRange(\"{self}\")")
    }
}

impl<'a> IntoIterator for &'a PageRange {
    type Item = u32;
    type IntoIter = Pages<'a>;

    fn into_iter(self) -> Pages<'a> {
        self.pages()
    }
}

/// An iterator over the pages of a [`PageRange`] in ascending order, created by
/// [`PageRange::pages`].
#[derive(Debug, Clone)]
pub struct Pages<'a> {
    spans: std::slice::Iter<'a, PageSpan>,
    /// The next page to yield and the last page of the span it belongs to.
    current: Option<(u32, u32)>,
}

impl Iterator for Pages<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let (page, last) = match self.current {
            Some(current) => current,
            None => {
                let span = self.spans.next()?;
                (span.first, span.last)
            }
        };
        // Stepping past `last` would overflow at u32::MAX, so the end of a span is
        // recorded as "no current span" instead.
        self.current = (page < last).then(|| (page + 1, last));
        Some(page)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let in_current = self
            .current
            .map_or(0, |(page, last)| u64::from(last - page) + 1);
        let remaining = self
            .spans
            .clone()
            .map(|span| u64::from(span.len()))
            .fold(in_current, u64::saturating_add);
        match usize::try_from(remaining) {
            Ok(n) => (n, Some(n)),
            Err(_) => (usize::MAX, None),
        }
    }
}

impl FusedIterator for Pages<'_> {}

impl Serialize for PageRange {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PageRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PageRangeVisitor;

        impl Visitor<'_> for PageRangeVisitor {
            type Value = PageRange;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a page range string such as \"1,3,5-7\"")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<PageRange, E> {
                value.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_str(PageRangeVisitor)
    }
}

/// Why a string (or a list of pairs) is not a valid [`PageRange`].
///
/// The message quotes the input, names the segment by its 1-based position and text,
/// says what is wrong with it and how to write it instead:
///
/// ```text
/// invalid page range "7-5": segment 1 ("7-5") runs backwards (7 > 5); write the lower page first, e.g. "5-7"
/// ```
///
/// For programmatic handling, [`kind`](Self::kind) gives the reason as a
/// [`PageRangeErrorKind`].
///
/// ```
/// use llama_cloud_core::PageRange;
/// use llama_cloud_core::page_range::PageRangeErrorKind;
///
/// let err = "1,2,x".parse::<PageRange>().unwrap_err();
/// assert_eq!(err.input(), "1,2,x");
/// assert_eq!(err.segment_index(), Some(3));
/// assert_eq!(err.segment(), Some("x"));
/// assert_eq!(err.kind(), PageRangeErrorKind::InvalidCharacter { character: 'x' });
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", Describe(self))]
pub struct PageRangeError {
    input: String,
    /// 1-based segment index and the segment's byte range in `input`, blanks trimmed.
    segment: Option<(usize, std::ops::Range<usize>)>,
    kind: PageRangeErrorKind,
}

impl PageRangeError {
    /// The text that was rejected, in full. For [`PageRange::from_spans`] and
    /// [`PageRange::single`] this is the pairs written out as `first-last` (or just
    /// `first` when both are equal), in the order given.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The 1-based position of the bad segment among the comma-separated segments;
    /// `None` when the input as a whole is empty.
    pub fn segment_index(&self) -> Option<usize> {
        self.segment.as_ref().map(|(index, _)| *index)
    }

    /// The text of the bad segment without surrounding spaces and tabs; `None` when
    /// the input as a whole is empty.
    pub fn segment(&self) -> Option<&str> {
        self.segment
            .as_ref()
            .and_then(|(_, range)| self.input.get(range.clone()))
    }

    /// Why the input was rejected.
    pub fn kind(&self) -> PageRangeErrorKind {
        self.kind
    }
}

/// The reason a [`PageRange`] was rejected; see [`PageRangeError::kind`].
///
/// New reasons may be added, so matches need a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PageRangeErrorKind {
    /// The input holds no segments at all (`""`, or only spaces), or
    /// [`PageRange::from_spans`] was given no pairs.
    Empty,
    /// A segment between commas is empty, as in `"1,,2"`, `","` or `"1,"`.
    EmptySegment,
    /// A segment names page 0; pages are numbered from 1.
    ZeroPage,
    /// A range runs from a higher page to a lower one, as in `"7-5"`.
    Backwards {
        /// The page before the dash.
        first: u32,
        /// The page after the dash, lower than `first`.
        last: u32,
    },
    /// A segment contains a character that is not a digit, `-`, space or tab, as in
    /// `"a"` or `"1.5"`.
    InvalidCharacter {
        /// The first offending character.
        character: char,
    },
    /// A page has a `+` sign, as in `"+1"`. (A leading `-` is reported as
    /// [`MissingStart`](Self::MissingStart).)
    Sign,
    /// A range has no page before its dash, as in `"-3"`; this is also how a negative
    /// number such as `"-1"` is reported.
    MissingStart,
    /// A range has no page after its dash, as in `"3-"`.
    MissingEnd,
    /// A segment has more than one dash, as in `"1-2-3"`.
    TooManyDashes {
        /// How many dashes the segment has.
        dashes: usize,
    },
    /// A number has whitespace inside it, as in `"1 0"`.
    WhitespaceInNumber,
    /// A page number is larger than `u32::MAX` (4294967295).
    PageTooLarge,
}

/// Renders a [`PageRangeError`] message.
struct Describe<'a>(&'a PageRangeError);

impl fmt::Display for Describe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let err = self.0;
        write!(f, "invalid page range {}: ", Echo(&err.input))?;
        let (Some(index), Some(segment)) = (err.segment_index(), err.segment()) else {
            return f.write_str(
                "no pages given; write pages or ranges separated by commas, e.g. \"1,3,5-7\"",
            );
        };
        write!(f, "segment {index} ")?;
        if err.kind != PageRangeErrorKind::EmptySegment {
            write!(f, "({}) ", Echo(segment))?;
        }
        match err.kind {
            // `Empty` always comes without a segment and is handled above; it shares
            // this arm because an empty segment is what it would mean here.
            PageRangeErrorKind::Empty | PageRangeErrorKind::EmptySegment => {
                f.write_str("is empty; remove the extra comma ")?;
                f.write_str("(commas go only between pages or ranges)")
            }
            PageRangeErrorKind::Backwards { first, last } => {
                write!(f, "runs backwards ({first} > {last}); ")?;
                write!(f, "write the lower page first, e.g. \"{last}-{first}\"")
            }
            PageRangeErrorKind::ZeroPage => {
                f.write_str("has page 0, but pages are numbered from 1")
            }
            PageRangeErrorKind::InvalidCharacter { character } => {
                write!(f, "contains {character:?}; ")?;
                f.write_str("only digits, \"-\", spaces and tabs are allowed")
            }
            PageRangeErrorKind::Sign => {
                f.write_str("has a \"+\" sign; write page numbers without a sign, e.g. \"1\"")
            }
            PageRangeErrorKind::MissingStart => {
                write!(f, "has no page before \"-\"; {NEEDS_BOTH_ENDS}, ")?;
                f.write_str("and pages cannot be negative")
            }
            PageRangeErrorKind::MissingEnd => {
                write!(f, "has no page after \"-\"; {NEEDS_BOTH_ENDS}")
            }
            PageRangeErrorKind::TooManyDashes { dashes } => {
                write!(
                    f,
                    "has {dashes} dashes; a range has exactly one, e.g. \"5-7\""
                )
            }
            PageRangeErrorKind::WhitespaceInNumber => {
                f.write_str("has whitespace inside a number; ")?;
                f.write_str("spaces and tabs are allowed only around numbers")
            }
            PageRangeErrorKind::PageTooLarge => {
                write!(f, "has a page number above the maximum {}", u32::MAX)
            }
        }
    }
}

/// The advice shared by both kinds of open range.
const NEEDS_BOTH_ENDS: &str = "a range needs a page on each side, e.g. \"5-7\"";

/// Quotes a piece of the input for a message: escaped, and cut off with `…` after
/// [`MAX_ECHOED_CHARS`] characters.
struct Echo<'a>(&'a str);

impl fmt::Display for Echo<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(MAX_ECHOED_CHARS) {
            Some((cut, _)) => write!(f, "{:?}", format!("{}…", &self.0[..cut])),
            None => write!(f, "{:?}", self.0),
        }
    }
}
