//! The one way a chapter's tests check an exercise.
//!
//! ```text
//! #[test]
//! fn five_greetings() {
//!     harness::exercise!("hello").check("hello", |t| {
//!         for line in hello("Reuven") {
//!             t.say(line);
//!         }
//!     });
//! }
//! ```
//!
//! [`Exercise::check`] runs the program on a thread of its own, so that a
//! loop that never ends is stopped by a watchdog instead of hanging
//! `cargo test`; turns a `todo!()` still in the learner's file into "edit
//! this file"; compares the rendered trace with the snapshot
//! `crates/<chapter>/snapshots/<name>.snap` through insta, which shows a line
//! diff; and ends every failure with one line that names the exercise, its
//! book page and the hint command.
//!
//! Under `cargo wb check` (the variable `WB_RECORD` is set) it compares
//! nothing: it records what the program said, and panics as they happen,
//! in that file ([`verdict::record`]), and `cargo wb` judges the record
//! once the test's process has ended. No verdict is ever printed here.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use loop_report::panic_text as panic_message;
use manifest::{Kind, Workbook};
pub use trace::Trace;
use verdict::orders::{self, Explored};
use verdict::record;

pub mod explain;
mod stuck;
pub mod twin_order;

/// The most orders a chapter 8 check takes from a program: its exercises
/// print a few dozen.
const MOST_ORDERS: usize = 1000;

/// How long an exercise's program may run. Correct answers take
/// milliseconds; this only ends programs that would never finish.
pub const WATCHDOG: Duration = Duration::from_secs(5);

/// The exercise under test. Make one with [`exercise!`].
pub struct Exercise {
    id: &'static str,
    chapter_dir: PathBuf,
    /// Built from `solutions/` rather than the learner's `exercises/`.
    solutions: bool,
    about: Option<About>,
    watchdog: Duration,
    /// A warning from the loop fails the check: the exercise's lesson is
    /// the mistake it warns about ([`Exercise::failing_on_loop_warnings`]).
    warnings_fail: bool,
}

/// What a failure message says about the exercise, from `workbook.toml`.
/// Demos (the book's programs) have none: they are not the learner's.
struct About {
    file: String,
    page: String,
    title: String,
    kind: Kind,
}

/// `exercise!("hello")`: the exercise with that id in `workbook.toml`, for
/// the tests of the chapter crate this is written in.
#[macro_export]
macro_rules! exercise {
    ($id:literal) => {
        $crate::Exercise::new(
            $id,
            ::std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
            cfg!(feature = "solutions"),
        )
    };
}

/// `demo!("hello")`: a program the book shows, checked against
/// `snapshots/hello.snap` like an exercise, but not one the learner edits.
#[macro_export]
macro_rules! demo {
    ($name:literal) => {
        $crate::Exercise::demo(
            $name,
            ::std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
            cfg!(feature = "solutions"),
        )
    };
}

/// What a program that ran to its end said.
pub(crate) struct Ran {
    /// The trace, rendered.
    pub(crate) trace: String,
    warnings: Vec<String>,
    /// How many warnings the loop gave (a program may have taken some
    /// with `take_warnings`).
    warnings_given: u64,
}

impl Ran {
    pub(crate) fn finished(
        self,
        snapshot: &str,
        prediction: Option<Vec<String>>,
        lesson_is_warnings: bool,
    ) -> record::Finished {
        record::Finished {
            snapshot: snapshot.to_string(),
            trace: self.trace,
            prediction,
            warnings: self.warnings,
            warnings_given: self.warnings_given,
            lesson_is_warnings,
            explanation: None,
            schedules: Vec::new(),
            schedules_run: 0,
        }
    }
}

/// What an exploration tells the judge: the set (as the trace), and the
/// first schedule of each order, for the message if the set is wrong.
fn finished_orders(
    ran: Ran,
    name: &str,
    prediction: Option<Vec<String>>,
    explored: &Explored,
) -> record::Finished {
    record::Finished {
        schedules: schedules_of(explored),
        schedules_run: explored.schedules as u64,
        ..ran.finished(name, prediction, false)
    }
}

fn schedules_of(explored: &Explored) -> Vec<String> {
    explored
        .orders
        .iter()
        .map(orders::render_schedule)
        .collect()
}

enum Outcome {
    Finished(Ran),
    /// The panic's message, and where it happened (`file:line`).
    Panicked(String, Option<String>),
    TimedOut,
}

/// Exercise threads are named with this prefix; the quiet panic hook knows
/// them by it.
const THREAD_PREFIX: &str = "exercise ";

thread_local! {
    /// Where the exercise thread's last panic happened, kept by the hook.
    static PANIC_LOCATION: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Panics on exercise threads are reported once, by the harness, with
/// their location; the default hook would print them a second time, raw.
/// Every other thread keeps the default behaviour.
fn install_quiet_panic_hook() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let default_hook = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let on_exercise_thread = std::thread::current()
                .name()
                .is_some_and(|name| name.starts_with(THREAD_PREFIX));
            if on_exercise_thread {
                // Only a place in the learner's (or the solutions') files
                // is worth showing: a loop re-raises a task's panic from
                // its own code, or from the test's call of it.
                let location = info
                    .location()
                    .map(|l| (manifest::learner_path(l.file()), l.line()))
                    .filter(|(file, _)| {
                        file.starts_with("exercises/") || file.starts_with("solutions/")
                    })
                    .map(|(file, line)| format!("{file}:{line}"));
                // Now, not later: a panic inside a `Drop` while this one
                // unwinds aborts the process before the harness reports.
                if let Some(record) = record::requested() {
                    let panic = record::Panic {
                        message: panic_message(info.payload()),
                        at: location.clone(),
                    };
                    record::append(&record, &[("panic", &panic.entry())]);
                }
                // The first such place: where the panic began, not where
                // a loop passed it on.
                PANIC_LOCATION.with(|cell| {
                    let mut first = cell.borrow_mut();
                    if first.is_none() {
                        *first = location;
                    }
                });
            } else {
                default_hook(info);
            }
        }));
    });
}

impl Exercise {
    /// Prefer [`exercise!`], which fills in `chapter_dir`.
    pub fn new(id: &'static str, chapter_dir: &Path, solutions: bool) -> Exercise {
        let about = match Workbook::discover(chapter_dir) {
            Ok(workbook) => match workbook.exercise(id) {
                Some((chapter, exercise)) => Some(About {
                    file: chapter.exercise_path_for_humans(exercise),
                    page: chapter.page_path_for_humans(exercise),
                    title: exercise.title.clone(),
                    kind: exercise.kind,
                }),
                None => panic!(
                    "workbook.toml has no exercise `{id}`; the test and the manifest disagree"
                ),
            },
            Err(e) => panic!("cannot read the workbook's manifest: {e}"),
        };
        Exercise {
            id,
            chapter_dir: chapter_dir.to_path_buf(),
            solutions,
            about,
            watchdog: WATCHDOG,
            warnings_fail: false,
        }
    }

    /// Prefer [`demo!`], which fills in `chapter_dir`.
    pub fn demo(name: &'static str, chapter_dir: &Path, solutions: bool) -> Exercise {
        Exercise {
            id: name,
            chapter_dir: chapter_dir.to_path_buf(),
            solutions,
            about: None,
            watchdog: WATCHDOG,
            warnings_fail: false,
        }
    }

    /// Give the program `limit` instead of [`WATCHDOG`] before stopping it.
    pub fn with_watchdog(mut self, limit: Duration) -> Exercise {
        self.watchdog = limit;
        self
    }

    /// The loop's warnings fail this exercise (a task left running when
    /// main returned, a blocking call in a task): for an exercise whose
    /// lesson is the mistake the loop warns about, and whose trace is right
    /// all the same, such as workers that were never cancelled.
    pub fn failing_on_loop_warnings(mut self) -> Exercise {
        self.warnings_fail = true;
        self
    }

    /// Run `program` with a fresh trace and check what it said against the
    /// snapshot `name`. Under `cargo wb check`, which runs each test in a
    /// process of its own, the harness only records what the program said,
    /// and `cargo wb` judges it (crates/verdict).
    pub fn check(&self, name: &str, program: impl FnOnce(&Trace) + Send + 'static) {
        let ran = self.run(name, program);
        if let Some(record) = record::requested() {
            return record::finished(&record, &ran.finished(name, None, self.warnings_fail));
        }
        self.fail_on_lesson_warnings(&ran);
        self.compare(name, &ran.trace);
    }

    /// For "predict" exercises: the given program must still say what the
    /// snapshot holds (so it was not changed), and so must the learner's
    /// prediction, one line a string. A wrong prediction is answered
    /// without the answer ([`verdict::prediction`]).
    pub fn check_prediction(
        &self,
        name: &str,
        prediction: &[&str],
        program: impl FnOnce(&Trace) + Send + 'static,
    ) {
        let ran = self.run(name, program);
        if let Some(record) = record::requested() {
            let prediction = prediction.iter().map(|l| l.to_string()).collect();
            return record::finished(
                &record,
                &ran.finished(name, Some(prediction), self.warnings_fail),
            );
        }
        self.compare_prediction(name, &ran.trace, prediction);
    }

    /// Under `cargo test`: the program must still say what its answer key
    /// holds (it was not changed), then the prediction must too.
    fn compare_prediction(&self, name: &str, trace: &str, prediction: &[&str]) {
        if blessing() {
            // The answer key is what the (unchanged) program says.
            return self.compare(name, trace);
        }
        let expected = self.expected(name);
        if trace.trim_end() != expected.trim_end() {
            self.fail(&verdict::prediction::program_changed(self.file(), self.id));
        }
        self.compare(name, trace);
        if let Err(why) = verdict::prediction::judge(&expected, prediction) {
            self.fail(&why);
        }
    }

    /// Chapter 8: `explore` runs the program under every schedule (with
    /// `many::explore`), and what is checked is the set of orders of lines
    /// it can print ([`verdict::orders`]), against the snapshot `name`. A
    /// set that differs is answered with an order that should not happen
    /// and the schedule that printed it, step by step.
    pub fn check_orders(
        &self,
        name: &str,
        explore: impl FnOnce(&Trace) -> Explored + Send + 'static,
    ) {
        let (ran, explored) = self.run_explored(name, explore);
        if let Some(record) = record::requested() {
            return record::finished(&record, &finished_orders(ran, name, None, &explored));
        }
        if !blessing() {
            let expected = self.expected(name);
            if expected.trim_end() != ran.trace.trim_end() {
                let schedules = schedules_of(&explored);
                self.fail(&orders::explain(
                    &expected,
                    &ran.trace,
                    &schedules,
                    explored.schedules,
                ));
            }
        }
        self.compare(name, &ran.trace);
    }

    /// Chapter 8's "predict": the program's set of orders must still be
    /// the snapshot's (it was not changed), and the learner's prediction
    /// lists every one of them, one string an order
    /// ([`verdict::orders::judge_prediction`]).
    pub fn check_orders_prediction(
        &self,
        name: &str,
        prediction: &[&str],
        explore: impl FnOnce(&Trace) -> Explored + Send + 'static,
    ) {
        let (ran, explored) = self.run_explored(name, explore);
        if let Some(record) = record::requested() {
            let prediction = prediction.iter().map(|l| l.to_string()).collect();
            let finished = finished_orders(ran, name, Some(prediction), &explored);
            return record::finished(&record, &finished);
        }
        self.compare_prediction(name, &ran.trace, prediction);
    }

    /// Run an exploration under the watchdog: its set of orders, rendered,
    /// is the trace. The check's own trace is only the explorer's watcher
    /// (which schedule, whose turn), for the watchdog.
    fn run_explored(
        &self,
        name: &str,
        explore: impl FnOnce(&Trace) -> Explored + Send + 'static,
    ) -> (Ran, Explored) {
        let found = std::sync::Arc::new(std::sync::Mutex::new(Explored::default()));
        let keep = found.clone();
        let mut ran = self.run(name, move |t| {
            let explored = explore(t);
            *keep.lock().unwrap_or_else(|e| e.into_inner()) = explored;
        });
        let explored = std::mem::take(&mut *found.lock().unwrap_or_else(|e| e.into_inner()));
        ran.trace = orders::render(&explored);
        // What a trace may hold, for the whole set: the record stays small.
        if explored.orders.len() > MOST_ORDERS || ran.trace.len() > trace::BYTE_LIMIT {
            self.fail(&format!(
                "your program can print {} orders of its lines ({} KB of them), on {} schedules: \
                 the programs of this chapter print a few dozen at most. Does a task say lines \
                 in a loop that runs many times, or say something that changes on every run?",
                explored.orders.len(),
                ran.trace.len() / 1024,
                explored.schedules
            ));
        }
        (ran, explored)
    }

    /// The trace may be right: the mistake is what the loop saw (and
    /// printed, on standard error, as it happened).
    fn fail_on_lesson_warnings(&self, ran: &Ran) {
        if self.warnings_fail && ran.warnings_given > 0 && !blessing() {
            self.fail(&verdict::judge::lesson_warning(
                ran.warnings.first().map(String::as_str),
                ran.warnings_given,
            ));
        }
    }

    /// Run the program under the watchdog and return what it said, or fail
    /// the test with a message that says what went wrong.
    fn run(&self, name: &str, program: impl FnOnce(&Trace) + Send + 'static) -> Ran {
        install_quiet_panic_hook();
        if let Some(record) = record::requested() {
            let watchdog = self.watchdog.as_millis().to_string();
            record::append(&record, &[("started", &watchdog)]);
        }
        let trace = Trace::new();
        let timeline_dir = std::env::var_os(trace::timeline::DIR_VARIABLE);
        if timeline_dir.is_some() {
            trace.record_timeline();
        }
        let (done, outcome) = mpsc::channel();
        let (started, thread) = mpsc::channel();
        let handle = trace.clone();
        std::thread::Builder::new()
            .name(format!("{THREAD_PREFIX}{}", self.id))
            .spawn(move || {
                let _ = started.send(stuck::this_thread());
                loop_report::take_warnings(); // this run's only
                let given_before = loop_report::warnings_given();
                let result = panic::catch_unwind(AssertUnwindSafe(|| program(&handle)));
                let _ = done.send(match result {
                    Ok(()) => Outcome::Finished(Ran {
                        trace: handle.render(),
                        warnings: loop_report::take_warnings(),
                        warnings_given: loop_report::warnings_given() - given_before,
                    }),
                    Err(payload) => {
                        let location = PANIC_LOCATION.with(|cell| cell.borrow_mut().take());
                        Outcome::Panicked(panic_message(&*payload), location)
                    }
                });
            })
            .expect("cannot start a thread for the exercise");
        let outcome = outcome
            .recv_timeout(self.watchdog)
            .unwrap_or(Outcome::TimedOut);
        match outcome {
            Outcome::Finished(ran) => {
                if let Some(dir) = timeline_dir {
                    // One folder per chapter crate: demos of two chapters
                    // may share a name.
                    let chapter = self.chapter_dir.file_name().unwrap_or_default();
                    write_timeline(&Path::new(&dir).join(chapter), name, &trace);
                }
                ran
            }
            Outcome::Panicked(message, location) => {
                let at = location.map(|l| format!(" (at {l})")).unwrap_or_default();
                self.fail(&self.explain_panic(&message, &at, &trace))
            }
            Outcome::TimedOut => {
                let thread = thread.try_recv().ok().flatten();
                let chapter = self.chapter();
                self.fail(&stuck::report(
                    &trace,
                    thread.as_deref(),
                    chapter,
                    self.watchdog,
                ))
            }
        }
    }

    /// `at` is ` (at file:line)` or empty.
    fn explain_panic(&self, message: &str, at: &str, trace: &Trace) -> String {
        // An event loop reports a task's panic inside its own message
        // ("task main failed: not yet implemented: …"), so look anywhere.
        const TODO: &str = "not yet implemented";
        if let Some(start) = message.find(TODO) {
            let todo = message[start + TODO.len()..].trim_start_matches(':').trim();
            let what = if todo.is_empty() {
                String::new()
            } else {
                format!("\nThe todo!(){at} says: {todo}")
            };
            return format!("this exercise is not done yet: edit {}{what}", self.file());
        }
        if message.contains(trace::RUNAWAY_MESSAGE) {
            return format!("{message}{}", last_lines(trace));
        }
        if message.starts_with(orders::CHECK_STOPPED) {
            return message.to_string(); // the scheduler's words, not a panic of the program's
        }
        let why = explain::panic_explanation(message)
            .map(|why| format!("\n{why}"))
            .unwrap_or_default();
        // A task's panic in chapter 8 ends with its schedule, and a newline.
        let message = message.trim_end();
        format!(
            "the program panicked{at}: {message}{why}{}",
            last_lines(trace)
        )
    }

    fn snapshot_file(&self, name: &str) -> PathBuf {
        self.chapter_dir
            .join("snapshots")
            .join(format!("{name}.snap"))
    }

    /// The expected trace: the snapshot's body, after its header.
    fn expected(&self, name: &str) -> String {
        let file = self.snapshot_file(name);
        // As a learner would type it: relative to the workbook's root.
        let shown = Workbook::find_root(&self.chapter_dir)
            .and_then(|root| file.strip_prefix(root).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| file.clone());
        let shown = shown.display().to_string();
        verdict::judge::answer_key(&file, &shown).unwrap_or_else(|why| self.fail(&why))
    }

    fn compare(&self, name: &str, actual: &str) {
        let blessing = blessing();
        if blessing && !self.solutions {
            self.fail("snapshots are written from the reference solutions only (`cargo wb bless`), never from a learner's answer");
        }
        if !blessing && self.expected(name).trim_end() != actual.trim_end() {
            eprintln!(
                "The order of events differs. Lines marked - are the expected trace, + what your program said:"
            );
        }
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(self.chapter_dir.join("snapshots"));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        let what = if self.about.is_some() {
            "exercise"
        } else {
            "demo"
        };
        settings.set_description(format!(
            "Expected trace for {what} `{}`. The answer key: do not edit.",
            self.id
        ));
        let result = settings.bind(|| {
            panic::catch_unwind(AssertUnwindSafe(|| insta::assert_snapshot!(name, actual)))
        });
        if let Err(payload) = result {
            eprintln!("{}", self.footer());
            panic::resume_unwind(payload);
        }
    }

    /// Fail the test with `why`, then the footer.
    fn fail(&self, why: &str) -> ! {
        let what = if self.about.is_some() {
            "exercise"
        } else {
            "demo"
        };
        if let Some(record) = record::requested() {
            // `cargo wb` says which exercise, and its own footer.
            record::append(&record, &[("failed", why)]);
        }
        panic!("{what} `{}`: {why}\n\n{}", self.id, self.footer());
    }

    /// The chapter's number, from its crate's folder (`ch05-async-await`),
    /// for words that fit it.
    fn chapter(&self) -> Option<u32> {
        let folder = self.chapter_dir.file_name()?.to_str()?;
        folder.strip_prefix("ch")?.get(..2)?.parse().ok()
    }

    /// The file a learner would edit, for messages.
    fn file(&self) -> &str {
        self.about
            .as_ref()
            .map_or("the demo's source", |about| about.file.as_str())
    }

    /// The last line of every failure: which exercise, where to read, what
    /// to type for help.
    fn footer(&self) -> String {
        match &self.about {
            Some(About {
                file,
                page,
                title,
                kind,
            }) => format!(
                "→ exercise `{}` ({title}, {kind}): edit {file} · read {page} · stuck? cargo wb hint {}",
                self.id, self.id
            ),
            None => format!(
                "→ demo `{}`: a program the book shows no longer says what the book says it does \
                 (snapshots/{}.snap). Demos are not exercises; restore the demo's source with git.",
                self.id, self.id
            ),
        }
    }
}

/// Whether a maintainer asked to (re)write snapshots. `.cargo/config.toml`
/// forces `INSTA_UPDATE=no`; only `cargo wb bless`, which overrides that on
/// its command line for the solutions, gets past it.
fn blessing() -> bool {
    std::env::var("INSTA_UPDATE").is_ok_and(|v| v != "no")
}

/// Draw the run as `<dir>/<name>.svg`, for `cargo wb figures` and `cargo wb
/// check --timeline` (`$WB_TIMELINE_DIR/<chapter crate>/<name>.svg`), if it
/// has times to draw (chapter 4 on); and the stepper's `<name>.steps.json`
/// beside it.
fn write_timeline(dir: &Path, name: &str, trace: &Trace) {
    if trace.lines().iter().all(|line| line.stamp.is_none()) && trace.events().is_empty() {
        return;
    }
    let files = [
        (format!("{name}.svg"), trace.timeline_svg(name)),
        (format!("{name}.steps.json"), trace.steps_json(name)),
    ];
    for (file, text) in files {
        let file = dir.join(file);
        if let Err(e) = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&file, text)) {
            eprintln!("cannot write the timeline {}: {e}", file.display());
        }
    }
}

/// The tail of what a program said, to show where it got to.
fn last_lines(trace: &Trace) -> String {
    let texts = trace.texts();
    if texts.is_empty() {
        return String::new();
    }
    let tail = &texts[texts.len().saturating_sub(5)..];
    let shown: Vec<String> = tail
        .iter()
        .map(|t| {
            let mut line: String = t.chars().take(100).collect();
            if line.len() < t.len() {
                line.push('…');
            }
            format!("    {line}")
        })
        .collect();
    format!("\nThe last lines it said:\n{}", shown.join("\n"))
}

#[cfg(test)]
mod tests {
    //! The messages a learner sees, checked word for word where it matters.
    use super::*;
    use std::fs;
    use std::sync::Arc;

    /// An exercise `hello` whose snapshot `hello.snap` holds `expected`.
    fn exercise_expecting(expected: &str) -> (Exercise, PathBuf) {
        let dir = std::env::temp_dir().join(format!(
            "harness-test-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        fs::create_dir_all(dir.join("snapshots")).unwrap();
        let snap = format!("---\nsource: x\ndescription: y\n---\n{expected}");
        fs::write(dir.join("snapshots/hello.snap"), snap).unwrap();
        let about = About {
            file: "exercises/ch01_yield/hello.rs".into(),
            page: "book/src/ch01-yield/generators.md".into(),
            title: "A function that yields".into(),
            kind: Kind::Implement,
        };
        let exercise = Exercise {
            id: "hello",
            chapter_dir: dir.clone(),
            solutions: false,
            about: Some(about),
            watchdog: Duration::from_millis(300),
            warnings_fail: false,
        };
        (exercise, dir)
    }

    /// Run `f`, which must fail the test, and return its message.
    fn failure(f: impl FnOnce()) -> String {
        let payload =
            panic::catch_unwind(AssertUnwindSafe(f)).expect_err("the check should have failed");
        panic_message(&*payload)
    }

    const FOOTER: &str = "→ exercise `hello` (A function that yields, implement): edit exercises/ch01_yield/hello.rs · read book/src/ch01-yield/generators.md · stuck? cargo wb hint hello";

    #[test]
    fn a_loop_warning_fails_only_an_exercise_whose_lesson_it_is() {
        let program = |t: &Trace| {
            t.say("hello");
            loop_report::warn("task w1 had not finished".into());
            loop_report::warn("task w2 had not finished".into());
        };
        let (exercise, dir) = exercise_expecting("hello\n");
        exercise.check("hello", program); // passes: the warning is only shown
        let message = failure(|| exercise.failing_on_loop_warnings().check("hello", program));
        assert_eq!(
            message,
            format!(
                "exercise `hello`: the program says the right lines, but the loop warned, and this \
                 exercise passes only when the loop has nothing to warn about:\n  warning: task w1 had not finished\n\
                 (and 1 more warning(s) like it)\n\n{FOOTER}"
            )
        );
        // Taking its own warnings does not hide them.
        let hides = |t: &Trace| {
            t.say("hello");
            loop_report::warn("task w1 had not finished".into());
            loop_report::take_warnings();
        };
        let (exercise, _) = exercise_expecting("hello\n");
        let message = failure(|| exercise.failing_on_loop_warnings().check("hello", hides));
        assert!(
            message
                .contains("warn about:\n  warning: (the program took it, with `take_warnings`)\n"),
            "{message}"
        );
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn a_run_with_times_is_drawn_and_one_without_is_not() {
        let dir = std::env::temp_dir().join(format!("harness-timeline-{}", std::process::id()));
        let plain = Trace::new();
        plain.say("no time here");
        write_timeline(&dir, "plain", &plain);
        assert!(
            !dir.join("plain.svg").exists(),
            "chapters 1-3 have nothing to draw"
        );
        let timed = Trace::new();
        timed.set_stamper(|| trace::Stamp {
            time: 2,
            task: "main".into(),
        });
        timed.say("at two");
        write_timeline(&dir, "timed", &timed);
        let svg = fs::read_to_string(dir.join("timed.svg")).unwrap();
        assert_eq!(svg, timed.timeline_svg("timed"));
        assert!(svg.contains("<title>2 [main] at two</title>"), "{svg}");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_right_trace_passes() {
        let (ex, dir) = exercise_expecting("a\nb\n");
        ex.check("hello", |t| {
            t.say("a");
            t.say("b");
        });
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_wrong_order_fails_with_the_footer() {
        let (ex, dir) = exercise_expecting("a\nb\n");
        let message = failure(|| {
            ex.check("hello", |t| {
                t.say("b");
                t.say("a");
            })
        });
        assert!(
            message.starts_with("snapshot assertion for 'hello' failed"),
            "{message}"
        );
        assert_eq!(ex.footer(), FOOTER);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_todo_says_which_file_to_edit() {
        let (ex, dir) = exercise_expecting("a\n");
        // Only a place in the learner's files is named: this test's own is not one.
        let message = failure(|| ex.check("hello", |_| todo!("yield five greetings")));
        assert_eq!(
            message,
            format!(
                "exercise `hello`: this exercise is not done yet: edit exercises/ch01_yield/hello.rs\n\
                 The todo!() says: yield five greetings\n\n{FOOTER}"
            )
        );
        // A todo in a task comes back inside the loop's report of it.
        let message = failure(|| {
            ex.check("hello", |_| {
                panic!("task main failed: task A failed: not yet implemented: count to ten")
            })
        });
        assert!(
            message.starts_with(
                "exercise `hello`: this exercise is not done yet: edit exercises/ch01_yield/hello.rs\n"
            ),
            "{message}"
        );
        assert!(message.contains(") says: count to ten\n"), "{message}");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_loop_that_never_ends_is_stopped_by_the_watchdog() {
        let (ex, dir) = exercise_expecting("a\n");
        let message = failure(|| {
            ex.check("hello", |t| {
                t.say("tick");
                #[allow(clippy::empty_loop)]
                loop {
                    std::hint::spin_loop();
                }
            })
        });
        assert!(
            message.starts_with("exercise `hello`: the program did not finish within 0.3 seconds"),
            "{message}"
        );
        assert!(
            message.contains(
                "It said 1 line(s) before it was stopped.\nThe last lines it said:\n    tick"
            ),
            "{message}"
        );
        assert!(message.ends_with(FOOTER), "{message}");
        fs::remove_dir_all(dir).unwrap();
    }

    /// Run `program` with a stamper that says task B at time 3 (or the
    /// time `clock` holds), and return the watchdog's message.
    fn stuck(chapter: &str, program: impl FnOnce(&Trace) + Send + 'static) -> String {
        let (mut ex, dir) = exercise_expecting("a\n");
        let folder = dir.join(chapter);
        fs::create_dir_all(folder.join("snapshots")).unwrap();
        fs::copy(
            dir.join("snapshots/hello.snap"),
            folder.join("snapshots/hello.snap"),
        )
        .unwrap();
        ex.chapter_dir = folder;
        let message = failure(|| ex.check("hello", program));
        fs::remove_dir_all(dir).unwrap();
        message
    }

    fn stamp_b_at(t: &Trace, clock: Arc<std::sync::atomic::AtomicU64>) {
        t.set_stamper(move || trace::Stamp {
            time: clock.load(std::sync::atomic::Ordering::Relaxed),
            task: "B".into(),
        });
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn the_watchdog_names_the_task_that_never_gives_way_in_the_chapters_words() {
        let spin = |t: &Trace| {
            stamp_b_at(t, Arc::new(3.into()));
            t.say("starts counting");
            #[allow(clippy::empty_loop)]
            loop {
                std::hint::spin_loop();
            }
        };
        let message = stuck("ch04-event-loop", spin);
        assert!(
            message.starts_with(
                "exercise `hello`: the program did not finish within 0.3 seconds, so the watchdog stopped the test.\n\
                 The loop last resumed task B, at time 3, and it never gave control back: the task is \
                 still running, and never yields (a loop in it that reaches no `.await`), so nothing else can run.\n\
                 It said 1 line(s) before it was stopped."
            ),
            "{message}"
        );
        assert!(message.contains("    starts counting"), "{message}");
        let message = stuck("ch05-async-await", spin);
        assert!(
            message.contains(
                "The loop last polled task B, at time 3, and it never gave control back: the task is \
                 still running, and never returns from its poll (a loop in it that reaches no `.await`"
            ),
            "{message}"
        );
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn the_watchdog_tells_a_blocking_call_from_a_task_that_never_gives_way() {
        let message = stuck("ch06-real-world", |t| {
            stamp_b_at(t, Arc::new(2.into()));
            t.say("blocks");
            std::thread::sleep(Duration::from_secs(3));
        });
        assert!(
            message.contains(
                "The loop last polled task B, at time 2, and nothing has moved since: the thread sleeps. \
                 Either that task is stuck in a blocking call (std::thread::sleep, blocking I/O"
            ),
            "{message}"
        );
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn in_chapter_8_a_turn_that_blocks_its_thread_is_named() {
        let message = stuck("ch08-many-threads", |t| {
            // As many::explore_watched tells the check where it is.
            t.set_stamper(|| trace::Stamp {
                time: 1,
                task: "task 1".into(),
            });
            // A task that locks a std::sync::Mutex it already holds.
            std::thread::sleep(Duration::from_secs(3));
        });
        assert!(
            message.contains(
                "The turn of task 1, on schedule 1, never came back, and the thread sleeps: the \
                 task blocks it. A `std::sync::Mutex` locked again by the task that holds it"
            ),
            "{message}"
        );
        assert!(!message.contains("line(s)"), "{message}");
    }

    #[test]
    fn in_chapter_8_a_check_still_trying_schedules_says_so() {
        let message = stuck("ch08-many-threads", |t| {
            // As many::explore_watched counts the schedules it has tried.
            let tried = Arc::new(std::sync::atomic::AtomicU64::new(1));
            let shown = tried.clone();
            t.set_stamper(move || trace::Stamp {
                time: shown.load(std::sync::atomic::Ordering::Relaxed),
                task: "main".into(),
            });
            loop {
                tried.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        assert!(
            message.contains("The check was still trying schedules: it had tried "),
            "{message}"
        );
    }

    #[test]
    fn the_watchdog_tells_a_loop_that_turns_for_ever_from_a_stuck_task() {
        let message = stuck("ch04-event-loop", |t| {
            // A loop of the learner's that moves its clock and wakes nobody.
            let clock = Arc::new(std::sync::atomic::AtomicU64::new(0));
            stamp_b_at(t, clock.clone());
            t.say("starts");
            loop {
                clock.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        assert!(
            message.contains(
                "The loop keeps going round without finishing: in 0.1 seconds its clock went from "
            ),
            "{message}"
        );
        assert!(
            message.contains(
                "or a loop of yours turns without resuming any task, is the usual cause."
            ),
            "{message}"
        );
    }

    #[test]
    fn a_stamper_that_never_returns_does_not_hang_the_watchdog() {
        let message = stuck("ch04-event-loop", |t| {
            t.set_stamper(|| {
                loop {
                    std::thread::sleep(Duration::from_secs(1));
                }
            });
            t.say("never said: the stamper never returns");
        });
        assert!(
            message.contains("The trace did not answer within 1.0 seconds when the watchdog asked which task was running: the code that stamps each line"),
            "{message}"
        );
    }

    #[test]
    fn a_loop_that_says_too_much_is_stopped_by_the_line_limit() {
        let (ex, dir) = exercise_expecting("a\n");
        let message = failure(|| {
            ex.check("hello", |t| {
                let mut i = 0u64;
                loop {
                    t.say(i);
                    i += 1;
                }
            })
        });
        assert!(
            message.starts_with(&format!("exercise `hello`: {}", trace::RUNAWAY_MESSAGE)),
            "{message}"
        );
        assert!(
            message.contains("    9999\n"),
            "the last lines are shown: {message}"
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_panic_is_reported_with_its_message() {
        let (ex, dir) = exercise_expecting("a\n");
        let message = failure(|| {
            ex.check("hello", |t| {
                t.say("before");
                panic!("boom");
            })
        });
        assert!(
            message.starts_with("exercise `hello`: the program panicked: boom"),
            "{message}"
        );
        assert!(
            message.contains(": boom\nThe last lines it said:\n    before"),
            "{message}"
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_missing_snapshot_says_how_to_restore_it() {
        let (ex, dir) = exercise_expecting("a\n");
        fs::remove_file(dir.join("snapshots/hello.snap")).unwrap();
        let message = failure(|| ex.check("hello", |t| t.say("a")));
        assert!(message.contains("hello.snap is missing"), "{message}");
        assert!(message.contains("git checkout --"), "{message}");
        fs::write(dir.join("snapshots/hello.snap"), "a\n").unwrap();
        let message = failure(|| ex.check("hello", |t| t.say("a")));
        assert!(
            message.contains("hello.snap has lost its 4-line header, so it was edited by hand"),
            "{message}"
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_prediction_need_not_copy_the_time_column_padding() {
        let (ex, dir) = exercise_expecting("  0 [main] hello\n 10 [A] bye\n");
        let program = |t: &Trace| {
            let now = std::sync::Arc::new(std::sync::Mutex::new(trace::Stamp {
                time: 0,
                task: "main".into(),
            }));
            let stamper_now = std::sync::Arc::clone(&now);
            t.set_stamper(move || stamper_now.lock().unwrap().clone());
            t.say("hello");
            *now.lock().unwrap() = trace::Stamp {
                time: 10,
                task: "A".into(),
            };
            t.say("bye");
        };
        ex.check_prediction("hello", &["0 [main] hello", "10  [A]   bye"], program);
        let message = failure(|| ex.check_prediction("hello", &["0 [main]hello"], program));
        assert!(message.contains("line 1 is where"), "{message}");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn predictions_are_judged_without_giving_the_answer_away() {
        let (ex, dir) = exercise_expecting("one\ntwo\nthree\n");
        let program = |t: &Trace| {
            t.say("one");
            t.say("two");
            t.say("three");
        };
        ex.check_prediction("hello", &["one", "two", "three"], program);
        let cases: [(&[&str], &str); 4] = [
            (
                &[],
                "PREDICTION is empty. Read the program, then write the 3 lines",
            ),
            (
                &["one"],
                "your prediction is right as far as it goes (1 line(s)), but the program says 3 lines",
            ),
            (
                &["one", "two", "three", "four"],
                "the program says 3 line(s), and your prediction has all of them right, then 1 more",
            ),
            (
                &["one", "three", "two"],
                "your first 1 line(s) are right; line 2 is where the program and your prediction part:\n    you wrote: \"three\"",
            ),
        ];
        for (prediction, expected) in cases {
            let message = failure(|| ex.check_prediction("hello", prediction, program));
            assert!(
                message.starts_with(&format!("exercise `hello`: {expected}")),
                "{message}"
            );
            assert!(
                !message.contains("\"two\"") || prediction.contains(&"two"),
                "answer given away: {message}"
            );
        }
        let message = failure(|| ex.check_prediction("hello", &[], |t: &Trace| t.say("changed")));
        assert!(
            message.contains("no longer says what it said when the exercise was written"),
            "{message}"
        );
        fs::remove_dir_all(dir).unwrap();
    }
}
