//! What a test process tells the judge: a file of entries, appended as
//! the test goes, read by the judge once the process has ended.
//!
//! The judge names the file in [`VARIABLE`]. Each entry is a key, the
//! length of its value in bytes, and the value:
//!
//! ```text
//! started 4
//! 5000
//! snapshot 6
//! timers
//! trace 20
//!   0 [A] starts
//! ...
//! finished 0
//!
//! ```
//!
//! `started` (the watchdog's limit, in milliseconds) comes first; `panic`
//! entries are written the moment a panic happens, so that they survive a
//! process that aborts; the record ends with `finished` (after `snapshot`,
//! `trace` and the rest) or `failed` (the harness's explanation). The
//! lengths make any text safe to carry, and a record cut short is read as
//! far as it goes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The environment variable that holds the record's path. Without it the
/// harness checks by itself, as under `cargo test`.
pub const VARIABLE: &str = "WB_RECORD";

/// The most of a record the judge reads. A trace is far smaller (the trace
/// stops a program that says too much); the rest is not looked at.
pub const READ_LIMIT: usize = 8 << 20;

/// The record this process was asked to write, if a judge runs it.
pub fn requested() -> Option<PathBuf> {
    std::env::var_os(VARIABLE).map(PathBuf::from)
}

/// Append entries to the record at `path`, in one write, flushed before
/// this returns (a process may abort right after).
pub fn append(path: &Path, entries: &[(&str, &str)]) {
    let mut bytes = Vec::new();
    for (key, value) in entries {
        bytes.extend_from_slice(format!("{key} {}\n", value.len()).as_bytes());
        bytes.extend_from_slice(value.as_bytes());
        bytes.push(b'\n');
    }
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut file| file.write_all(&bytes));
    if let Err(e) = written {
        // The judge will say the record is missing; say why here too.
        eprintln!("cannot write the check's record {}: {e}", path.display());
    }
}

/// A panic, as it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panic {
    pub message: String,
    /// `exercises/ch04_event_loop/timers.rs:31`, when known.
    pub at: Option<String>,
}

impl Panic {
    /// The value of a `panic` entry: the location on the first line.
    pub fn entry(&self) -> String {
        format!("{}\n{}", self.at.as_deref().unwrap_or(""), self.message)
    }
}

/// A program that ran to its end: what it said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Finished {
    /// The answer key it is compared with: `snapshots/<snapshot>.snap`.
    pub snapshot: String,
    /// The rendered trace.
    pub trace: String,
    /// A "predict" exercise's prediction, one line a string.
    pub prediction: Option<Vec<String>>,
    /// The loop's warnings, as the learner reads them.
    pub warnings: Vec<String>,
    /// How many warnings the loop gave (a program may take some itself).
    pub warnings_given: u64,
    /// The exercise's lesson is what the loop warns about: a warning fails it.
    pub lesson_is_warnings: bool,
    /// A known mistake the test recognised in a wrong trace: said instead
    /// of the diff.
    pub explanation: Option<String>,
    /// Chapter 8: the trace is a set of orders ([`crate::orders`]), and
    /// this is the first schedule that printed each, in the same order.
    pub schedules: Vec<String>,
    /// Chapter 8: how many schedules ran.
    pub schedules_run: u64,
}

/// How a test ended, in its own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    Finished(Finished),
    /// The harness's explanation: a `todo!()`, a panic, the watchdog.
    Failed(String),
}

/// Everything a record held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Said {
    /// The harness started the program, with this watchdog.
    pub watchdog: Option<Duration>,
    pub panics: Vec<Panic>,
    pub end: Option<End>,
    /// More than one end: something besides the harness wrote to the record.
    pub ends: usize,
    /// Bytes past [`READ_LIMIT`], or a damaged entry.
    pub damaged: bool,
}

/// Read a record, as far as it goes.
pub fn read(bytes: &[u8]) -> Said {
    let mut said = Said {
        damaged: bytes.len() > READ_LIMIT,
        ..Said::default()
    };
    let mut rest = &bytes[..bytes.len().min(READ_LIMIT)];
    let mut finished = Finished::default();
    while !rest.is_empty() {
        let Some((key, value, after)) = entry(rest) else {
            said.damaged = true;
            break;
        };
        rest = after;
        match key {
            "started" => said.watchdog = value.parse().ok().map(Duration::from_millis),
            "panic" => {
                let (at, message) = value.split_once('\n').unwrap_or(("", value));
                said.panics.push(Panic {
                    message: message.to_string(),
                    at: (!at.is_empty()).then(|| at.to_string()),
                });
            }
            "snapshot" => finished.snapshot = value.to_string(),
            "trace" => finished.trace = value.to_string(),
            "prediction" => {
                finished.prediction = Some(if value.is_empty() {
                    Vec::new()
                } else {
                    value.split('\n').map(str::to_string).collect()
                })
            }
            "warning" => finished.warnings.push(value.to_string()),
            "warnings-given" => finished.warnings_given = value.parse().unwrap_or(u64::MAX),
            "lesson-is-warnings" => finished.lesson_is_warnings = true,
            "explanation" => finished.explanation = Some(value.to_string()),
            "schedule" => finished.schedules.push(value.to_string()),
            "schedules-run" => finished.schedules_run = value.parse().unwrap_or(0),
            "finished" => {
                said.ends += 1;
                said.end = Some(End::Finished(std::mem::take(&mut finished)));
            }
            "failed" => {
                said.ends += 1;
                said.end = Some(End::Failed(value.to_string()));
            }
            _ => said.damaged = true,
        }
    }
    said
}

/// `key len\nvalue\n`, and what follows it.
fn entry(bytes: &[u8]) -> Option<(&str, &str, &[u8])> {
    let newline = bytes.iter().position(|b| *b == b'\n')?;
    let head = std::str::from_utf8(&bytes[..newline]).ok()?;
    let (key, len) = head.split_once(' ')?;
    let len: usize = len.parse().ok()?;
    let start = newline + 1;
    let value = bytes.get(start..start.checked_add(len)?)?;
    let value = std::str::from_utf8(value).ok()?;
    let after = bytes.get(start + len + 1..).unwrap_or(&[]);
    Some((key, value, after))
}

/// Write a finished program's entries.
pub fn finished(path: &Path, finished: &Finished) {
    let given = finished.warnings_given.to_string();
    let prediction = finished.prediction.as_ref().map(|lines| lines.join("\n"));
    let mut entries = vec![
        ("snapshot", finished.snapshot.as_str()),
        ("trace", finished.trace.as_str()),
    ];
    if let Some(prediction) = &prediction {
        entries.push(("prediction", prediction));
    }
    for warning in &finished.warnings {
        entries.push(("warning", warning));
    }
    entries.push(("warnings-given", &given));
    if finished.lesson_is_warnings {
        entries.push(("lesson-is-warnings", ""));
    }
    if let Some(explanation) = &finished.explanation {
        entries.push(("explanation", explanation));
    }
    for schedule in &finished.schedules {
        entries.push(("schedule", schedule));
    }
    let run = finished.schedules_run.to_string();
    if finished.schedules_run > 0 {
        entries.push(("schedules-run", &run));
    }
    entries.push(("finished", ""));
    append(path, &entries);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl FnOnce(&Path)) -> Vec<u8> {
        let dir = std::env::temp_dir().join(format!("verdict-record-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{:?}.rec", std::thread::current().id()));
        let _ = std::fs::remove_file(&path);
        f(&path);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        bytes
    }

    #[test]
    fn a_finished_record_reads_back_whatever_its_text() {
        let run = Finished {
            snapshot: "timers".into(),
            trace: "  0 [A] says\nfinished 0\n\nstarted 3\n".into(),
            prediction: Some(vec!["a".into(), "".into(), "c".into()]),
            warnings: vec!["task B was left running".into()],
            warnings_given: 2,
            lesson_is_warnings: true,
            explanation: Some("a known mistake".into()),
            schedules: vec!["    task 1  A says\n".into(), "".into()],
            schedules_run: 7,
        };
        let bytes = written(|path| {
            append(path, &[("started", "5000")]);
            append(
                path,
                &[(
                    "panic",
                    &Panic {
                        message: "boom".into(),
                        at: None,
                    }
                    .entry(),
                )],
            );
            finished(path, &run);
        });
        let said = read(&bytes);
        assert_eq!(said.watchdog, Some(Duration::from_secs(5)));
        assert_eq!(said.panics[0].message, "boom");
        assert_eq!(said.end, Some(End::Finished(run)));
        assert_eq!(said.ends, 1);
        assert!(!said.damaged);
    }

    #[test]
    fn a_record_cut_short_reads_as_far_as_it_goes() {
        let said = read(b"started 4\n5000\npanic 10\nat\nmessage\nfinished 0\n\ntrace 100\nabc");
        assert_eq!(said.panics[0].at.as_deref(), Some("at"));
        assert!(matches!(said.end, Some(End::Finished(_))));
        assert!(said.damaged);
        assert!(read(b"").end.is_none());
    }
}
