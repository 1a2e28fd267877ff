//! The files API beyond upload, end to end on the fake: a paged listing as
//! a stream, one file, its content (presigned URL, then a bounded
//! download, or one into a writer a byte range at a time), deletion.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use futures::TryStreamExt as _;
use llama_cloud::{Client, FileId, FilePurpose, FileUpload, ListFiles, UploadFile};
use support::{configured, fake_and_client};

async fn upload(client: &Client, name: &str, bytes: &'static [u8]) -> FileId {
    let file = client
        .files()
        .upload_with(
            UploadFile::new(
                FileUpload::from_bytes(name.to_owned(), bytes),
                FilePurpose::Extract,
            )
            .external_file_id(format!("ext-{name}")),
        )
        .await
        .unwrap();
    assert!(file.id.to_string().starts_with("dfl-"), "{}", file.id);
    file.id.into()
}

#[tokio::test]
async fn files_are_listed_a_page_at_a_time_and_filtered() {
    let (fake, client) = fake_and_client().await;
    let mut ids = Vec::new();
    for name in ["a.pdf", "b.pdf", "c.pdf", "d.pdf", "e.pdf"] {
        ids.push(upload(&client, name, b"%PDF").await);
    }
    fake.clear_requests();
    let listed: Vec<FileId> = client
        .files()
        .list(ListFiles::new().page_size(2))
        .map_ok(|file| FileId::from(file.id))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(listed, ids);
    // Five files two at a time: three pages, each asked for once.
    assert_eq!(fake.requests().len(), 3);

    let by_name = client
        .files()
        .list_page(ListFiles::new().file_name("c.pdf"), None)
        .await
        .unwrap();
    assert_eq!(by_name.items.len(), 1);
    assert_eq!(FileId::from(by_name.items[0].id), ids[2]);
    let by_ids = client
        .files()
        .list_page(ListFiles::new().file_ids([ids[4], ids[0]]), None)
        .await
        .unwrap();
    assert_eq!(by_ids.items.len(), 2);
    assert_eq!(by_ids.next_page_token, None);
}

#[tokio::test]
async fn a_file_is_read_downloaded_and_deleted() {
    let (_fake, client) = fake_and_client().await;
    let id = upload(&client, "note.txt", b"Hello, files").await;
    let files = client.files();
    let file = files.get(id).await.unwrap();
    assert_eq!(file.name.as_str(), "note.txt");
    assert_eq!(file.external_file_id.as_deref(), Some("ext-note.txt"));
    let presigned = files.content_url(id).await.unwrap();
    assert!(
        presigned.url.contains("signature="),
        "{}",
        presigned.url.as_str()
    );
    assert_eq!(&files.download(id).await.unwrap()[..], b"Hello, files");

    files.delete(id).await.unwrap();
    assert!(files.get(id).await.unwrap_err().is_not_found());
    assert!(files.delete(id).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn a_download_over_the_limit_is_refused_with_its_status() {
    let (fake, _) = fake_and_client().await;
    // Room for the API's answers, not for the file.
    let client = configured(&fake, |b| b.max_response_bytes(1024));
    let id = upload(&client, "big.txt", &[b'x'; 4096]).await;
    let error = client.files().download(id).await.unwrap_err();
    assert!(
        matches!(error, llama_cloud::Error::BodyTooLarge { limit: 1024, .. }),
        "{error:?}"
    );
}

/// The byte ranges the fake's storage was asked for, in order.
fn ranges_asked(fake: &llama_cloud_fake::FakeServer) -> Vec<String> {
    fake.requests()
        .into_iter()
        .filter(|request| request.path.starts_with("/_fake/file-content/"))
        .map(|request| {
            let range = request.headers.get(http::header::RANGE);
            range.map_or("(none)".to_owned(), |range| {
                range.to_str().unwrap().to_owned()
            })
        })
        .collect()
}

#[tokio::test]
async fn a_download_into_a_writer_takes_a_range_at_a_time_past_the_body_limit() {
    let (fake, _) = fake_and_client().await;
    // Room for the API's answers and a range, not for the file.
    let client = configured(&fake, |b| b.max_response_bytes(1024));
    let content: Vec<u8> = (0..2500_u32).map(|i| (i % 251) as u8).collect();
    let id = upload(&client, "big.bin", content.clone().leak()).await;
    fake.clear_requests();

    let mut written = Vec::new();
    let count = client.files().download_to(id, &mut written).await.unwrap();
    assert_eq!(count, 2500);
    assert_eq!(written, content);
    assert_eq!(
        ranges_asked(&fake),
        ["bytes=0-1023", "bytes=1024-2047", "bytes=2048-3071"]
    );
    // The ranges after the first must be of the same file: its ETag.
    let matched: Vec<Option<String>> = fake
        .requests()
        .into_iter()
        .filter(|request| request.path.starts_with("/_fake/file-content/"))
        .map(|request| {
            let etag = request.headers.get(http::header::IF_MATCH);
            etag.map(|etag| etag.to_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(matched[0], None);
    let etag = matched[1].clone().expect("the second range names the file");
    assert!(etag.ends_with("-2500\""), "{etag}");
    assert_eq!(matched[2].as_ref(), Some(&etag));

    // A file of whole ranges ends with its last range: the total says so.
    let id = upload(&client, "even.bin", &[7; 2048]).await;
    fake.clear_requests();
    let mut written = Vec::new();
    assert_eq!(
        client.files().download_to(id, &mut written).await.unwrap(),
        2048
    );
    assert_eq!(written, [7; 2048]);
    assert_eq!(ranges_asked(&fake), ["bytes=0-1023", "bytes=1024-2047"]);
}

#[tokio::test]
async fn an_empty_file_downloads_into_a_writer_as_nothing() {
    let (fake, client) = fake_and_client().await;
    let id = upload(&client, "empty.txt", b"").await;
    fake.clear_requests();
    let mut written = Vec::new();
    assert_eq!(
        client.files().download_to(id, &mut written).await.unwrap(),
        0
    );
    assert!(written.is_empty());
    // One range asked for: the storage's 416 says the file ends there.
    assert_eq!(ranges_asked(&fake), ["bytes=0-8388607"]);
    assert_eq!(&client.files().download(id).await.unwrap()[..], b"");
}

/// A writer that takes `room` bytes, then fails.
struct FullDisk {
    room: usize,
}

impl tokio::io::AsyncWrite for FullDisk {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        if self.room == 0 {
            return std::task::Poll::Ready(Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "no space left",
            )));
        }
        let taken = buf.len().min(self.room);
        self.room -= taken;
        std::task::Poll::Ready(Ok(taken))
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
}

#[tokio::test]
async fn a_failing_writer_stops_the_download_and_says_how_far_it_got() {
    let (fake, _) = fake_and_client().await;
    let client = configured(&fake, |b| b.max_response_bytes(1024));
    let id = upload(&client, "big.bin", &[1; 3000]).await;
    fake.clear_requests();
    let mut disk = FullDisk { room: 1500 };
    let error = client.files().download_to(id, &mut disk).await.unwrap_err();
    let llama_cloud::Error::Write { written, source } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(*written, 1024, "the first range was written whole");
    assert_eq!(source.kind(), std::io::ErrorKind::StorageFull);
    assert_eq!(
        error.to_string(),
        "could not write the download after 1024 bytes: no space left"
    );
    // Nothing is asked for after the failure.
    assert_eq!(ranges_asked(&fake), ["bytes=0-1023", "bytes=1024-2047"]);
}

#[tokio::test]
#[allow(deprecated)]
async fn the_deprecated_query_filters_and_pages_too() {
    use llama_cloud::{FileFilter, FileQuery};

    let (fake, client) = fake_and_client().await;
    let mut ids = Vec::new();
    for name in ["a.pdf", "b.pdf", "c.pdf"] {
        ids.push(upload(&client, name, b"%PDF").await);
    }
    fake.clear_requests();
    let everything: FileQuery = FileQuery::builder().page_size(Some(2)).try_into().unwrap();
    let listed: Vec<FileId> = client
        .files()
        .query(everything)
        .map_ok(|file| FileId::from(file.id))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(listed, ids);
    // Three files two at a time: two pages, each a POST of the query.
    let requests = fake.requests();
    assert_eq!(requests.len(), 2);
    assert!(
        requests
            .iter()
            .all(|r| r.path == "/api/v1/beta/files/query")
    );

    let by_name: FileQuery = FileQuery::builder()
        .filter(Some(
            FileFilter::builder()
                .file_name(Some("b.pdf".to_owned()))
                .try_into()
                .unwrap(),
        ))
        .try_into()
        .unwrap();
    let page = client.files().query_page(by_name).await.unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(FileId::from(page.items[0].id), ids[1]);
}
