//! Assignment files under bad input: random text, and valid assignments
//! mutated. [`Assignment::parse`] never panics, and every error is one
//! line that starts with the file and says where: a line, or the key.

use std::path::Path;

use manifest::Workbook;
use proptest::prelude::*;

use crate::assignment::Assignment;

const WB: &str = r#"
title = "T"
[[chapters]]
number = 0
slug = "intro"
title = "Intro"
minutes = 5
[[chapters]]
number = 1
slug = "yield"
title = "yield"
minutes = 30
[[chapters.exercises]]
id = "hello"
kind = "implement"
title = "Hello"
page = "p.md"
minutes = 10
tests = ["hello::t"]
hints = ["one", "two"]
[[chapters]]
number = 2
slug = "send"
title = "send"
minutes = 30
[[chapters.exercises]]
id = "priming"
kind = "fix"
title = "Priming"
page = "p.md"
minutes = 10
tests = ["priming::t"]
hints = ["one", "two"]
"#;

const GOOD: &str = "title = \"Week 1\"\ndue = 2026-03-14\nchapters = [1, \"send\"]\nexercises = [\"hello\"]\n\n[weights]\nhello = 2\npriming = 0.5\n";

fn parse(text: &str) -> Result<Assignment, String> {
    let wb = Workbook::parse(Path::new("/wb"), Path::new("/wb/workbook.toml"), WB).unwrap();
    Assignment::parse(&wb, Path::new("week1.toml"), text)
}

#[track_caller]
fn assert_located(text: &str, e: &str) {
    assert!(e.starts_with("week1.toml: "), "{e}");
    assert!(!e.contains('\n'), "one line: {e}");
    let rest = &e["week1.toml: ".len()..];
    let has_line = rest.starts_with("line ")
        && rest[5..].split(':').next().is_some_and(|n| {
            n.parse::<usize>()
                .is_ok_and(|n| n >= 1 && n <= text.lines().count() + 1)
        });
    assert!(
        has_line || rest.contains('`'),
        "not located: {e}\n--- in:\n{text}"
    );
}

/// Replace the byte range at `start` (any number) of `text` with `with`.
fn splice(text: &str, start: usize, len: usize, with: &str) -> String {
    let mut start = start % (text.len() + 1);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!("{}{with}{}", &text[..start], &text[end..])
}

#[test]
fn the_unmutated_assignment_parses() {
    let a = parse(GOOD).unwrap();
    assert_eq!(a.exercises, ["hello", "priming"]);
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1000,
        failure_persistence: None, // a failure prints its minimal input
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_text_never_panics_and_errors_say_where(text in "\\PC{0,120}") {
        if let Err(e) = parse(&text) {
            assert_located(&text, &e);
        }
    }

    #[test]
    fn assignment_shaped_text_never_panics_and_errors_say_where(
        text in "(\\[weights\\]\n|(title|due|chapters|exercises|hello|priming|x) = (\"[a-z0-9-]{0,6}\"|-?[0-9]{1,3}(\\.[0-9])?|2026-03-14|nan|inf|\\[(\"?[a-z0-9]{1,7}\"?, ?){0,3}\\]|\\{\\})\n){0,8}"
    ) {
        if let Err(e) = parse(&text) {
            assert_located(&text, &e);
        }
    }

    #[test]
    fn a_mutated_assignment_never_panics_and_errors_say_where(
        edits in prop::collection::vec((any::<usize>(), 0..10usize, "[\\[\\]={}\"a-z0-9 .,\\n#é-]{0,8}"), 1..4)
    ) {
        let text = edits
            .iter()
            .fold(GOOD.to_string(), |t, (at, len, with)| splice(&t, *at, *len, with));
        if let Err(e) = parse(&text) {
            assert_located(&text, &e);
        }
    }
}
