//! Running cargo, and reading what libtest printed: the one place `check`,
//! `bless` and `verify` get test results from.

use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result};

use crate::style;

/// The test binary that holds every exercise's tests, as cargo names it.
pub const EXERCISES: &str = "tests/exercises.rs";
/// The test binary of the book's programs.
pub const DEMOS: &str = "tests/demos.rs";
/// What we call the doc tests (cargo says `Doc-tests <crate>`).
pub const DOC_TESTS: &str = "doc-tests";

/// `cargo` as cargo itself tells us (`cargo wb` runs under `cargo run`,
/// which sets `CARGO`), run in the workbook's root.
pub fn command(root: &Path) -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(root);
    cmd
}

/// The book builder (crates/wb-book, a crate of its own so that `check`
/// never compiles mdBook), or `None` if it is not in this workbook.
pub fn book_builder(root: &Path, open: bool) -> Option<Command> {
    if !root.join("crates/wb-book/Cargo.toml").is_file() {
        return None;
    }
    let mut cmd = command(root);
    cmd.args(["run", "-q", "-p", "wb-book", "--", "build"]);
    if open {
        cmd.arg("--open");
    }
    Some(cmd)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// Print cargo's output as it comes (the learner wants the diffs).
    Stream,
    /// Keep it, stdout and stderr interleaved as printed, in [`TestRun::output`].
    Capture,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed,
    Ignored,
    /// Named by `-- --list`, not run.
    Listed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestResult {
    /// The test binary, from cargo's `Running tests/exercises.rs (…)` line;
    /// `None` when cargo's stderr was not read ([`Show::Stream`]).
    pub target: Option<String>,
    pub name: String,
    pub outcome: Outcome,
    /// What a failing test printed: its panic message, the snapshot diff.
    pub output: String,
}

#[derive(Debug, Default)]
pub struct TestRun {
    pub success: bool,
    pub results: Vec<TestResult>,
    /// Everything cargo and the tests printed ([`Show::Capture`] only).
    pub output: String,
}

/// `cargo test ARGS` in `root`, and what came of each test.
pub fn test(root: &Path, args: &[&str], show: Show) -> Result<TestRun> {
    eprintln!("$ cargo test {}", shell_words(args));
    let mut args: Vec<&str> = args.to_vec();
    let mut cmd = command(root);
    // Through our pipe, libtest and insta would think nobody looks, and drop
    // their colours; a learner at a terminal should still see red and green.
    if show == Show::Stream && style::enabled() {
        if !args.contains(&"--") {
            args.push("--");
        }
        args.push("--color=always");
        cmd.env("CLICOLOR_FORCE", "1");
    }
    cmd.arg("test").args(&args);

    let mut parser = Parser::default();
    let status = match show {
        Show::Stream => {
            // stderr (compiler messages, progress) goes straight to the
            // terminal; stdout is libtest's, which we read and pass on.
            cmd.stdout(Stdio::piped());
            let mut child = cmd.spawn().context("cannot run cargo")?;
            let stdout = child.stdout.take().expect("stdout is piped");
            let mut out = std::io::stdout();
            for_each_line(stdout, |line| {
                let _ = out.write_all(line.as_bytes()).and_then(|()| out.flush());
                parser.feed(line);
            })?;
            child.wait()?
        }
        Show::Capture => {
            // One pipe for both streams keeps cargo's `Running …` lines in
            // order with the tests they announce.
            let (reader, writer) = std::io::pipe()?;
            cmd.stdout(writer.try_clone()?).stderr(writer);
            let mut child = cmd.spawn().context("cannot run cargo")?;
            drop(cmd); // it holds the pipe's write end: reading ends when cargo's copies close
            // A first build takes minutes: on a terminal, say what is being
            // compiled on one line that is rewritten, and wiped at the end.
            let progress = std::io::stderr().is_terminal();
            for_each_line(reader, |line| {
                if progress && let Some(what) = line.trim_start().strip_prefix("Compiling ") {
                    let name = what.split(' ').next().unwrap_or(what);
                    eprint!("\r\x1b[K  compiling {name}…");
                }
                parser.output.push_str(line);
                parser.feed(line);
            })?;
            if progress {
                eprint!("\r\x1b[K");
            }
            child.wait()?
        }
    };
    let mut run = parser.finish();
    run.success = status.success();
    Ok(run)
}

fn for_each_line(from: impl Read, mut f: impl FnMut(&str)) -> Result<()> {
    let mut reader = BufReader::new(from);
    let mut buf = Vec::new();
    while reader.read_until(b'\n', &mut buf)? > 0 {
        f(&String::from_utf8_lossy(&buf));
        buf.clear();
    }
    Ok(())
}

/// Arguments as one could paste them into a shell.
pub fn shell_words(args: &[&str]) -> String {
    let quoted: Vec<String> = args
        .iter()
        .map(|a| {
            if a.contains(['"', ' ', '*']) {
                format!("'{a}'")
            } else {
                a.to_string()
            }
        })
        .collect();
    quoted.join(" ")
}

impl TestRun {
    /// How `name` ended in `target` (a result without a known target counts
    /// for any target).
    pub fn outcome(&self, name: &str, target: &str) -> Option<&TestResult> {
        self.results
            .iter()
            .find(|r| r.name == name && r.target.as_deref().is_none_or(|t| t == target))
    }

    pub fn count(&self, outcome: Outcome) -> usize {
        self.results.iter().filter(|r| r.outcome == outcome).count()
    }

    pub fn failed(&self) -> impl Iterator<Item = &TestResult> {
        self.results.iter().filter(|r| r.outcome == Outcome::Failed)
    }

    /// Cargo stopped before any test ran: the code does not compile (or
    /// cargo itself refused, e.g. an unknown package).
    pub fn did_not_compile(&self) -> bool {
        !self.success
            && (self.results.is_empty() || self.output.contains("error: could not compile"))
    }

    /// The compiler's (or cargo's) complaint in captured output: from the
    /// first `error` line on, without the `Compiling …` chatter before it.
    pub fn errors(&self) -> String {
        let lines: Vec<&str> = self.output.lines().collect();
        let first = lines
            .iter()
            .position(|l| l.starts_with("error"))
            .unwrap_or(0);
        lines[first..].join("\n")
    }
}

/// Reads cargo's and libtest's output one line at a time.
#[derive(Default)]
struct Parser {
    target: Option<String>,
    /// The failing test whose `---- NAME stdout ----` block is being read.
    failure: Option<(String, String)>,
    results: Vec<TestResult>,
    output: String,
}

impl Parser {
    fn feed(&mut self, raw: &str) {
        let line = strip_ansi(raw.trim_end_matches(['\n', '\r']));
        let line = line.as_str();

        // libtest's failures section: `---- NAME stdout ----`, what the test
        // printed, and a line `failures:` after the last one.
        if let Some(name) = line.strip_prefix("---- ").and_then(|l| {
            l.strip_suffix(" stdout ----")
                .or_else(|| l.strip_suffix(" stderr ----"))
        }) {
            self.end_failure();
            self.failure = Some((name.to_string(), String::new()));
            return;
        }
        if let Some((_, text)) = &mut self.failure {
            if line == "failures:" || line == "successes:" {
                self.end_failure();
            } else {
                text.push_str(line);
                text.push('\n');
            }
            return;
        }

        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("Running ") {
            // `Running unittests src/lib.rs (target/…)`, `Running tests/demos.rs (…)`
            let target = rest.split(" (").next().unwrap_or(rest);
            let target = target.strip_prefix("unittests ").unwrap_or(target);
            self.target = Some(target.replace('\\', "/"));
        } else if trimmed.starts_with("Doc-tests ") {
            self.target = Some(DOC_TESTS.to_string());
        } else if let Some((name, result)) = line
            .strip_prefix("test ")
            .and_then(|r| r.rsplit_once(" ... "))
        {
            let outcome = match result {
                "ok" => Outcome::Passed,
                "FAILED" => Outcome::Failed,
                r if r.starts_with("ignored") => Outcome::Ignored,
                _ => return,
            };
            let name = name.strip_suffix(" - should panic").unwrap_or(name);
            self.push(name, outcome);
        } else if let Some(name) = line.strip_suffix(": test") {
            self.push(name, Outcome::Listed);
        }
    }

    fn push(&mut self, name: &str, outcome: Outcome) {
        self.results.push(TestResult {
            target: self.target.clone(),
            name: name.to_string(),
            outcome,
            output: String::new(),
        });
    }

    /// Attach a failure's text to the latest result of that name.
    fn end_failure(&mut self) {
        if let Some((name, text)) = self.failure.take()
            && let Some(result) = self.results.iter_mut().rev().find(|r| r.name == name)
        {
            result.output = text.trim_end().to_string();
        }
    }

    fn finish(mut self) -> TestRun {
        self.end_failure();
        TestRun {
            success: false,
            results: self.results,
            output: self.output,
        }
    }
}

/// Drop terminal escape codes: colours (`ESC [ … m`) and the character-set
/// reset some terminals' "plain" adds (`ESC ( B`).
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('[') => {
                chars.find(|c| ('@'..='~').contains(c));
            }
            Some('(' | ')') => {
                chars.next();
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> TestRun {
        let mut parser = Parser::default();
        for line in text.split_inclusive('\n') {
            parser.feed(line);
        }
        parser.finish()
    }

    /// What `cargo test -p ch01-yield --no-fail-fast` prints (both streams)
    /// when one exercise is wrong.
    const RUN: &str = "\
   Compiling ch01-yield v0.1.0 (/wb/crates/ch01-yield)
    Finished `test` profile [unoptimized + debuginfo] target(s) in 0.76s
     Running unittests src/lib.rs (target/debug/deps/ch01_yield-5e1a)

running 0 tests

test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

     Running tests/demos.rs (target/debug/deps/demos-77d9)

running 1 test
test hello ... ok

test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

     Running tests/exercises.rs (target/debug/deps/exercises-77d9)

running 3 tests
test hello::five_greetings ... FAILED
test lazy::prediction ... \x1b[32mok\x1b[0m
test later::one ... ignored, not written yet
test later::two ... \x1b[31mFAILED\x1b(B\x1b[m

failures:

---- hello::five_greetings stdout ----
The order of events differs.
-old snapshot
+new results

failures:
    hello::five_greetings

test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s

error: test failed, to rerun pass `--test exercises`
   Doc-tests ch01_yield
";

    #[test]
    fn reads_each_test_with_its_binary_and_outcome() {
        let run = parse(RUN);
        let got: Vec<(Option<&str>, &str, Outcome)> = run
            .results
            .iter()
            .map(|r| (r.target.as_deref(), r.name.as_str(), r.outcome))
            .collect();
        assert_eq!(
            got,
            [
                (Some(DEMOS), "hello", Outcome::Passed),
                (Some(EXERCISES), "hello::five_greetings", Outcome::Failed),
                (Some(EXERCISES), "lazy::prediction", Outcome::Passed),
                (Some(EXERCISES), "later::one", Outcome::Ignored),
                (Some(EXERCISES), "later::two", Outcome::Failed),
            ]
        );
        // The demo `hello` and the exercise `hello` are told apart by binary.
        assert_eq!(run.outcome("hello", EXERCISES), None);
        assert_eq!(
            run.outcome("hello", DEMOS).unwrap().outcome,
            Outcome::Passed
        );
    }

    #[test]
    fn keeps_what_a_failing_test_printed() {
        let run = parse(RUN);
        let failed = run.outcome("hello::five_greetings", EXERCISES).unwrap();
        assert_eq!(
            failed.output,
            "The order of events differs.\n-old snapshot\n+new results"
        );
    }

    #[test]
    fn reads_a_list_of_tests() {
        let run = parse(
            "     Running tests/exercises.rs (target/debug/deps/exercises-1)\n\
             hello::five_greetings: test\n\n1 test, 0 benchmarks\n   Doc-tests ch01_yield\n\
             src/lib.rs - (line 3): test\n",
        );
        let listed: Vec<(&str, &str)> = run
            .results
            .iter()
            .map(|r| (r.target.as_deref().unwrap(), r.name.as_str()))
            .collect();
        assert_eq!(
            listed,
            [
                (EXERCISES, "hello::five_greetings"),
                (DOC_TESTS, "src/lib.rs - (line 3)")
            ]
        );
        assert!(run.results.iter().all(|r| r.outcome == Outcome::Listed));
    }

    #[test]
    fn a_streamed_run_has_no_binary_names_and_still_counts() {
        // In `check`, cargo's stderr goes to the terminal: only libtest's lines are read.
        let run = parse("running 1 test\ntest hello::five_greetings ... ok\n");
        assert_eq!(run.results[0].target, None);
        assert!(run.outcome("hello::five_greetings", EXERCISES).is_some());
    }

    #[test]
    fn compiler_errors_are_cut_from_the_chatter() {
        let mut run = parse("");
        run.output = "   Compiling trace v0.1.0\nerror[E0308]: mismatched types\n --> exercises/ch01_yield/hello.rs:5:9\nerror: could not compile `ch01-yield`\n".into();
        assert!(run.did_not_compile());
        assert!(run.errors().starts_with("error[E0308]"));
    }

    #[test]
    fn shell_words_quote_what_a_shell_would_split() {
        assert_eq!(
            shell_words(&["-p", "x", "--config", "env.A.value=\"b\""]),
            "-p x --config 'env.A.value=\"b\"'"
        );
    }
}
