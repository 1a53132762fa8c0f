//! workbook.toml under bad input: random text, and a valid manifest
//! mutated (lines dropped, doubled, cut, values of the wrong type, bytes
//! replaced). The parser must never panic, and every error must say
//! where: the file, and a line or the key (with its chapter or exercise).

use std::path::Path;

use manifest::{Error, Workbook};
use proptest::prelude::*;

const GOOD: &str = r#"title = "T"

[[chapters]]
number = 0
slug = "before-we-start"
title = "Before we start"
minutes = 15

[[chapters]]
number = 1
slug = "yield"
title = "yield"
minutes = 30

[[chapters.exercises]]
id = "hello"
kind = "implement"
title = "Hello, generator"
page = "generators.md"
minutes = 10
tests = ["hello::five_greetings"]
hints = ["one", "two"]

[[chapters.exercises]]
id = "lazy"
kind = "predict"
title = "Lazy"
page = "generators.md"
minutes = 5
tests = ["lazy::prediction", "lazy::program"]
hints = ["one", "two", "three"]

[[chapters]]
number = 2
slug = "send"
title = "send"
minutes = 30

[[chapters.exercises]]
id = "priming"
kind = "fix"
title = "Priming"
page = "priming.md"
minutes = 10
tests = ["priming::t"]
hints = ["one", "two"]
"#;

fn parse(text: &str) -> Result<Workbook, Error> {
    Workbook::parse(Path::new("/wb"), Path::new("/wb/workbook.toml"), text)
}

/// The error names the file, and a line or a key.
#[track_caller]
fn assert_located(text: &str, e: &Error) {
    assert_eq!(e.path, Path::new("/wb/workbook.toml"));
    let shown = e.to_string();
    assert!(shown.starts_with("/wb/workbook.toml: "), "{shown}");
    let message = &e.message;
    let has_line = message.starts_with("line ")
        && message[5..].split(':').next().is_some_and(|n| {
            n.parse::<usize>()
                .is_ok_and(|n| n >= 1 && n <= text.lines().count().max(1) + 1)
        });
    let has_key = message.contains('`');
    assert!(has_line || has_key, "not located: {shown}\n--- in:\n{text}");
}

/// One change to a valid manifest.
#[derive(Debug, Clone)]
enum Mutation {
    DropLine(usize),
    DoubleLine(usize),
    CutAt(usize),
    /// Replace a line's value (after `=`) with another TOML value.
    Revalue(usize, &'static str),
    /// Replace the byte range at `start` with text.
    Splice(usize, usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let values = prop::sample::select(vec![
        "3",
        "-1",
        "4294967296",
        "\"\"",
        "\"x y\"",
        "[]",
        "[1, 2]",
        "[\"a\"]",
        "{}",
        "true",
        "1979-05-27",
        "3.5",
        "\"Hello\"",
        "\"ch01\"",
        "\"hello\"",
        "[\"hello::five_greetings\"]",
        "\"é\"",
        "",
        "[",
        "\"unterminated",
    ]);
    prop_oneof![
        any::<usize>().prop_map(Mutation::DropLine),
        any::<usize>().prop_map(Mutation::DoubleLine),
        any::<usize>().prop_map(Mutation::CutAt),
        (any::<usize>(), values).prop_map(|(i, v)| Mutation::Revalue(i, v)),
        (
            any::<usize>(),
            0..8usize,
            "[\\[\\]=\"a-z0-9 .\\n#é€\u{0}-\u{7f}]{0,6}"
        )
            .prop_map(|(at, len, with)| Mutation::Splice(at, len, with)),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    if lines.is_empty() {
        return format!("{text}{m:?}");
    }
    let pick = |i: usize| i % lines.len();
    match m {
        Mutation::DropLine(i) => {
            lines.remove(pick(*i));
        }
        Mutation::DoubleLine(i) => {
            let at = pick(*i);
            lines.insert(at, lines[at].clone());
        }
        Mutation::CutAt(i) => {
            let mut at = i % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            return text[..at].to_string();
        }
        Mutation::Revalue(i, value) => {
            let at = pick(*i);
            if let Some((key, _)) = lines[at].split_once('=') {
                lines[at] = format!("{key}= {value}");
            }
        }
        Mutation::Splice(at, len, with) => {
            let mut start = at % (text.len() + 1);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + len).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            return format!("{}{with}{}", &text[..start], &text[end..]);
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn the_unmutated_manifest_parses() {
    let wb = parse(GOOD).unwrap();
    assert_eq!(wb.exercises().count(), 3);
}

#[test]
fn the_workbooks_own_manifest_parses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    Workbook::load(&root).unwrap();
}

#[test]
fn a_duplicate_chapter_number_names_the_key() {
    let text = GOOD.replace("number = 2", "number = 1");
    let e = parse(&text).unwrap_err();
    assert_located(&text, &e);
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1000,
        failure_persistence: None, // a failure prints its minimal input
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_text_never_panics_and_errors_say_where(text in "\\PC{0,200}") {
        if let Err(e) = parse(&text) {
            assert_located(&text, &e);
        }
    }

    #[test]
    fn toml_shaped_text_never_panics_and_errors_say_where(
        text in "(\\[\\[chapters(\\.exercises)?\\]\\]\n|[a-z]{1,8} = (\"[a-z:]{0,6}\"|[0-9]{1,3}|\\[\"[a-z:]{0,8}\"\\])\n){0,20}"
    ) {
        if let Err(e) = parse(&text) {
            assert_located(&text, &e);
        }
    }

    #[test]
    fn a_mutated_manifest_never_panics_and_errors_say_where(
        mutations in prop::collection::vec(mutation(), 1..4)
    ) {
        let text = mutations.iter().fold(GOOD.to_string(), |t, m| apply(&t, m));
        if let Err(e) = parse(&text) {
            assert_located(&text, &e);
        }
    }
}
