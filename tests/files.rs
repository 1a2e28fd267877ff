//! The files API beyond upload, end to end on the fake: a paged listing as
//! a stream, one file, its content (presigned URL, then a bounded
//! download), deletion.
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
