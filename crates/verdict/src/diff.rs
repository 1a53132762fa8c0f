//! A wrong order, shown line by line: `-` the answer key, `+` what the
//! program said, two spaces for a line both have. Long traces keep three
//! lines of context around each change.

use similar::{ChangeTag, TextDiff};

/// The first line of every diff: the one legend.
pub const LEGEND: &str =
    "The order of events differs. Lines marked - are the expected trace, + what your program said:";

/// Traces up to this many lines are shown whole.
const WHOLE: usize = 30;

/// The legend, then the lines, each with its mark (`- `, `+ `, `  `).
pub fn diff(expected: &str, actual: &str) -> String {
    let diff = TextDiff::from_lines(expected, actual);
    let context = if expected.lines().count().max(actual.lines().count()) <= WHOLE {
        WHOLE
    } else {
        3
    };
    let mut out = String::from(LEGEND);
    for (n, group) in diff.grouped_ops(context).iter().enumerate() {
        if n > 0 {
            out.push_str("\n  …");
        }
        for op in group {
            for change in diff.iter_changes(op) {
                let mark = match change.tag() {
                    ChangeTag::Delete => "- ",
                    ChangeTag::Insert => "+ ",
                    ChangeTag::Equal => "  ",
                };
                out.push('\n');
                out.push_str(mark);
                out.push_str(change.value().trim_end_matches(['\n', '\r']));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_each_line_and_keeps_the_order() {
        let d = diff("a\nb\nc\n", "a\nc\nb\n");
        assert_eq!(d, format!("{LEGEND}\n  a\n+ c\n  b\n- c"));
    }

    #[test]
    fn a_long_trace_keeps_context_around_changes() {
        let expected: String = (0..100).map(|n| format!("line {n}\n")).collect();
        let actual = expected.replace("line 50\n", "line fifty\n");
        let d = diff(&expected, &actual);
        assert!(d.contains("- line 50\n+ line fifty"), "{d}");
        assert!(d.lines().count() < 12, "{d}");
    }
}

#[cfg(test)]
mod book {
    /// book/src/ch00-before-we-start/how-to-use.md shows this diff, under
    /// "Reading a failed check": it must be what a check prints.
    #[test]
    fn the_diff_the_book_shows() {
        let expected: String = (0..5).map(|n| format!("[{n}] Hello, Reuven\n")).collect();
        let actual = "[0] Hello, Reuven\n[2] Hello, Reuven\n[1] Hello, Reuven\n[3] Hello, Reuven\n";
        let shown = super::diff(&expected, actual);
        let book = include_str!("../../../book/src/ch00-before-we-start/how-to-use.md");
        assert!(
            book.contains(&format!("```text\n{shown}\n")),
            "the book should show:\n{shown}"
        );
    }
}
