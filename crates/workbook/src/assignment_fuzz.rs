//! Assignment files under bad input: random text, and valid assignments
//! mutated, as crates/manifest fuzzes workbook.toml (the same file of
//! mutations, `bad_toml`). [`Assignment::parse`] never panics, and every
//! error is one line that starts with the file and says where: a line,
//! or the key.

use std::path::Path;

#[path = "../../manifest/tests/bad_toml/mod.rs"]
mod bad_toml;

use crate::assignment::Assignment;
use crate::assignment::tests::wb;

const GOOD: &str = "title = \"Week 1\"\ndue = 2026-03-14\nchapters = [1, \"send\"]\nexercises = [\"hello\"]\n\n[weights]\nhello = 2\npriming = 0.5\n";

/// Parses `text`; an error is one line that names the file, and a line
/// or a key.
#[track_caller]
fn check(text: &str) {
    let Err(e) = Assignment::parse(&wb(), Path::new("week1.toml"), text) else {
        return;
    };
    let Some(rest) = e.strip_prefix("week1.toml: ") else {
        panic!("{e}");
    };
    assert!(!e.contains('\n'), "one line: {e}");
    assert!(
        bad_toml::says_where(rest, text),
        "not located: {e}\n--- in:\n{text}"
    );
}

#[test]
fn the_unmutated_assignment_parses() {
    let a = Assignment::parse(&wb(), Path::new("week1.toml"), GOOD).unwrap();
    assert_eq!(a.exercises, ["hello", "lazy", "priming"]);
}

/// And random text, and text shaped like an assignment (`bad_toml`).
#[test]
fn a_mutated_assignment_never_panics_and_errors_say_where() {
    bad_toml::never_panics(
        "(\\[weights\\]\n|(title|due|chapters|exercises|hello|priming|x) = (\"[a-z0-9-]{0,6}\"|-?[0-9]{1,3}(\\.[0-9])?|2026-03-14|nan|inf|\\[(\"?[a-z0-9]{1,7}\"?, ?){0,3}\\]|\\{\\})\n){0,8}",
        GOOD,
        check,
    );
}
