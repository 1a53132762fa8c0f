//! Running the selected exercises' tests, and what came of each: the one
//! runner behind `check`, `status`, `watch`, `grade` and `bless`.
//!
//! The chapters' test binaries are compiled in one cargo run ([`build`]);
//! then each test runs in a process of its own ([`child`]), so that a
//! crash, an abort, a stack overflow, running out of memory or a hang
//! costs only its own exercise; and `cargo wb`, which links none of the
//! learner's code, judges what each process recorded against the answer
//! key ([`verdict::judge`]). Nothing a test prints is read as a result.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::Result;
use manifest::{Chapter, Exercise, Workbook};
use verdict::judge::{About, Ended, Verdict};

use super::Selection;
use super::build::{Built, Diagnostic, build};
use super::child;
use super::state::State;
use crate::exercise_tests;

/// What a run found.
pub struct Ran {
    pub built: Built,
    /// Each test that ran, and its verdict.
    tests: HashMap<String, Judged>,
    /// The exercises selected in each chapter (by number), for blame.
    selected: HashMap<u32, Vec<String>>,
    /// Each exercise's hidden tests (an assignment's variants), by the
    /// key their verdicts have in `tests`: `hidden:<module>::<name>`.
    hidden: HashMap<String, Vec<String>>,
}

/// One test's verdict, and how its process ended (for `--verbose`).
pub struct Judged {
    pub verdict: Verdict,
    pub ended: Ended,
    /// What the program said, if it finished: its answer key's name and
    /// its trace (`bless --variants` writes the key from it).
    pub finished: Option<(String, String)>,
}

/// A hidden test's failure says what went wrong, but not what its answer
/// key holds: a diff would hand it over.
fn hide_the_answer(mut judged: Judged) -> Judged {
    if let Verdict::Failed { why, .. } = &mut judged.verdict {
        let what = if why.starts_with(verdict::diff::LEGEND) {
            "the order of events differs from its answer key, which is not shown".to_string()
        } else {
            std::mem::take(why)
        };
        *why = format!(
            "a hidden test of the assignment (the exercise's functions, called with other inputs) fails: {what}"
        );
    }
    judged
}

/// What a run says of one exercise, for a report.
pub struct Told<'a> {
    pub state: State,
    /// Each failing test's message.
    pub failures: Vec<&'a str>,
    /// The loop's warnings, from every test, passing or not.
    pub warnings: Vec<&'a str>,
    /// The compiler's messages that are this exercise's to read.
    pub diagnostics: Vec<&'a Diagnostic>,
    /// Other exercises' files whose errors keep this one from running.
    pub blocked_by: Vec<String>,
    /// Futures made in its file and never awaited: a warning of the
    /// compiler's that fails the exercise, since it is always a mistake.
    pub unawaited: Vec<String>,
    /// Chapter 8: the schedules its passing tests tried, all of them.
    pub schedules: Option<u64>,
}

impl Ran {
    pub fn test(&self, name: &str) -> Option<&Judged> {
        self.tests.get(name)
    }

    /// The exercise's state, or `None` when its tests did not run and its
    /// chapter compiled (cargo refused for another reason).
    /// An exercise's hidden tests, by their keys (see [`Ran::test`]).
    pub fn hidden_tests(&self, exercise: &Exercise) -> &[String] {
        self.hidden.get(&exercise.id).map_or(&[], Vec::as_slice)
    }

    pub fn state(&self, wb: &Workbook, chapter: &Chapter, exercise: &Exercise) -> Option<State> {
        let verdicts: Vec<Option<&Judged>> = exercise
            .tests
            .iter()
            .chain(self.hidden_tests(exercise))
            .map(|t| self.test(t))
            .collect();
        if verdicts
            .iter()
            .all(|v| v.is_some_and(|j| j.verdict.passed()))
        {
            if self
                .unawaited_futures(wb, chapter, exercise)
                .next()
                .is_some()
            {
                return Some(State::Failing);
            }
            return Some(State::Solved);
        }
        if verdicts.iter().any(|v| v.is_some()) {
            return Some(State::Failing);
        }
        if !self.built.broken.contains(&chapter.crate_name()) {
            return None;
        }
        // Blame the files the errors point at; if they point at none of
        // the selected exercises (an error in the tests, say, after a
        // signature changed), the selected ones.
        let selected = self
            .selected
            .get(&chapter.number)
            .cloned()
            .unwrap_or_default();
        let named_any = selected.iter().any(|id| {
            wb.exercise(id)
                .is_some_and(|(c, e)| self.errors_of(wb, c, e).next().is_some())
        });
        if self.errors_of(wb, chapter, exercise).next().is_some() || !named_any {
            Some(State::Broken)
        } else {
            Some(State::NotChecked)
        }
    }

    /// Everything the run says of an exercise.
    pub fn told<'a>(&'a self, wb: &Workbook, chapter: &Chapter, exercise: &Exercise) -> Told<'a> {
        let state = self
            .state(wb, chapter, exercise)
            .unwrap_or(State::NotChecked);
        let mut failures = Vec::new();
        let mut warnings = Vec::new();
        let mut schedules = None;
        for test in exercise.tests.iter().chain(self.hidden_tests(exercise)) {
            match self.test(test).map(|j| &j.verdict) {
                Some(Verdict::Passed {
                    warnings: w,
                    schedules: tried,
                }) => {
                    warnings.extend(w.iter().map(String::as_str));
                    if let Some(tried) = tried {
                        schedules = Some(schedules.unwrap_or(0) + tried);
                    }
                }
                Some(Verdict::Failed { why, warnings: w }) => {
                    failures.push(why.as_str());
                    warnings.extend(w.iter().map(String::as_str));
                }
                None => {}
            }
        }
        warnings.dedup();
        let unawaited: Vec<String> = self
            .unawaited_futures(wb, chapter, exercise)
            .map(|d| {
                let at = d.at.as_ref().map_or(0, |(_, line)| *line);
                format!(
                    "line {at} of {} makes a future that is never awaited: a future does nothing until it is \
                     awaited, so that line does nothing at all (the compiler's warning says so). Await it \
                     (`.await`), or remove it.",
                    chapter.exercise_path_for_humans(exercise)
                )
            })
            .collect();
        let krate = chapter.crate_name();
        let mut diagnostics = Vec::new();
        let mut blocked_by = Vec::new();
        for d in self.built.diagnostics.iter().filter(|d| d.krate == krate) {
            match self.owner(wb, chapter, d) {
                Some(id) if id == exercise.id => diagnostics.push(d),
                Some(other) if d.error => {
                    if let Some((c, e)) = wb.exercise(other) {
                        let file = c.exercise_path_for_humans(e);
                        if !blocked_by.contains(&file) {
                            blocked_by.push(file);
                        }
                    }
                }
                Some(_) => {} // another exercise's warning is not this one's business
                None if d.error => diagnostics.push(d),
                None => {}
            }
        }
        Told {
            state,
            unawaited,
            failures,
            warnings,
            diagnostics,
            blocked_by,
            schedules,
        }
    }

    /// The exercise a compiler message is about: the one whose file it
    /// points at, or whose `mod <id>` of tests/exercises.rs holds it.
    fn owner<'w>(&self, wb: &'w Workbook, chapter: &'w Chapter, d: &Diagnostic) -> Option<&'w str> {
        let (file, line) = d.at.as_ref()?;
        if let Some(e) = chapter
            .exercises
            .iter()
            .find(|e| file.ends_with(&chapter.exercise_path_for_humans(e)))
        {
            return Some(e.id.as_str());
        }
        let tests = format!("crates/{}/tests/exercises.rs", chapter.crate_name());
        if file.ends_with(&tests) {
            let text =
                std::fs::read_to_string(chapter.crate_dir(&wb.root).join("tests/exercises.rs"))
                    .unwrap_or_default();
            let module = exercise_tests::module_at(&text, *line)?;
            return chapter
                .exercises
                .iter()
                .find(|e| e.id == module)
                .map(|e| e.id.as_str());
        }
        None
    }

    /// The compiler's warnings, in the exercise's own file, about a future
    /// made and dropped ("futures do nothing unless you `.await` or poll
    /// them", "a sleep does nothing unless you `.await` it").
    fn unawaited_futures<'a>(
        &'a self,
        wb: &'a Workbook,
        chapter: &'a Chapter,
        exercise: &'a Exercise,
    ) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.own_diagnostics(wb, chapter, exercise)
            .filter(|d| !d.error && d.rendered.contains("unless you `.await`"))
    }

    fn errors_of<'a>(
        &'a self,
        wb: &'a Workbook,
        chapter: &'a Chapter,
        exercise: &'a Exercise,
    ) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.own_diagnostics(wb, chapter, exercise)
            .filter(|d| d.error)
    }

    /// The compiler's messages about the exercise's file, or its tests.
    fn own_diagnostics<'a>(
        &'a self,
        wb: &'a Workbook,
        chapter: &'a Chapter,
        exercise: &'a Exercise,
    ) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        let krate = chapter.crate_name();
        self.built.diagnostics.iter().filter(move |d| {
            d.krate == krate && self.owner(wb, chapter, d) == Some(exercise.id.as_str())
        })
    }

    /// The compiler's errors, all of them (for a report that has no room
    /// to sort them).
    pub fn errors(&self) -> String {
        let errors: Vec<&str> = self
            .built
            .diagnostics
            .iter()
            .filter(|d| d.error)
            .map(|d| d.rendered.as_str())
            .collect();
        if errors.is_empty() {
            self.refusal()
        } else {
            errors.join("\n\n")
        }
    }

    /// Cargo's complaint when it refused before compiling anything (a
    /// broken `Cargo.toml`): its stderr from the first `error` on.
    pub fn refusal(&self) -> String {
        let lines: Vec<&str> = self.built.raw.lines().collect();
        let first = lines
            .iter()
            .position(|l| l.starts_with("error"))
            .unwrap_or(0);
        lines[first..].join("\n")
    }
}

/// Which files a run tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Files {
    /// The learner's, in `exercises/`.
    Learner,
    /// The reference solutions (`cargo wb verify`).
    Solutions,
}

/// Build the selection's chapters and run each selected exercise's tests
/// on the learner's files, each in a process of its own, two or more at a
/// time.
pub fn run_tests(wb: &Workbook, selection: &Selection) -> Result<Ran> {
    run_tests_of(wb, selection, Files::Learner)
}

pub fn run_tests_of(wb: &Workbook, selection: &Selection, files: Files) -> Result<Ran> {
    run_tests_with(wb, selection, files, None)
}

/// An assignment's hidden tests: `assignments/<name>.variants/`, beside
/// the assignment, with a `<chapter crate>.rs` of tests (written like a
/// chapter's tests/exercises.rs, a `mod <id>` per exercise) and their
/// answer keys, `<snapshot>.snap`.
pub struct Variants {
    pub dir: std::path::PathBuf,
}

impl Variants {
    /// The variants of the assignment in `file`, if it has any.
    pub fn of(file: &Path) -> Option<Variants> {
        let dir = file.with_extension("variants");
        dir.is_dir().then_some(Variants { dir })
    }

    fn tests_file(&self, krate: &str) -> std::path::PathBuf {
        self.dir.join(format!("{krate}.rs"))
    }
}

/// Where a chapter crate's tests/variants.rs finds the hidden tests.
fn variants_include(root: &Path, krate: &str) -> std::path::PathBuf {
    root.join("target/wb-variants").join(format!("{krate}.rs"))
}

/// As [`run_tests_of`], and each exercise's hidden tests too.
pub fn run_tests_with(
    wb: &Workbook,
    selection: &Selection,
    files: Files,
    variants: Option<&Variants>,
) -> Result<Ran> {
    let chosen: Vec<&(&Chapter, Vec<&Exercise>)> =
        selection.iter().filter(|(_, e)| !e.is_empty()).collect();
    let crates: Vec<String> = chosen.iter().map(|(c, _)| c.crate_name()).collect();
    // Each crate's hidden tests, put where its tests/variants.rs includes
    // them (rewritten only when they changed: cargo goes by the time).
    let mut hidden_text: HashMap<String, String> = HashMap::new();
    if let Some(v) = variants {
        for krate in &crates {
            let Ok(text) = std::fs::read_to_string(v.tests_file(krate)) else {
                continue;
            };
            let include = variants_include(&wb.root, krate);
            if std::fs::read_to_string(&include).ok().as_deref() != Some(text.as_str()) {
                std::fs::create_dir_all(include.parent().expect("target/wb-variants"))?;
                std::fs::write(&include, &text)?;
            }
            hidden_text.insert(krate.clone(), text);
        }
    }
    let hidden_crates: Vec<String> = hidden_text.keys().cloned().collect();
    let built = build(wb, &crates, files == Files::Solutions, &hidden_crates)?;

    struct Job<'a> {
        chapter: &'a Chapter,
        exercise: &'a Exercise,
        /// The test's name in its binary, and the key of its verdict.
        test: String,
        key: String,
        exe: Option<&'a Path>,
        hidden: bool,
    }
    let mut jobs: Vec<Job> = Vec::new();
    let mut hidden: HashMap<String, Vec<String>> = HashMap::new();
    for (c, es) in &chosen {
        let krate = c.crate_name();
        let Some(exe) = built.binaries.get(&krate) else {
            continue;
        };
        for e in es {
            for t in &e.tests {
                jobs.push(Job {
                    chapter: c,
                    exercise: e,
                    test: t.clone(),
                    key: t.clone(),
                    exe: Some(exe),
                    hidden: false,
                });
            }
            let Some(text) = hidden_text.get(&krate) else {
                continue;
            };
            for t in exercise_tests::tests_in_module(text, &e.id) {
                let key = format!("hidden:{t}");
                hidden.entry(e.id.clone()).or_default().push(key.clone());
                jobs.push(Job {
                    chapter: c,
                    exercise: e,
                    test: t,
                    key,
                    exe: built.variant_binaries.get(&krate).map(|p| p.as_path()),
                    hidden: true,
                });
            }
        }
    }
    // Every answer key is read before any test runs: a test's process
    // could write a snapshot file, but not the text already read.
    let keys: HashMap<u32, AnswerKeys> = chosen
        .iter()
        .map(|(c, _)| {
            (
                c.number,
                AnswerKeys::read(&wb.root, &c.crate_dir(&wb.root).join("snapshots")),
            )
        })
        .collect();
    let hidden_keys = variants.map(|v| AnswerKeys::read(&wb.root, &v.dir));
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(jobs.len().max(1));
    let next = AtomicUsize::new(0);
    let judged = Mutex::new(HashMap::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let keys = match (job.hidden, &hidden_keys) {
                        (true, Some(hidden)) => hidden,
                        _ => &keys[&job.chapter.number],
                    };
                    let result = match job.exe {
                        Some(exe) => {
                            let judged = judge_one(wb, job.chapter, job.exercise, &job.test, exe, keys);
                            if job.hidden { hide_the_answer(judged) } else { judged }
                        }
                        None => Judged {
                            verdict: Verdict::Failed {
                                why: format!(
                                    "crates/{}/ has no tests/variants.rs, so the assignment's hidden tests cannot run there",
                                    job.chapter.crate_name()
                                ),
                                warnings: Vec::new(),
                            },
                            ended: Ended::default(),
                            finished: None,
                        },
                    };
                    judged.lock().unwrap().insert(job.key.clone(), result);
                }
            });
        }
    });
    Ok(Ran {
        built,
        tests: judged.into_inner().unwrap(),
        selected: chosen
            .iter()
            .map(|(c, es)| (c.number, es.iter().map(|e| e.id.clone()).collect()))
            .collect(),
        hidden,
    })
}

/// One test: its process, then the verdict on what it left.
fn judge_one(
    wb: &Workbook,
    chapter: &Chapter,
    exercise: &Exercise,
    test: &str,
    exe: &Path,
    keys: &AnswerKeys,
) -> Judged {
    let dir = chapter.crate_dir(&wb.root);
    let file = chapter.exercise_path_for_humans(exercise);
    let about = About {
        id: &exercise.id,
        file: &file,
        test,
    };
    match child::run(exe, &dir, test) {
        Ok(child) => {
            let key = |name: &str| keys.get(name);
            let finished = match &child.said.end {
                Some(verdict::record::End::Finished(f)) => {
                    Some((f.snapshot.clone(), f.trace.clone()))
                }
                _ => None,
            };
            Judged {
                verdict: verdict::judge::judge(&child.said, &child.ended, key, &about),
                ended: child.ended,
                finished,
            }
        }
        Err(e) => Judged {
            verdict: Verdict::Failed {
                why: format!("cannot run the chapter's tests ({}): {e}", exe.display()),
                warnings: Vec::new(),
            },
            ended: Ended::default(),
            finished: None,
        },
    }
}

/// A chapter's answer keys, `snapshots/<name>.snap`, as they were before
/// the run: each expected trace, or what to say when it cannot be read.
struct AnswerKeys {
    root: std::path::PathBuf,
    /// The folder of `<name>.snap` files.
    dir: std::path::PathBuf,
    read: HashMap<String, Result<String, String>>,
}

impl AnswerKeys {
    fn read(root: &Path, dir: &Path) -> AnswerKeys {
        let mut keys = AnswerKeys {
            root: root.to_path_buf(),
            dir: dir.to_path_buf(),
            read: HashMap::new(),
        };
        let names: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                name.strip_suffix(".snap").map(str::to_string)
            })
            .collect();
        for name in names {
            let key = keys.load(&name);
            keys.read.insert(name, key);
        }
        keys
    }

    fn get(&self, name: &str) -> Result<String, String> {
        match self.read.get(name) {
            Some(key) => key.clone(),
            // Not there before the run: a file that appeared meanwhile is
            // no answer key.
            None => Err(verdict::judge::missing_answer_key(&self.shown(name))),
        }
    }

    fn load(&self, name: &str) -> Result<String, String> {
        let file = self.dir.join(format!("{name}.snap"));
        verdict::judge::answer_key(&file, &self.shown(name))
    }

    /// `crates/ch04-event-loop/snapshots/timers.snap`, as a learner types it.
    fn shown(&self, name: &str) -> String {
        let file = self.dir.join(format!("{name}.snap"));
        file.strip_prefix(&self.root)
            .unwrap_or(&file)
            .display()
            .to_string()
    }
}
