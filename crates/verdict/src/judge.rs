//! The decision: from what a test's process recorded and how it ended, and
//! from the answer key, whether the exercise passes, and if not, why, in
//! the learner's words.
//!
//! A pass takes three things: a record that says the program finished, a
//! trace (and prediction) that match the answer key, and a process that
//! then exited well. Anything else fails, and the message says which of
//! the ways it went wrong this was: the harness's own explanation (a
//! `todo!()`, a panic, the watchdog), a process that crashed, aborted,
//! overflowed its stack, ran out of memory, or left early.

use std::time::Duration;

use crate::diff::diff;
use crate::record::{End, Finished, Panic, Said, VARIABLE};
use crate::{orders, prediction};

/// How the test's process ended, as the judge saw it.
#[derive(Debug, Clone, Default)]
pub struct Ended {
    /// Its exit code, if it exited.
    pub code: Option<i32>,
    /// The signal that ended it (Unix), if one did.
    pub signal: Option<i32>,
    /// The judge stopped it after this long: it ran past its time.
    pub out_of_time: Option<Duration>,
    /// What it printed (standard output and error, cut to a size): the
    /// runtime's last words, such as "has overflowed its stack".
    pub output: String,
}

impl Ended {
    fn well(&self) -> bool {
        self.code == Some(0) && self.out_of_time.is_none()
    }
}

/// The exercise a test belongs to, for messages.
pub struct About<'a> {
    pub id: &'a str,
    /// `exercises/ch04_event_loop/timers.rs`
    pub file: &'a str,
    /// `timers::sleepers_wake_in_deadline_order`
    pub test: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The loop's warnings, which a learner should read even so.
    Passed {
        warnings: Vec<String>,
        /// Chapter 8: how many schedules the check tried (every one).
        schedules: Option<u64>,
    },
    Failed {
        why: String,
        warnings: Vec<String>,
    },
}

impl Verdict {
    pub fn passed(&self) -> bool {
        matches!(self, Verdict::Passed { .. })
    }

    fn failed(why: String) -> Verdict {
        Verdict::Failed {
            why,
            warnings: Vec::new(),
        }
    }
}

/// Decide. `answer_key` gives the expected trace of a snapshot name, or
/// what to say when it cannot (the file is missing or was edited).
pub fn judge(
    said: &Said,
    ended: &Ended,
    answer_key: impl Fn(&str) -> Result<String, String>,
    about: &About,
) -> Verdict {
    if said.ends > 1 {
        return Verdict::failed(format!(
            "the test's record holds {} results, where the harness writes one: something besides \
             the harness wrote to it (the file named by {VARIABLE}). Only what your program says \
             through the trace counts.",
            said.ends
        ));
    }
    match &said.end {
        Some(End::Failed(why)) => Verdict::failed(why.clone()),
        Some(End::Finished(finished)) => match compare(finished, &answer_key, about) {
            Err(why) => Verdict::Failed {
                why,
                warnings: finished.warnings.clone(),
            },
            // The lesson is the warning: the message quotes the first, and
            // counts the others.
            Ok(()) if finished.lesson_is_warnings && finished.warnings_given > 0 => {
                Verdict::Failed {
                    why: lesson_warning(
                        finished.warnings.first().map(String::as_str),
                        finished.warnings_given,
                    ),
                    // The message counts the others; listing them would repeat it.
                    warnings: Vec::new(),
                }
            }
            Ok(()) if !ended.well() => Verdict::failed(format!(
                "your program said the right lines, but then its test process {}: whatever it did \
                 after its last line (a thread of its own, a `Drop`, an `exit`) costs the check.",
                how_it_ended(ended)
            )),
            Ok(()) => Verdict::Passed {
                warnings: finished.warnings.clone(),
                schedules: (finished.schedules_run > 0).then_some(finished.schedules_run),
            },
        },
        None => Verdict::failed(unfinished(said, ended, about)),
    }
}

/// The trace (and prediction, and warnings) against the answer key.
fn compare(
    finished: &Finished,
    answer_key: &impl Fn(&str) -> Result<String, String>,
    about: &About,
) -> Result<(), String> {
    let expected = answer_key(&finished.snapshot)?;
    let same = expected.trim_end() == finished.trace.trim_end();
    match &finished.prediction {
        Some(predicted) => {
            if !same {
                return Err(prediction::program_changed(about.file, about.id));
            }
            let predicted: Vec<&str> = predicted.iter().map(String::as_str).collect();
            prediction::judge(&expected, &predicted)?;
        }
        None if !same => {
            return Err(match &finished.explanation {
                Some(explanation) => explanation.clone(),
                None if orders::is_orders(&expected) => orders::explain(
                    &expected,
                    &finished.trace,
                    &finished.schedules,
                    finished.schedules_run as usize,
                ),
                None => diff(&expected, &finished.trace),
            });
        }
        None => {}
    }
    Ok(())
}

/// The expected trace in the snapshot `file` (`shown` is its path as a
/// learner would type it), or what to say when it cannot be read: the
/// answer key is part of the workbook, never the learner's to write.
pub fn answer_key(file: &std::path::Path, shown: &str) -> Result<String, String> {
    match std::fs::read_to_string(file) {
        Ok(text) => match manifest::snapshot_body(&text) {
            Some(body) => Ok(body.to_string()),
            None => Err(format!(
                "the expected answer {shown} has lost its 4-line header, so it was edited by hand.\n\
                 It is part of the workbook: restore it with `git checkout -- {shown}`"
            )),
        },
        Err(_) => Err(missing_answer_key(shown)),
    }
}

/// What to say of an answer key that is not there.
pub fn missing_answer_key(shown: &str) -> String {
    format!(
        "the expected answer {shown} is missing. It is part of the workbook, not yours to write:\n\
         restore it with `git checkout -- {shown}`"
    )
}

/// An exercise whose lesson is a mistake the loop warns about, and whose
/// trace is right all the same (workers that were never cancelled).
pub fn lesson_warning(first: Option<&str>, given: u64) -> String {
    // A program may take the loop's warnings itself: still counted.
    let first = first.unwrap_or("(the program took it, with `take_warnings`)");
    let more = match given.saturating_sub(1) {
        0 => String::new(),
        n => format!("\n(and {n} more warning(s) like it)"),
    };
    format!(
        "the program says the right lines, but the loop warned, and this exercise passes \
         only when the loop has nothing to warn about:\n  warning: {first}{more}"
    )
}

/// No result in the record: the process ended, or was ended, before the
/// harness could write one. Which way, from its last words.
fn unfinished(said: &Said, ended: &Ended, about: &About) -> String {
    let out = &ended.output;
    // The runtime's own "panic in a destructor during cleanup" passes the
    // panic hook too: it is no panic of the program's.
    const CLEANUP: &str = "panic in a destructor during cleanup";
    let panics = said
        .panics
        .iter()
        .filter(|p| p.message != CLEANUP)
        .map(describe_panic)
        .collect::<Vec<_>>();
    if let Some(limit) = ended.out_of_time {
        return format!(
            "the program did not finish within {:.0} seconds, and the watchdog inside its test \
             could not stop it or say why (something holds the trace, or the process does not \
             answer), so the check ended the process. Look for a loop that never ends in {}.",
            limit.as_secs_f64(),
            about.file
        );
    }
    if out.contains("has overflowed its stack") {
        return "the program recursed without end: a function kept calling itself (or two kept \
                calling each other) until the stack, the memory that holds each call in progress, \
                ran out, and the process stopped. Look for the call that never gets closer to an \
                end: a base case that is never reached."
            .to_string();
    }
    if out.contains("memory allocation of") || out.contains("capacity overflow") {
        return "the program ran out of memory: it kept asking for more (a collection that grows \
                for ever, a loop that never ends), and the process stopped."
            .to_string();
    }
    let aborted = ended.signal == Some(6);
    if out.contains(CLEANUP)
        || out.contains("non-unwinding panic")
        || (aborted && panics.len() >= 2)
    {
        // The first panic, and the one in the `drop` (the last: a loop may
        // have passed the first on in between).
        let first = panics.first().cloned().unwrap_or_default();
        let second = panics
            .last()
            .filter(|_| panics.len() >= 2)
            .cloned()
            .unwrap_or_default();
        return format!(
            "the program panicked{first}\nand while that panic unwound, a `drop` panicked too{second}\n\
             A panic during a panic aborts the whole process. Fix the first one; and a `Drop` \
             should never panic."
        );
    }
    if let Some(first) = panics.first() {
        return format!(
            "the program panicked{first}\nand then its test process {} before the check could \
             report it.",
            how_it_ended(ended)
        );
    }
    if said.watchdog.is_none() {
        if ended.code == Some(0) && out.contains("running 0 tests") {
            return format!(
                "the chapter's tests have no test `{}`: `cargo wb doctor` finds what is missing.",
                about.test
            );
        }
        return format!(
            "the test process {} before your program even started: code that runs before the test \
             (a static constructor, say) ended it. Only what your program says through the trace \
             counts, so nothing it prints or how it exits can pass a check.",
            how_it_ended(ended)
        );
    }
    match (ended.code, ended.signal) {
        (Some(code), _) => format!(
            "the program ended the whole test process (exit code {code}) before it finished: \
             `std::process::exit` stops every thread, the check's too. Return from the function \
             instead."
        ),
        (None, Some(6)) => "the program aborted its process (`std::process::abort()`, or the \
                            runtime gave up) before it finished."
            .to_string(),
        (None, Some(9)) => {
            "the system stopped the program's process (SIGKILL) before it finished: \
                            most often because it used up the memory."
                .to_string()
        }
        _ => format!(
            "the program's test process {} before it finished.{}",
            how_it_ended(ended),
            last_words(out)
        ),
    }
}

/// ` (at file:line): message`
fn describe_panic(panic: &Panic) -> String {
    let at = panic
        .at
        .as_ref()
        .map(|at| format!(" (at {at})"))
        .unwrap_or_default();
    format!("{at}: {}", panic.message)
}

fn how_it_ended(ended: &Ended) -> String {
    if ended.out_of_time.is_some() {
        return "was stopped, out of time".to_string();
    }
    match (ended.code, ended.signal) {
        (Some(0), _) => "exited".to_string(),
        (Some(code), _) => format!("exited with code {code}"),
        (None, Some(signal)) => format!("was ended by signal {signal}{}", signal_name(signal)),
        (None, None) => "ended".to_string(),
    }
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        4 => " (SIGILL)",
        6 => " (SIGABRT, an abort)",
        7 => " (SIGBUS)",
        9 => " (SIGKILL)",
        11 => " (SIGSEGV, a memory error)",
        _ => "",
    }
}

/// The last lines of the process's output, for a crash we cannot name.
fn last_words(output: &str) -> String {
    let lines: Vec<&str> = output.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return String::new();
    }
    let tail = &lines[lines.len().saturating_sub(3)..];
    format!(" Its last words:\n    {}", tail.join("\n    "))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ABOUT: About = About {
        id: "timers",
        file: "exercises/ch04_event_loop/timers.rs",
        test: "timers::sleepers",
    };

    fn key(name: &str) -> Result<String, String> {
        match name {
            "timers" => Ok("  0 [A] starts\n".to_string()),
            _ => Err(format!("no answer key {name}")),
        }
    }

    fn started() -> Said {
        Said {
            watchdog: Some(Duration::from_secs(5)),
            ..Said::default()
        }
    }

    fn finished(trace: &str) -> Said {
        Said {
            end: Some(End::Finished(Finished {
                snapshot: "timers".into(),
                trace: trace.into(),
                ..Finished::default()
            })),
            ends: 1,
            ..started()
        }
    }

    fn exited(code: i32) -> Ended {
        Ended {
            code: Some(code),
            ..Ended::default()
        }
    }

    fn why(verdict: Verdict) -> String {
        match verdict {
            Verdict::Failed { why, .. } => why,
            Verdict::Passed { .. } => panic!("passed"),
        }
    }

    #[test]
    fn only_the_right_trace_and_a_clean_exit_pass() {
        let right = finished("  0 [A] starts");
        assert!(judge(&right, &exited(0), key, &ABOUT).passed());
        let wrong = why(judge(&finished("  0 [B] starts"), &exited(0), key, &ABOUT));
        assert!(wrong.contains("- ") && wrong.contains("+ "), "{wrong}");
        let then_crashed = why(judge(&right, &exited(3), key, &ABOUT));
        assert!(
            then_crashed.contains("right lines, but then"),
            "{then_crashed}"
        );
    }

    #[test]
    fn nothing_printed_and_no_exit_passes_without_a_record() {
        // `test … ok` on stdout, then `exit(0)`: no record, no pass.
        let forged = Ended {
            output: "test timers::sleepers ... ok\ntest result: ok.".into(),
            ..exited(0)
        };
        let early = why(judge(&Said::default(), &forged, key, &ABOUT));
        assert!(
            early.contains("before your program even started"),
            "{early}"
        );
        let exit = why(judge(&started(), &exited(0), key, &ABOUT));
        assert!(exit.contains("process::exit"), "{exit}");
        let twice = Said {
            ends: 2,
            ..finished("  0 [A] starts")
        };
        assert!(why(judge(&twice, &exited(0), key, &ABOUT)).contains("2 results"));
    }

    #[test]
    fn each_crash_is_named() {
        let signal = |n: i32, output: &str| Ended {
            signal: Some(n),
            output: output.into(),
            ..Ended::default()
        };
        let overflow = signal(
            6,
            "\nthread 'exercise timers' has overflowed its stack\nfatal runtime error: stack overflow",
        );
        assert!(why(judge(&started(), &overflow, key, &ABOUT)).contains("recursed without end"));
        assert!(why(judge(&started(), &signal(6, ""), key, &ABOUT)).contains("aborted"));
        let oom = signal(6, "memory allocation of 8589934592 bytes failed\n");
        assert!(why(judge(&started(), &oom, key, &ABOUT)).contains("out of memory"));
        let two = Said {
            panics: vec![
                Panic {
                    message: "first".into(),
                    at: Some("exercises/a.rs:3".into()),
                },
                Panic {
                    message: "in drop".into(),
                    at: Some("exercises/a.rs:9".into()),
                },
            ],
            ..started()
        };
        let both = why(judge(&two, &signal(6, ""), key, &ABOUT));
        assert!(
            both.contains("(at exercises/a.rs:3): first")
                && both.contains("(at exercises/a.rs:9): in drop"),
            "{both}"
        );
        let late = Ended {
            out_of_time: Some(Duration::from_secs(8)),
            signal: Some(9),
            ..Ended::default()
        };
        assert!(why(judge(&started(), &late, key, &ABOUT)).contains("did not finish within 8"));
    }

    #[test]
    fn a_set_of_orders_is_judged_as_a_set_and_explained_with_its_schedule() {
        let key =
            |_: &str| Ok("2 possible orders\norder 1:\n  a\n  b\norder 2:\n  b\n  a\n".into());
        let said = |trace: &str, prediction: Option<Vec<String>>| Said {
            end: Some(End::Finished(Finished {
                snapshot: "orders".into(),
                trace: trace.into(),
                prediction,
                schedules: vec!["    main  a\n    main  a\n".into()],
                schedules_run: 3,
                ..Finished::default()
            })),
            ends: 1,
            ..started()
        };
        let racy = why(judge(
            &said("1 possible order\norder 1:\n  a\n  a\n", None),
            &exited(0),
            key,
            &ABOUT,
        ));
        assert!(racy.contains("on the 3 schedules the check ran"), "{racy}");
        assert!(racy.contains("    main  a\n"), "{racy}");
        let right = "2 possible orders\norder 1:\n  a\n  b\norder 2:\n  b\n  a\n";
        let predicted = Some(vec!["b a".to_string(), "a b".to_string()]);
        assert!(judge(&said(right, predicted), &exited(0), key, &ABOUT).passed());
        // A pass says how many schedules it stands on.
        let Verdict::Passed { schedules, .. } = judge(&said(right, None), &exited(0), key, &ABOUT)
        else {
            panic!("the right set fails");
        };
        assert_eq!(schedules, Some(3));
        let half = Some(vec!["b a".to_string()]);
        assert!(why(judge(&said(right, half), &exited(0), key, &ABOUT)).contains("can print more"));
    }

    #[test]
    fn a_missing_answer_key_says_so() {
        let mut said = finished("x");
        if let Some(End::Finished(f)) = &mut said.end {
            f.snapshot = "other".into();
        }
        assert_eq!(
            why(judge(&said, &exited(0), key, &ABOUT)),
            "no answer key other"
        );
    }
}
