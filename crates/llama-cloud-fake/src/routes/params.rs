//! Path parameters read the way Starlette reads them.

/// Percent-decodes a raw path segment as Python's `urllib.parse.unquote` does (which is
/// what uvicorn applies to the path): invalid escapes stay literal and bytes that are
/// not UTF-8 become U+FFFD. axum's own extractors would instead reject such input with
/// a plain-text 400 that the contract does not document.
pub(crate) fn decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let escaped = match (bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(&hi), Some(&lo)) if byte == b'%' => hex(hi).zip(hex(lo)),
            _ => None,
        };
        match escaped {
            Some((hi, lo)) => {
                decoded.push((hi << 4) | lo);
                i += 3;
            }
            None => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

fn hex(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_like_unquote() {
        assert_eq!(decode("abc"), "abc");
        assert_eq!(decode("a%20b"), "a b");
        assert_eq!(decode("a%2Fb"), "a/b");
        assert_eq!(decode("%e9"), "\u{fffd}");
        assert_eq!(decode("%C3%A9"), "é");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("100%"), "100%");
    }
}
