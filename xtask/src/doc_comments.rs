//! `line_doc_comments`: rewrite `/** … */` doc blocks as `///` lines.
//!
//! prettyplease prints a multi-line `#[doc]` attribute as a block comment;
//! rustfmt then indents the block's inner lines, and rustdoc reads the
//! indented text as a code block (a doctest that fails to compile). Line
//! comments carry the same text and are left alone by rustfmt.

/// Rewrites every outer doc block comment in `source` as line doc comments at
/// the block's own indentation.
pub fn line_doc_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let Some(first) = trimmed
            .strip_prefix("/**")
            .filter(|_| !trimmed.starts_with("/***"))
        else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let indent = &line[..line.len() - trimmed.len()];
        let mut push = |text: &str| {
            out.push_str(indent);
            out.push_str("///");
            out.push_str(text);
            out.push('\n');
        };
        if let Some(text) = first.strip_suffix("*/") {
            push(text);
            continue;
        }
        push(first);
        for inner in lines.by_ref() {
            match inner.strip_suffix("*/") {
                Some(last) => {
                    if !last.is_empty() {
                        push(last);
                    }
                    break;
                }
                None => push(inner),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::line_doc_comments;

    #[test]
    fn block_becomes_lines_at_its_indentation() {
        let source = "    /**Get Job\n\nSends a `GET`\n```ignore\nx\n```*/\n    pub fn f() {}\n";
        insta::assert_snapshot!(line_doc_comments(source), @r"
            ///Get Job
            ///
            ///Sends a `GET`
            ///```ignore
            ///x
            ///```
            pub fn f() {}
        ");
    }

    #[test]
    fn one_line_block_and_other_code_are_kept() {
        let source = "/**one*/\nlet a = 1; /* not doc */\n/*** banner ***/\n";
        assert_eq!(
            line_doc_comments(source),
            "///one\nlet a = 1; /* not doc */\n/*** banner ***/\n"
        );
    }
}
