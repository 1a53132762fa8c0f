//! verify's manifest check: no hint in workbook.toml hands over the
//! solution. A hint leads from the idea to the shape of the code; a hint
//! that contains a line of the solution the stub does not already have has
//! given the answer away, and a learner who asks for the last hint is then
//! copying, not solving.
//!
//! A hint is prose with inline code, a solution is rustfmt'd code, so both
//! are compared after [`normalise`]: backticks and whitespace dropped. What is looked for is a line's [`core`]: the trimmed line
//! without the `;`, `,` or `{` that ends it (a hint quotes
//! `co.yield_(x).await`, without its semicolon), and, for a line that is one
//! string literal (a PREDICTION's line), the text between its quotes.

use manifest::Workbook;

/// Lines shorter than this (trimmed) are too common to give anything away:
/// `for i in 0..5 {`, `let mut total = 0;`.
const SHORTEST_LEAK: usize = 30;

/// One problem for each hint that quotes a line of its exercise's solution.
pub fn problems(wb: &Workbook) -> Vec<String> {
    let mut problems = Vec::new();
    for (chapter, exercise) in wb.exercises() {
        // A missing file is reported by the manifest check already.
        let (Ok(solution), Ok(stub)) = (
            std::fs::read_to_string(chapter.solution_file(&wb.root, exercise)),
            std::fs::read_to_string(chapter.stub_file(&wb.root, exercise)),
        ) else {
            continue;
        };
        for leak in leaks(&exercise.hints, &solution, &stub) {
            problems.push(format!(
                "hint {} of exercise `{}` gives away a line of its solution: `{}`; a hint may show the shape (which calls, in what structure), not the solution's lines",
                leak.hint, exercise.id, leak.line
            ));
        }
    }
    problems
}

#[derive(Debug, PartialEq)]
pub struct Leak {
    /// Counted from 1, as `cargo wb hint` shows them.
    pub hint: usize,
    /// The solution's line, trimmed.
    pub line: String,
}

/// Every (hint, line) where the hint contains a line of `solution` that is
/// not in `stub`.
pub fn leaks(hints: &[String], solution: &str, stub: &str) -> Vec<Leak> {
    let stub_lines: Vec<&str> = stub.lines().map(str::trim).collect();
    let stub_text = normalise(stub);
    let mut secret_lines: Vec<(&str, String)> = Vec::new();
    for line in solution.lines().map(str::trim) {
        if line.chars().count() < SHORTEST_LEAK || is_comment(line) || stub_lines.contains(&line) {
            continue;
        }
        let needle = normalise(core(line));
        // Text the stub already shows (a string the program says, which a
        // PREDICTION repeats) is no secret.
        if needle.is_empty() || stub_text.contains(&needle) {
            continue;
        }
        if !secret_lines.iter().any(|(seen, _)| *seen == line) {
            secret_lines.push((line, needle));
        }
    }
    let mut found = Vec::new();
    for (index, hint) in hints.iter().enumerate() {
        let hint_text = normalise(hint);
        for (line, needle) in &secret_lines {
            if hint_text.contains(needle.as_str()) {
                found.push(Leak {
                    hint: index + 1,
                    line: line.to_string(),
                });
            }
        }
    }
    found
}

/// `//`, `///`, `//!`, and the lines of a `/* … */` block.
fn is_comment(line: &str) -> bool {
    line.starts_with("//")
        || line.starts_with("/*")
        || line.starts_with("*/")
        || line == "*"
        || line.starts_with("* ")
}

/// What a hint would quote of a line: no line-ending punctuation, and a
/// string literal's text without its quotes.
fn core(line: &str) -> &str {
    let line = line.trim_end_matches([';', ',', '{', ' ']);
    match line.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
        Some(text) if !text.contains('"') => text,
        _ => line,
    }
}

/// Backticks and whitespace dropped: a hint may break a line of code
/// anywhere, or space it otherwise, and still quote it.
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| *c != '`' && !c.is_whitespace())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STUB: &str = r#"//! Make `hello(name)` a generator.
pub fn hello(name: &str) -> impl Iterator<Item = String> {
    Gen::new(|co| async move {
        todo!("yield five greetings with co.yield_(…).await")
    })
    .into_iter()
}
pub const PREDICTION: &[&str] = &[];
"#;

    const SOLUTION: &str = r#"//! `hello(name)` is a generator that yields five greetings, one a resume.
pub fn hello(name: &str) -> impl Iterator<Item = String> {
    Gen::new(|co| async move {
        // each greeting waits here until the caller asks for the next one
        for i in 0..5 {
            co.yield_(format!("[{i}] Hello, {name}")).await;
        }
    })
    .into_iter()
}
pub const PREDICTION: &[&str] = &[
    "main: the generator handed over 1",
];
"#;

    fn hints(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn a_hint_that_quotes_a_line_of_the_solution_is_caught() {
        let found = leaks(
            &hints(&[
                "Yield each greeting.",
                "The body is `for i in 0..5 { co.yield_(format!(\"[{i}] Hello, {name}\")).await; }`.",
            ]),
            SOLUTION,
            STUB,
        );
        assert_eq!(
            found,
            vec![Leak {
                hint: 2,
                line: r#"co.yield_(format!("[{i}] Hello, {name}")).await;"#.to_string()
            }]
        );
    }

    #[test]
    fn backticks_spacing_and_the_semicolon_do_not_hide_a_leak() {
        let found = leaks(
            &hints(&["Write `co.yield_(format!(\"[{i}] Hello,   {name}\"))`\n`.await` in a loop."]),
            SOLUTION,
            STUB,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].hint, 1);
    }

    #[test]
    fn a_prediction_line_quoted_without_its_quotes_is_caught() {
        let found = leaks(
            &hints(&["The last line is `main: the generator handed over 1`."]),
            SOLUTION,
            STUB,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].line, r#""main: the generator handed over 1","#);
    }

    #[test]
    fn a_hint_that_shows_only_the_shape_passes() {
        let found = leaks(
            &hints(&[
                "Where Python writes `yield value`, genawaiter writes `co.yield_(value).await`.",
                "A `for` loop over `0..5`, and in it one `co.yield_(…).await` of a `format!` of the greeting.",
            ]),
            SOLUTION,
            STUB,
        );
        assert_eq!(found, vec![]);
    }

    #[test]
    fn short_lines_comments_and_the_stubs_own_lines_do_not_count() {
        let found = leaks(
            &hints(&[
                // short: `for i in 0..5 {`
                "Loop with `for i in 0..5 {`.",
                // a comment of the solution
                "Then each greeting waits here until the caller asks for the next one.",
                // a line the stub has too
                "Keep `pub fn hello(name: &str) -> impl Iterator<Item = String> {` as it is.",
            ]),
            SOLUTION,
            STUB,
        );
        assert_eq!(found, vec![]);
    }

    #[test]
    fn text_the_stub_already_shows_is_no_secret() {
        // The solution's line is new, but what it says is in the stub.
        let stub = "t.say(\"main: calling the generator steps\");\n";
        let solution = "t.say(\"main: calling the generator steps\");\n\"main: calling the generator steps\",\n";
        let found = leaks(
            &hints(&["It starts with `main: calling the generator steps`."]),
            solution,
            stub,
        );
        assert_eq!(found, vec![]);
    }
}
