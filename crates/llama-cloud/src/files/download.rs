//! A file's content, from its presigned URL: whole, within the client's body
//! limit ([`Files::download`]), or into a writer one byte range at a time
//! ([`Files::download_to`]), so that a file of any size takes one range of
//! memory and a failed range is retried alone.
//!
//! Every request goes through the client's runtime (retried, bounded,
//! traced), and the API key is not sent to the storage's origin.

use std::future::Future;

use bytes::Bytes;
use http::header::{CONTENT_RANGE, ETAG, HeaderMap, HeaderValue, IF_MATCH, RANGE};
use http::{Method, StatusCode};
use tokio::io::{AsyncWrite, AsyncWriteExt as _};

use super::Files;
use crate::error::{DecodeError, Error, InvalidInput, excerpt};
use crate::ids::FileId;
use crate::response::ApiResponse;

/// The download of a presigned URL: not an operation of the contract, but
/// sent through the same runtime.
const DOWNLOAD: llama_cloud_core::Operation = llama_cloud_core::Operation {
    id: "download_file_content",
    method: "GET",
    path: "<presigned file URL>",
    query: &[],
};

/// The largest byte range [`Files::download_to`] asks for at a time (less
/// when the client's body limit is smaller): large enough that the requests
/// cost little next to the bytes, small enough to hold in memory.
pub const DOWNLOAD_RANGE_BYTES: u64 = 8 * 1024 * 1024;

impl Files {
    /// A file's content: its presigned URL ([`content_url`](Self::content_url)),
    /// then the bytes from there, read whole up to the client's
    /// [`max_response_bytes`](crate::ClientBuilder::max_response_bytes). For a
    /// file of any size, [`download_to`](Self::download_to) writes it a range
    /// at a time instead.
    ///
    /// # Errors
    ///
    /// As [`content_url`](Self::content_url); then [`Error::BodyTooLarge`]
    /// for a file over the limit, [`Error::Api`] for an error status from
    /// the storage, and the transport errors.
    pub fn download(
        &self,
        file_id: FileId,
    ) -> impl Future<Output = Result<Bytes, Error>> + Send + use<> {
        let this = self.clone();
        async move {
            let url = this.presigned(file_id).await?;
            match this.fetch(url, None, None).await? {
                Fetched::Answer(response) => Ok(response.into_body()),
                Fetched::Unsatisfiable { refusal, .. } => Err(refusal),
            }
        }
    }

    /// Writes a file's content into `writer`, [`DOWNLOAD_RANGE_BYTES`] at a
    /// time (or the client's body limit, when smaller), and flushes it; gives
    /// the number of bytes written. Each range is one request through the
    /// runtime, retried on its own, so memory stays at one range whatever the
    /// file's size. A storage that ignores ranges answers the whole file to
    /// the first request: it is then taken whole, within the body limit.
    ///
    /// Every range after the first must come from the same file: it is asked
    /// for with `If-Match` and the first range's `ETag`, when the storage
    /// gave a strong one, and its `Content-Range` total must be the first
    /// one's. The
    /// call's timeout and deadline bound each range, not the whole download;
    /// a storage that never says the file's size and never runs short keeps
    /// it going, as a file of that size would.
    ///
    /// ```no_run
    /// # async fn run(client: llama_cloud::Client, id: llama_cloud::FileId) -> Result<(), Box<dyn std::error::Error>> {
    /// let mut file = tokio::fs::File::create("invoice.pdf").await?;
    /// let bytes = client.files().download_to(id, &mut file).await?;
    /// println!("{bytes} bytes written");
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`download`](Self::download); [`Error::Decode`] when the storage
    /// answers other bytes than the range asked for (a `Content-Range` that
    /// does not start where the last range ended, or a body of another
    /// length), answers a later range with the whole file, or gives another
    /// total than the first range did; [`Error::Api`] with `412` when the file
    /// changed under its `ETag`; [`Error::Write`] when `writer` fails. After
    /// an error `writer` holds the ranges written before it, and may hold
    /// part of the one that failed.
    pub fn download_to<'w, W>(
        &self,
        file_id: FileId,
        writer: &'w mut W,
    ) -> impl Future<Output = Result<u64, Error>> + Send + use<'w, W>
    where
        W: AsyncWrite + Unpin + Send + ?Sized,
    {
        let this = self.clone();
        async move {
            let url = this.presigned(file_id).await?;
            let limit = this.client.inner.runtime.settings().max_response_bytes;
            let span = DOWNLOAD_RANGE_BYTES.min(limit.max(1) as u64);
            let mut written = 0_u64;
            // What the first range said of the file.
            let mut file: Option<Version> = None;
            loop {
                let asked = (written, written.saturating_add(span - 1));
                let etag = file.as_ref().and_then(|file| file.etag.clone());
                let response = match this.fetch(url.clone(), Some(asked), etag).await? {
                    Fetched::Answer(response) => response,
                    // Past the end: what an empty file answers to its first
                    // range, or any file to a range after its last full one.
                    Fetched::Unsatisfiable { total, .. } if total == Some(written) => break,
                    // An empty file on a storage that says nothing of its
                    // size: the whole content, which is then small.
                    Fetched::Unsatisfiable { total: None, .. } if written == 0 => {
                        match this.fetch(url.clone(), None, None).await? {
                            Fetched::Answer(response) => response,
                            Fetched::Unsatisfiable { refusal, .. } => return Err(refusal),
                        }
                    }
                    Fetched::Unsatisfiable { refusal, .. } => return Err(refusal),
                };
                let piece = Piece::of(&response, asked)?;
                match &file {
                    Some(file) => file.check(&piece, &response)?,
                    None => file = Some(Version::of(&piece, &response)),
                }
                let body = response.into_body();
                writer
                    .write_all(&body)
                    .await
                    .map_err(|source| Error::Write { written, source })?;
                let length = body.len() as u64;
                written = written.saturating_add(length);
                if piece.is_last(written, length, span) {
                    break;
                }
            }
            writer
                .flush()
                .await
                .map_err(|source| Error::Write { written, source })?;
            Ok(written)
        }
    }

    /// The presigned URL of `file_id`'s content, parsed.
    async fn presigned(&self, file_id: FileId) -> Result<reqwest::Url, Error> {
        let presigned = self.content_url(file_id).await?;
        presigned.url.parse::<reqwest::Url>().map_err(|error| {
            InvalidInput::new(
                "url",
                presigned.url.as_str(),
                format!("the presigned URL is not a URL: {error}"),
            )
            .into()
        })
    }

    /// One GET of `url` through the runtime: the whole content, or the
    /// bytes `range` names (first and last, inclusive), `If-Match: etag`
    /// when given.
    async fn fetch(
        &self,
        url: reqwest::Url,
        range: Option<(u64, u64)>,
        etag: Option<HeaderValue>,
    ) -> Result<Fetched, Error> {
        let mut request = reqwest::Request::new(Method::GET, url);
        let headers = request.headers_mut();
        if let Some((first, last)) = range {
            // Digits and a dash: always a valid header value.
            if let Ok(value) = HeaderValue::try_from(format!("bytes={first}-{last}")) {
                headers.insert(RANGE, value);
            }
        }
        if let Some(etag) = etag {
            headers.insert(IF_MATCH, etag);
        }
        let runtime = &self.client.inner.runtime;
        let outcome = runtime.execute_replayable(request, &DOWNLOAD).await;
        let unsatisfiable = match &outcome {
            Ok(exchange)
                if range.is_some() && exchange.status == StatusCode::RANGE_NOT_SATISFIABLE =>
            {
                Some(range_total(&exchange.headers))
            }
            _ => None,
        };
        match (
            unsatisfiable,
            self.client.outcome(&Method::GET, DOWNLOAD.path, outcome),
        ) {
            (Some(total), Err(refusal)) => Ok(Fetched::Unsatisfiable { total, refusal }),
            (_, answer) => answer.map(Fetched::Answer),
        }
    }
}

/// What one GET of a file's content got.
enum Fetched {
    /// A success: the content, or the range asked for.
    Answer(ApiResponse<Bytes>),
    /// `416`: the range starts past the end, which is `total` bytes when the
    /// storage says; `refusal` is the error it is when that is not the end.
    Unsatisfiable { total: Option<u64>, refusal: Error },
}

/// What the first range said of the file, which later ranges must match.
struct Version {
    total: Option<u64>,
    etag: Option<HeaderValue>,
}

impl Version {
    fn of(piece: &Piece, response: &ApiResponse<Bytes>) -> Self {
        Self {
            total: piece.total(),
            // A weak ETag never matches `If-Match` (which compares strongly):
            // sending one would fail every later range.
            etag: response
                .headers()
                .get(ETAG)
                .filter(|etag| !etag.as_bytes().starts_with(b"W/"))
                .cloned(),
        }
    }

    /// Refuses a later range of another size than the first said.
    fn check(&self, piece: &Piece, response: &ApiResponse<Bytes>) -> Result<(), Error> {
        match (self.total, piece.total()) {
            (Some(was), Some(now)) if was != now => Err(range_refusal(
                response,
                format!(
                    "the file changed while it was downloaded: its size was {was} bytes, now {now}"
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// The error for an answer that is not the byte range asked for.
fn range_refusal(response: &ApiResponse<Bytes>, reason: String) -> Error {
    DecodeError {
        method: Method::GET,
        path: DOWNLOAD.path,
        status: response.status(),
        expected: "the byte range asked for",
        reason,
        json_path: String::new(),
        excerpt: excerpt(response.body()),
    }
    .into()
}

/// What one answer to a range request holds.
enum Piece {
    /// The range asked for (or its start, when the file ends first), of a
    /// file of `total` bytes when the storage says.
    Range { total: Option<u64> },
    /// The whole file: the storage ignored the range.
    Whole,
}

impl Piece {
    /// Checks `response` against the range `asked` for.
    fn of(response: &ApiResponse<Bytes>, asked: (u64, u64)) -> Result<Self, Error> {
        let refused = |reason: String| range_refusal(response, reason);
        if response.status() != StatusCode::PARTIAL_CONTENT {
            return if asked.0 == 0 {
                Ok(Self::Whole)
            } else {
                Err(refused(format!(
                    "asked for bytes {}-{}, the storage answered {} with the whole file",
                    asked.0,
                    asked.1,
                    response.status()
                )))
            };
        }
        let Some((first, last, total)) = content_range(response.headers()) else {
            return Err(refused(format!(
                "asked for bytes {}-{}, the storage answered 206 without a readable Content-Range",
                asked.0, asked.1
            )));
        };
        let length = response.body().len() as u64;
        // `content_range` gives `first <= last`: no subtraction here wraps.
        if first != asked.0 || last > asked.1 || Some(last - first) != length.checked_sub(1) {
            return Err(refused(format!(
                "asked for bytes {}-{}, the storage answered bytes {first}-{last} with a body of {length} bytes",
                asked.0, asked.1
            )));
        }
        Ok(Self::Range { total })
    }

    /// The file's size, when this piece says.
    fn total(&self) -> Option<u64> {
        match self {
            Self::Range { total } => *total,
            Self::Whole => None,
        }
    }

    /// Whether the download is complete once `written` bytes are written,
    /// this piece's `length` of them, ranges of `span` bytes asked for.
    fn is_last(&self, written: u64, length: u64, span: u64) -> bool {
        match self {
            Self::Whole => true,
            Self::Range { total: Some(total) } => written >= *total,
            // No total given: a short range is the end.
            Self::Range { total: None } => length < span,
        }
    }
}

/// A `Content-Range: bytes FIRST-LAST/TOTAL` (or `/*`) header's numbers.
fn content_range(headers: &HeaderMap) -> Option<(u64, u64, Option<u64>)> {
    let text = headers.get(CONTENT_RANGE)?.to_str().ok()?;
    let (range, total) = text.strip_prefix("bytes ")?.split_once('/')?;
    let (first, last) = range.split_once('-')?;
    let (first, last): (u64, u64) = (first.parse().ok()?, last.parse().ok()?);
    let total = match total {
        "*" => None,
        total => Some(total.parse().ok()?),
    };
    (first <= last && total.is_none_or(|total| last < total)).then_some((first, last, total))
}

/// The total of an unsatisfiable range's `Content-Range: bytes */TOTAL`.
fn range_total(headers: &HeaderMap) -> Option<u64> {
    let text = headers.get(CONTENT_RANGE)?.to_str().ok()?;
    text.strip_prefix("bytes */")?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::{Piece, Version, content_range, range_total};
    use crate::error::Error;
    use crate::response::ApiResponse;
    use bytes::Bytes;
    use http::StatusCode;
    use http::header::{CONTENT_RANGE, HeaderMap, HeaderValue};

    fn answer(
        status: StatusCode,
        range: Option<&'static str>,
        body: &'static [u8],
    ) -> ApiResponse<Bytes> {
        let mut headers = HeaderMap::new();
        if let Some(range) = range {
            headers.insert(CONTENT_RANGE, HeaderValue::from_static(range));
        }
        ApiResponse::new(status, headers, 1, Bytes::from_static(body))
    }

    fn refusal(piece: Result<Piece, Error>) -> String {
        match piece {
            Err(Error::Decode(error)) => error.reason,
            Err(other) => panic!("{other:?}"),
            Ok(_) => panic!("accepted"),
        }
    }

    #[test]
    fn a_storage_that_ignores_ranges_is_taken_whole_only_from_the_start() {
        let whole = answer(StatusCode::OK, None, b"abc");
        assert!(matches!(Piece::of(&whole, (0, 9)), Ok(Piece::Whole)));
        assert_eq!(
            refusal(Piece::of(&whole, (10, 19))),
            "asked for bytes 10-19, the storage answered 200 OK with the whole file"
        );
    }

    #[test]
    fn a_range_other_than_the_one_asked_for_is_refused() {
        let elsewhere = answer(StatusCode::PARTIAL_CONTENT, Some("bytes 5-7/20"), b"abc");
        assert_eq!(
            refusal(Piece::of(&elsewhere, (0, 9))),
            "asked for bytes 0-9, the storage answered bytes 5-7 with a body of 3 bytes"
        );
        let short = answer(StatusCode::PARTIAL_CONTENT, Some("bytes 0-9/20"), b"abc");
        assert!(refusal(Piece::of(&short, (0, 9))).contains("a body of 3 bytes"));
        let longer = answer(StatusCode::PARTIAL_CONTENT, Some("bytes 0-2/20"), b"abc");
        assert!(refusal(Piece::of(&longer, (0, 1))).contains("bytes 0-2"));
        let unlabelled = answer(StatusCode::PARTIAL_CONTENT, None, b"abc");
        assert!(
            refusal(Piece::of(&unlabelled, (0, 9))).contains("without a readable Content-Range")
        );
        let fits = answer(StatusCode::PARTIAL_CONTENT, Some("bytes 0-2/3"), b"abc");
        assert!(matches!(
            Piece::of(&fits, (0, 9)),
            Ok(Piece::Range { total: Some(3) })
        ));
    }

    #[test]
    fn a_later_range_of_another_size_is_another_file() {
        let first = answer(StatusCode::PARTIAL_CONTENT, Some("bytes 0-2/20"), b"abc");
        let file = Version::of(&Piece::of(&first, (0, 2)).unwrap(), &first);
        let same = answer(StatusCode::PARTIAL_CONTENT, Some("bytes 3-5/20"), b"def");
        assert!(
            file.check(&Piece::of(&same, (3, 5)).unwrap(), &same)
                .is_ok()
        );
        let unsized_ = answer(StatusCode::PARTIAL_CONTENT, Some("bytes 3-5/*"), b"def");
        assert!(
            file.check(&Piece::of(&unsized_, (3, 5)).unwrap(), &unsized_)
                .is_ok()
        );
        let grown = answer(StatusCode::PARTIAL_CONTENT, Some("bytes 3-5/30"), b"def");
        assert_eq!(
            refusal(
                file.check(&Piece::of(&grown, (3, 5)).unwrap(), &grown)
                    .map(|()| Piece::Whole)
            ),
            "the file changed while it was downloaded: its size was 20 bytes, now 30"
        );
    }

    #[test]
    fn only_a_strong_etag_is_sent_back() {
        let mut first = answer(StatusCode::PARTIAL_CONTENT, Some("bytes 0-2/20"), b"abc");
        let piece = Piece::of(&first, (0, 2)).unwrap();
        first
            .headers
            .insert(http::header::ETAG, HeaderValue::from_static("\"v1\""));
        assert_eq!(Version::of(&piece, &first).etag.unwrap(), "\"v1\"");
        first
            .headers
            .insert(http::header::ETAG, HeaderValue::from_static("W/\"v1\""));
        assert!(Version::of(&piece, &first).etag.is_none());
    }

    #[test]
    fn ranges_at_the_edge_of_u64_are_refused_not_wrapped() {
        let huge = answer(
            StatusCode::PARTIAL_CONTENT,
            Some("bytes 0-18446744073709551614/18446744073709551615"),
            b"abc",
        );
        assert!(refusal(Piece::of(&huge, (0, u64::MAX))).contains("a body of 3 bytes"));
        let empty = answer(StatusCode::PARTIAL_CONTENT, Some("bytes 0-0/1"), b"");
        assert!(refusal(Piece::of(&empty, (0, 9))).contains("a body of 0 bytes"));
    }

    #[test]
    fn the_last_piece_is_known_by_the_total_or_else_by_being_short() {
        assert!(Piece::Whole.is_last(3, 3, 10));
        assert!(!Piece::Range { total: Some(30) }.is_last(20, 10, 10));
        assert!(Piece::Range { total: Some(30) }.is_last(30, 10, 10));
        assert!(!Piece::Range { total: None }.is_last(20, 10, 10));
        assert!(Piece::Range { total: None }.is_last(25, 5, 10));
    }

    fn headers(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_RANGE, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn content_ranges_are_read_strictly() {
        assert_eq!(
            content_range(&headers("bytes 0-9/20")),
            Some((0, 9, Some(20)))
        );
        assert_eq!(
            content_range(&headers("bytes 10-19/*")),
            Some((10, 19, None))
        );
        for bad in [
            "bytes 9-0/20",
            "bytes 0-20/20",
            "bytes 0-9",
            "items 0-9/20",
            "bytes -9/20",
            "bytes 0-9/x",
            "bytes */20",
        ] {
            assert_eq!(content_range(&headers(bad)), None, "{bad}");
        }
        assert_eq!(content_range(&HeaderMap::new()), None);
    }

    #[test]
    fn an_unsatisfiable_range_names_the_total() {
        assert_eq!(range_total(&headers("bytes */0")), Some(0));
        assert_eq!(range_total(&headers("bytes */12")), Some(12));
        assert_eq!(range_total(&headers("bytes 0-1/12")), None);
    }
}
