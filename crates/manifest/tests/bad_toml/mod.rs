//! Bad input for the workbook's readers of TOML files: random text, text
//! shaped like their files, and a valid file mutated (lines dropped,
//! doubled, cut, values of the wrong type, bytes replaced). A reader must
//! never panic, and every error must say where.
//!
//! Shared by the fuzz tests of `workbook.toml` (tests/fuzz.rs) and of
//! assignment files (crates/workbook/src/assignment_fuzz.rs, which
//! includes this file by its path).

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// `check` on random text, on text that matches `shaped` (a regex: lines
/// shaped like the files), and on `good` changed one to three times.
pub fn never_panics(shaped: &str, good: &str, check: impl Fn(&str)) {
    run("random text", &"\\PC{0,200}", |text: String| check(&text));
    run("shaped text", &shaped, |text: String| check(&text));
    let mutations = prop::collection::vec(mutation(), 1..4);
    run("a good file mutated", &mutations, |mutations| {
        check(&mutations.iter().fold(good.to_string(), |t, m| apply(&t, m)));
    });
}

/// A thousand cases of `strategy`; a failure names its smallest input.
fn run<S: Strategy>(what: &str, strategy: &S, test: impl Fn(S::Value)) {
    let mut runner = TestRunner::new(Config {
        cases: 1000,
        failure_persistence: None, // a failure prints its minimal input
        ..Config::default()
    });
    if let Err(failure) = runner.run(strategy, |value| {
        test(value);
        Ok(())
    }) {
        panic!("{what}: {failure}");
    }
}

/// Whether an error's message (after the file's name) says where: it
/// starts with `line N:`, N a line of `text` (or the one after its end),
/// or it names a key (in backquotes).
pub fn says_where(message: &str, text: &str) -> bool {
    let has_line = message.starts_with("line ")
        && message[5..].split(':').next().is_some_and(|n| {
            n.parse::<usize>()
                .is_ok_and(|n| n >= 1 && n <= text.lines().count().max(1) + 1)
        });
    has_line || message.contains('`')
}

/// One change to a valid file.
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
        "nan",
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
            0..10usize,
            "[\\[\\]={}\"a-z0-9 .,\\n#é€\u{0}-\u{7f}]{0,8}"
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
