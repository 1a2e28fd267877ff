//! Files: uploaded (with their bytes), or seeded as JSON only.

use std::path::Path;

use serde_json::{Value, json};
use uuid::Uuid;

use super::{Store, StoredFile, now, ordered};

/// The contract's longest `file_type`.
const MAX_FILE_TYPE: usize = 3000;

/// A file as received: by upload, in a job-on-file form, or inline in a stateless run.
#[derive(Debug)]
pub(crate) struct NewFile {
    pub(crate) name: String,
    pub(crate) project_id: Uuid,
    pub(crate) purpose: String,
    pub(crate) external_file_id: Option<String>,
    pub(crate) content_type: Option<String>,
    pub(crate) bytes: Vec<u8>,
}

impl Store {
    /// Stores a file; returns its id and its `File` JSON.
    pub(crate) fn add_file(&mut self, new: NewFile) -> (Uuid, Value) {
        let id = Uuid::new_v4();
        let now = now();
        let json = json!({
            "id": id,
            "name": new.name,
            "project_id": new.project_id,
            "file_type": file_type(&new.name),
            "file_size": new.bytes.len(),
            "purpose": new.purpose,
            "external_file_id": new.external_file_id,
            "created_at": now,
            "updated_at": now,
            "last_modified_at": now,
            "expires_at": null,
        });
        let order = self.next_order();
        let file = StoredFile {
            json: json.clone(),
            order,
            bytes: new.bytes,
            content_type: new.content_type,
        };
        self.files.insert(id, file);
        (id, json)
    }

    pub(crate) fn file(&self, id: Uuid) -> Option<Value> {
        self.files.get(&id).map(|file| file.json.clone())
    }

    /// Deletes a file; jobs that read it keep their copy of its JSON.
    pub(crate) fn delete_file(&mut self, id: Uuid) -> bool {
        self.files.remove(&id).is_some()
    }

    /// A stored file's bytes and content type (a seeded file has no bytes: empty).
    pub(crate) fn file_content(&self, id: Uuid) -> Option<(Vec<u8>, Option<String>)> {
        self.files
            .get(&id)
            .map(|file| (file.bytes.clone(), file.content_type.clone()))
    }

    /// Every file, oldest first.
    pub(crate) fn files(&self) -> Vec<Value> {
        ordered(self.files.values().map(|f| (f.order, &f.json)), false)
    }

    pub(crate) fn file_bytes(&self, id: Uuid) -> Option<Vec<u8>> {
        self.files.get(&id).map(|file| file.bytes.clone())
    }

    pub(crate) fn file_content_type(&self, id: Uuid) -> Option<String> {
        self.files.get(&id)?.content_type.clone()
    }
}

/// The extension, lowercased (`report.PDF` is a `pdf`), or none.
fn file_type(name: &str) -> Option<String> {
    Path::new(name)
        .extension()
        .map(|extension| extension.to_string_lossy().to_lowercase())
        .filter(|extension| !extension.is_empty() && extension.len() <= MAX_FILE_TYPE)
}

#[cfg(test)]
mod tests {
    use super::file_type;

    #[test]
    fn the_file_type_is_the_extension() {
        assert_eq!(file_type("invoice.PDF").as_deref(), Some("pdf"));
        assert_eq!(file_type("archive.tar.gz").as_deref(), Some("gz"));
        assert_eq!(file_type("dir/notes.txt").as_deref(), Some("txt"));
        assert_eq!(file_type("README"), None);
        assert_eq!(file_type(".bashrc"), None);
        assert_eq!(file_type("trailing."), None);
        assert_eq!(file_type(""), None);
    }
}
