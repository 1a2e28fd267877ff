//! Unified diffs for `--check` output.

use similar::TextDiff;

/// A unified diff (3 lines of context) from `old` to `new`, labelled with
/// `path`, or `None` when the texts are identical.
pub fn unified(path: &str, old: &str, new: &str) -> Option<String> {
    if old == new {
        return None;
    }
    let diff = TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(
            &format!("a/{path} (checked in)"),
            &format!("b/{path} (generated)"),
        )
        .to_string();
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::unified;

    #[test]
    fn identical_texts_have_no_diff() {
        assert_eq!(unified("f.rs", "a\nb\n", "a\nb\n"), None);
    }

    #[test]
    fn a_changed_line_shows_as_removed_and_added() {
        let diff = unified("f.rs", "a\nb\nc\n", "a\nB\nc\n").unwrap_or_default();
        insta::assert_snapshot!(diff, @r"
        --- a/f.rs (checked in)
        +++ b/f.rs (generated)
        @@ -1,3 +1,3 @@
         a
        -b
        +B
         c
        ");
    }
}
