//! Running the selected exercises' tests, and what came of each.

use std::collections::BTreeSet;

use anyhow::Result;
use manifest::{Chapter, Exercise, Workbook};

use super::Selection;
use crate::cargo::{self, EXERCISES, Outcome, Show, TestRun};
use crate::exercise_tests;

/// How an exercise's tests came out in one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tested {
    Passed,
    Failed,
    /// Its chapter's crate did not compile.
    DidNotCompile,
    /// Its tests were not in the run (or were ignored).
    NotRun,
}

/// The result of [`run_tests`]: cargo's runs (one, or more when a chapter
/// did not compile and the others ran again without it).
pub struct Ran {
    pub runs: Vec<TestRun>,
    /// Crates (`ch01-yield`) that did not compile.
    pub broken: BTreeSet<String>,
    /// Where compile errors point (`--> path:line:col`).
    pub error_files: Vec<(String, usize)>,
}

impl Ran {
    fn outcome(&self, test: &str) -> Option<Outcome> {
        self.runs
            .iter()
            .find_map(|run| run.outcome(test, EXERCISES))
            .map(|r| r.outcome)
    }

    pub fn tested(&self, chapter: &Chapter, exercise: &Exercise) -> Tested {
        let outcomes: Vec<Option<Outcome>> =
            exercise.tests.iter().map(|t| self.outcome(t)).collect();
        if outcomes.contains(&Some(Outcome::Failed)) {
            Tested::Failed
        } else if outcomes.iter().all(|o| *o == Some(Outcome::Passed)) {
            Tested::Passed
        } else if self.broken.contains(&chapter.crate_name()) {
            Tested::DidNotCompile
        } else {
            Tested::NotRun
        }
    }

    /// What its failing tests printed (the diff, the panic), one after the other.
    pub fn failures(&self, exercise: &Exercise) -> String {
        let mut text = String::new();
        for test in &exercise.tests {
            if let Some(r) = self
                .runs
                .iter()
                .find_map(|run| run.outcome(test, EXERCISES))
                .filter(|r| r.outcome == Outcome::Failed)
            {
                text.push_str(&format!("---- {test} ----\n{}\n", r.output));
            }
        }
        text
    }

    /// The compiler's complaints, from every run that had some.
    pub fn errors(&self) -> String {
        self.runs
            .iter()
            .filter(|run| run.did_not_compile())
            .map(TestRun::errors)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Whether a compile error points at the exercise's file, or at its
    /// `mod <id>` in the chapter's tests/exercises.rs (where a changed
    /// signature shows).
    pub fn blames(&self, wb: &Workbook, chapter: &Chapter, exercise: &Exercise) -> bool {
        let file = chapter.exercise_path_for_humans(exercise);
        let tests = format!("crates/{}/tests/exercises.rs", chapter.crate_name());
        let tests_text =
            std::fs::read_to_string(chapter.crate_dir(&wb.root).join("tests/exercises.rs"))
                .unwrap_or_default();
        self.error_files.iter().any(|(path, line)| {
            path.ends_with(&file)
                || (path.ends_with(&tests)
                    && exercise_tests::module_at(&tests_text, *line) == Some(exercise.id.as_str()))
        })
    }
}

/// `cargo test --test exercises` for the selection, captured. Only the
/// selected exercises' tests run, unless whole chapters are selected. A
/// chapter that does not compile stops cargo before any test runs, so the
/// others run again without it: one learner's broken chapter never hides
/// the results of the rest.
pub fn run_tests(wb: &Workbook, selection: &Selection) -> Result<Ran> {
    let mut ran = Ran {
        runs: Vec::new(),
        broken: BTreeSet::new(),
        error_files: Vec::new(),
    };
    let mut chapters: Vec<&(&Chapter, Vec<&Exercise>)> = selection
        .iter()
        .filter(|(_, exercises)| !exercises.is_empty())
        .collect();
    while !chapters.is_empty() {
        let args = test_args(&chapters);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = cargo::test(&wb.root, &args, Show::Capture)?;
        let newly_broken: Vec<String> = could_not_compile(&run.output)
            .into_iter()
            .filter(|name| chapters.iter().any(|(c, _)| c.crate_name() == *name))
            .collect();
        ran.error_files.extend(error_files(&run.output));
        ran.runs.push(run);
        if newly_broken.is_empty() {
            break;
        }
        ran.broken.extend(newly_broken);
        // Again, for the chapters that compiled but had no turn to run.
        chapters.retain(|(c, exercises)| {
            !ran.broken.contains(&c.crate_name())
                && exercises.iter().all(|e| {
                    e.tests
                        .iter()
                        .all(|t| ran.runs.iter().all(|r| r.outcome(t, EXERCISES).is_none()))
                })
        });
    }
    Ok(ran)
}

/// `-p ch01-yield … --test exercises --no-fail-fast [-- --exact TESTS…]`
pub fn test_args(chapters: &[&(&Chapter, Vec<&Exercise>)]) -> Vec<String> {
    let mut args = Vec::new();
    for (chapter, _) in chapters {
        args.extend(["-p".to_string(), chapter.crate_name()]);
    }
    args.extend(["--test", "exercises", "--no-fail-fast"].map(String::from));
    let whole = chapters
        .iter()
        .all(|(c, exercises)| exercises.len() == c.exercises.len());
    if !whole {
        args.extend(["--".to_string(), "--exact".to_string()]);
        for (_, exercises) in chapters {
            for e in exercises {
                args.extend(e.tests.iter().cloned());
            }
        }
    }
    args
}

/// The crates cargo names in `error: could not compile `NAME` (…)`.
fn could_not_compile(output: &str) -> Vec<String> {
    output
        .lines()
        .filter_map(|l| l.trim().strip_prefix("error: could not compile `"))
        .filter_map(|rest| rest.split('`').next())
        .map(str::to_string)
        .collect()
}

/// Where compile *errors* (not warnings) point: file and line.
fn error_files(output: &str) -> Vec<(String, usize)> {
    let mut files = Vec::new();
    let mut in_error = false;
    for line in output.lines() {
        if line.starts_with("error") {
            in_error = true;
        } else if line.starts_with("warning") {
            in_error = false;
        } else if in_error && let Some(at) = line.trim_start().strip_prefix("--> ") {
            let mut parts = at.split(':');
            let path = parts.next().unwrap_or(at).replace('\\', "/");
            let line = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            files.push((path, line));
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compile_errors_name_their_files_and_crates() {
        let output = "\
warning: function `helloX` should have a snake case name
 --> crates/ch01-yield/src/../../../exercises/ch01_yield/hello.rs:9:8
error[E0432]: unresolved import `ch01_yield::hello::hello`
 --> crates/ch01-yield/tests/exercises.rs:6:9
error[E0308]: mismatched types
  --> crates/ch01-yield/src/../../../exercises/ch01_yield/lazy.rs:3:1
error: could not compile `ch01-yield` (test \"exercises\") due to 2 previous errors
";
        assert_eq!(
            error_files(output),
            [
                ("crates/ch01-yield/tests/exercises.rs".to_string(), 6),
                (
                    "crates/ch01-yield/src/../../../exercises/ch01_yield/lazy.rs".to_string(),
                    3
                )
            ]
        );
        assert_eq!(could_not_compile(output), ["ch01-yield"]);
    }
}
