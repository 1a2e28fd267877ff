//! A `multipart/form-data` parser as lenient as the one behind Starlette
//! (python-multipart): part headers may hold any byte but CR and LF, and names and file
//! names are decoded as UTF-8 with replacement. `multer` (axum's) refuses control
//! characters in part headers, which Starlette takes and clients do send.

/// One part of a multipart body.
#[derive(Debug)]
pub(crate) struct Part {
    pub(crate) name: String,
    /// Present (possibly empty) when `Content-Disposition` has a `filename`.
    pub(crate) file_name: Option<String>,
    pub(crate) content_type: Option<String>,
    pub(crate) body: Vec<u8>,
}

/// Why a multipart body was refused, in Starlette's words (its 400 `detail`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    MissingBoundary,
    Invalid,
    MissingName,
}

impl Refused {
    pub(crate) fn detail(self) -> &'static str {
        match self {
            Self::MissingBoundary => "Missing boundary in multipart.",
            Self::Invalid => "Invalid multipart data.",
            Self::MissingName => "The Content-Disposition header field \"name\" must be provided.",
        }
    }
}

/// Splits `body` into its parts, with the boundary of `content_type`.
pub(crate) fn parse(content_type: &str, body: &[u8]) -> Result<Vec<Part>, Refused> {
    let boundary = parameters(content_type)
        .into_iter()
        .find(|(key, _)| key == "boundary")
        .map(|(_, value)| value)
        .filter(|boundary| !boundary.is_empty())
        .ok_or(Refused::MissingBoundary)?;
    let delimiter = format!("--{boundary}").into_bytes();
    let mut closing = b"\r\n".to_vec();
    closing.extend_from_slice(&delimiter);
    // python-multipart skips line breaks before the first boundary.
    let start = body
        .iter()
        .position(|&byte| byte != b'\r' && byte != b'\n')
        .unwrap_or(body.len());
    let mut rest = body[start..]
        .strip_prefix(delimiter.as_slice())
        .ok_or(Refused::Invalid)?;
    let mut parts = Vec::new();
    loop {
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        rest = rest.strip_prefix(b"\r\n").ok_or(Refused::Invalid)?;
        let (headers, after) = match rest.strip_prefix(b"\r\n") {
            Some(after) => (&rest[..0], after),
            None => {
                let end = find(rest, b"\r\n\r\n").ok_or(Refused::Invalid)?;
                (&rest[..end], &rest[end + 4..])
            }
        };
        let end = find(after, &closing).ok_or(Refused::Invalid)?;
        parts.push(part(headers, &after[..end])?);
        rest = &after[end + closing.len()..];
    }
}

fn part(headers: &[u8], body: &[u8]) -> Result<Part, Refused> {
    let mut disposition = Vec::new();
    let mut content_type = None;
    for line in String::from_utf8_lossy(headers).split("\r\n") {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        match name.trim().to_ascii_lowercase().as_str() {
            "content-disposition" => disposition = parameters(value),
            "content-type" => content_type = Some(value.trim().to_owned()),
            _ => {}
        }
    }
    let parameter = |wanted: &str| {
        disposition
            .iter()
            .find(|(key, _)| key == wanted)
            .map(|(_, value)| value.clone())
    };
    Ok(Part {
        name: parameter("name").ok_or(Refused::MissingName)?,
        file_name: parameter("filename"),
        content_type,
        body: body.to_vec(),
    })
}

/// The `key=value` parameters after the first `;` of a header value, keys lowercased,
/// values unquoted (`\"` and `\\` escapes included), as Python's `email` parses them.
pub(crate) fn parameters(header: &str) -> Vec<(String, String)> {
    let mut parameters = Vec::new();
    let mut chars = header.chars().skip_while(|&c| c != ';').peekable();
    while chars.next().is_some() {
        let key: String = chars.by_ref().take_while(|&c| c != '=').collect();
        let key = key.trim().to_ascii_lowercase();
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'"').is_some() {
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => value.extend(chars.next()),
                    c => value.push(c),
                }
            }
            // Whatever follows the closing quote, up to the next parameter.
            while chars.next_if(|&c| c != ';').is_some() {}
        } else {
            while let Some(c) = chars.next_if(|&c| c != ';') {
                value.push(c);
            }
            value = value.trim().to_owned();
        }
        if !key.is_empty() {
            parameters.push((key, value));
        }
    }
    parameters
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::{Refused, parameters, parse};

    const TYPE: &str = "multipart/form-data; boundary=xyz";

    #[test]
    fn parameters_unquote_like_email() {
        assert_eq!(
            parameters(r#"form-data; name="a;b"; filename="x \"y\".pdf"; Size=3"#),
            vec![
                ("name".to_owned(), "a;b".to_owned()),
                ("filename".to_owned(), "x \"y\".pdf".to_owned()),
                ("size".to_owned(), "3".to_owned()),
            ]
        );
        assert_eq!(
            parameters("multipart/form-data; boundary=\"q\""),
            vec![("boundary".to_owned(), "q".to_owned())]
        );
        assert!(parameters("form-data").is_empty());
    }

    #[test]
    fn parts_carry_names_files_and_bytes() {
        let body = b"--xyz\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nextract\r\n\
--xyz\r\ncontent-disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\
Content-Type: application/pdf\r\n\r\n%PDF\r\n\x00\r\n--xyz--\r\n";
        let parts = parse(TYPE, body).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "purpose");
        assert_eq!(parts[0].file_name, None);
        assert_eq!(parts[0].body, b"extract");
        assert_eq!(parts[1].file_name.as_deref(), Some("a.pdf"));
        assert_eq!(parts[1].content_type.as_deref(), Some("application/pdf"));
        assert_eq!(parts[1].body, b"%PDF\r\n\x00");
    }

    #[test]
    fn control_characters_in_names_are_taken() {
        let body = b"--xyz\r\nContent-Disposition: form-data; name=\"a\x1db\"\r\n\r\nv\r\n--xyz--";
        assert_eq!(parse(TYPE, body).unwrap()[0].name, "a\u{1d}b");
        let empty = b"--xyz\r\nContent-Disposition: form-data; name=\"e\"; filename=\"\"\r\n\r\n\r\n--xyz--";
        assert_eq!(
            parse(TYPE, empty).unwrap()[0].file_name.as_deref(),
            Some("")
        );
    }

    #[test]
    fn broken_bodies_are_refused() {
        assert_eq!(
            parse("multipart/form-data", b"").unwrap_err(),
            Refused::MissingBoundary
        );
        assert_eq!(parse(TYPE, b"garbage").unwrap_err(), Refused::Invalid);
        assert_eq!(
            parse(TYPE, b"--xyz\r\n\r\nno end").unwrap_err(),
            Refused::Invalid
        );
        let nameless = b"--xyz\r\nContent-Disposition: form-data\r\n\r\nv\r\n--xyz--";
        assert_eq!(parse(TYPE, nameless).unwrap_err(), Refused::MissingName);
        assert!(parse(TYPE, b"--xyz--").unwrap().is_empty());
        assert!(parse(TYPE, b"\r\n--xyz--").unwrap().is_empty());
        assert_eq!(
            parse(TYPE, b"preamble\r\n--xyz--").unwrap_err(),
            Refused::Invalid
        );
    }
}
