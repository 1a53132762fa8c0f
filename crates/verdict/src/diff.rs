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
    let mut out = String::from(LEGEND);
    out.push_str(&marked_lines(&diff));
    if let Some(why) = lines_missing(&diff) {
        out.push('\n');
        out.push_str(&why);
    }
    out
}

/// The lines alone, each with its mark, each after a newline: for a
/// message that says itself what `-` and `+` are.
pub fn marked(expected: &str, actual: &str) -> String {
    marked_lines(&TextDiff::from_lines(expected, actual))
}

fn marked_lines<'a>(diff: &TextDiff<'a, 'a, 'a, str>) -> String {
    let longest = diff.old_slices().len().max(diff.new_slices().len());
    let context = if longest <= WHOLE { WHOLE } else { 3 };
    let mut out = String::new();
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

/// When the program said only some of the lines and nothing else: it
/// stopped early, or printed what it should have said.
fn lines_missing<'a>(diff: &TextDiff<'a, 'a, 'a, str>) -> Option<String> {
    let (mut said, mut missing) = (0, 0);
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Insert => return None,
            ChangeTag::Delete => missing += 1,
            ChangeTag::Equal => said += 1,
        }
    }
    (missing > 0).then(|| {
        format!(
            "Your program said {said} of these {} lines, and nothing else: did it stop early, or print a line (`println!`) instead of saying it (`t.say`, `cx.say`, `aio::say`)? What is printed goes to the terminal, and the check does not read it.",
            said + missing
        )
    })
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
    fn a_trace_with_lines_missing_says_how_lines_count() {
        let d = diff("a\nb\nc\n", "b\n");
        assert!(d.ends_with("- c\nYour program said 1 of these 3 lines, and nothing else: did it stop early, or print a line (`println!`) instead of saying it (`t.say`, `cx.say`, `aio::say`)? What is printed goes to the terminal, and the check does not read it."), "{d}");
        assert!(!diff("a\nb\n", "a\nx\n").contains("Your program said"));
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
