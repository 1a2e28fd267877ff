//! `POST /api/v1/beta/files`: the multipart upload.

use llama_cloud_fake::{DEFAULT_PROJECT_ID, FakeServer, Uuid};
use reqwest::multipart::Form;
use serde_json::json;

use crate::api::{Api, FILES, file_part, id};

#[tokio::test]
async fn an_upload_is_stored_with_its_bytes() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let project = Uuid::new_v4();
    let form = Form::new()
        .part(
            "file",
            file_part("Report.PDF", "application/pdf", b"%PDF-1.7"),
        )
        .text("purpose", "extract")
        .text("external_file_id", "crm-17");
    let (status, file) = api
        .post_form(&format!("{FILES}?project_id={project}"), form)
        .await;
    assert_eq!(status, 201);
    let file_id = id(&file);
    let mut keys: Vec<&str> = file
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "expires_at",
            "external_file_id",
            "file_type",
            "id",
            "last_modified_at",
            "name",
            "project_id",
            "purpose"
        ]
    );
    assert_eq!(file["name"], "Report.PDF");
    assert_eq!(file["file_type"], "pdf");
    assert_eq!(file["purpose"], "extract");
    assert_eq!(file["external_file_id"], "crm-17");
    assert_eq!(file["project_id"], project.to_string());
    assert_eq!(fake.file_bytes(file_id).unwrap(), b"%PDF-1.7");
    assert_eq!(
        fake.file_content_type(file_id).as_deref(),
        Some("application/pdf")
    );
    let stored = fake.file(file_id).unwrap();
    assert_eq!(stored["file_size"], 8);
    assert_eq!(fake.files(), [stored]);
}

#[tokio::test]
async fn defaults_an_unknown_type_and_no_external_id() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let form = Form::new()
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"x".to_vec()).file_name("README"),
        )
        .text("purpose", "user_data");
    let (status, file) = api.post_form(FILES, form).await;
    assert_eq!(status, 201);
    assert_eq!(file["file_type"], json!(null));
    assert_eq!(file["external_file_id"], json!(null));
    assert_eq!(file["project_id"], DEFAULT_PROJECT_ID.to_string());
    assert_eq!(fake.file_content_type(id(&file)), None);
    assert_eq!(fake.file_bytes(Uuid::new_v4()), None);
}

#[tokio::test]
async fn missing_or_empty_fields_are_fastapis_422() {
    let fake = FakeServer::start().await.unwrap();
    let api = Api::new(&fake);
    let both_missing = json!({"detail": [
        {"type": "missing", "loc": ["body", "file"], "msg": "Field required", "input": null},
        {"type": "missing", "loc": ["body", "purpose"], "msg": "Field required", "input": null},
    ]});
    // An empty form field is a missing one; a JSON body is no form at all.
    assert_eq!(
        api.post_form(FILES, Form::new().text("purpose", "")).await,
        (422, both_missing.clone())
    );
    assert_eq!(
        api.post(FILES, &json!({"purpose": "extract"})).await,
        (422, both_missing)
    );
    // A file sent as a plain field, here in a URL-encoded form.
    assert_eq!(
        api.post_raw(
            FILES,
            "application/x-www-form-urlencoded",
            b"purpose=extract&file=notafile"
        )
        .await,
        (
            422,
            json!({"detail": [{
                "type": "value_error",
                "loc": ["body", "file"],
                "msg": "Value error, Expected UploadFile, received: <class 'str'>",
                "input": "notafile",
                "ctx": {"error": {}},
            }]})
        )
    );
    let form = Form::new()
        .part("file", file_part("a.pdf", "application/pdf", b"x"))
        .part("purpose", file_part("p.txt", "text/plain", b"extract"));
    let (status, body) = api.post_form(FILES, form).await;
    assert_eq!(status, 422);
    assert_eq!(body["detail"][0]["type"], "string_type");
    assert_eq!(body["detail"][0]["input"]["filename"], "p.txt");
}

/// Starlette parses the form before FastAPI checks the key.
#[tokio::test]
async fn a_broken_multipart_body_is_starlettes_400_even_without_a_key() {
    let fake = FakeServer::start().await.unwrap();
    let anonymous = Api::anonymous(&fake);
    assert_eq!(
        anonymous
            .post_raw(FILES, "multipart/form-data; boundary=xyz", b"garbage")
            .await,
        (400, json!({"detail": "Invalid multipart data."}))
    );
    assert_eq!(
        anonymous
            .post_raw(FILES, "multipart/form-data", b"garbage")
            .await,
        (400, json!({"detail": "Missing boundary in multipart."}))
    );
    assert_eq!(
        anonymous
            .post_raw(FILES, "multipart/form-data; boundary=xyz", b"--xyz--")
            .await
            .0,
        401
    );
    // Part headers may hold control characters, as for Starlette.
    let body = b"--xyz\r\nContent-Disposition: form-data; name=\"extra\x1d\"\r\n\r\nv\r\n\
--xyz\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nextract\r\n\
--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan\"\r\n\r\nbytes\r\n--xyz--\r\n";
    let (status, file) = Api::new(&fake)
        .post_raw(FILES, "multipart/form-data; boundary=xyz", body)
        .await;
    assert_eq!(status, 201, "{file}");
    assert_eq!(file["name"], "scan");
    assert_eq!(fake.file_bytes(id(&file)).unwrap(), b"bytes");
    // A file without a name cannot be a `FileV2` (its name has at least one
    // character): refused like a bad field.
    let nameless = b"--xyz\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nextract\r\n\
--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\nbytes\r\n--xyz--\r\n";
    let (status, refusal) = Api::new(&fake)
        .post_raw(FILES, "multipart/form-data; boundary=xyz", nameless)
        .await;
    assert_eq!(status, 422, "{refusal}");
    assert_eq!(refusal["detail"][0]["loc"], json!(["body", "file"]));
}
