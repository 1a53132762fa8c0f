//! Builds the workbook's book in process with `mdbook-driver`, so a reader
//! needs nothing but the Rust toolchain.
//!
//! The build is strict. mdBook only *logs* some problems and carries on: a
//! `{{#include}}` whose file is missing leaves the raw `{{#include …}}` text
//! in the page, an unclosed `<div>` breaks the layout, and an include whose
//! anchor does not exist shows an empty code block without a word. Here every
//! message mdBook logs at warning or error level fails the build, and so does
//! an include whose anchor is missing or whose line range is past the end of
//! its file.
//!
//! ```no_run
//! let root = wb_book::find_root(std::env::current_dir()?)?;
//! let index = wb_book::build(&root)?;
//! println!("{}", index.display());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

use mdbook_driver::MDBook;
use mdbook_driver::book::BookItem;
use regex::Regex;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Metadata, Subscriber, span};

pub mod browser;

/// The file that marks the workbook's root folder.
pub const MANIFEST_FILE: &str = "workbook.toml";

/// A failed build, with everything that was wrong.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// The folder that holds `workbook.toml`: `start` or the nearest folder above it.
pub fn find_root(start: impl AsRef<Path>) -> Result<PathBuf, Error> {
    let start = start.as_ref();
    start
        .ancestors()
        .find(|dir| dir.join(MANIFEST_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            Error(format!(
                "no {MANIFEST_FILE} in {} or any folder above it: run this inside the workbook",
                start.display()
            ))
        })
}

/// Builds `<root>/book` into the folder its `book.toml` names (`book/build`)
/// and returns the path of the built `index.html`.
pub fn build(root: &Path) -> Result<PathBuf, Error> {
    build_book(&root.join("book"))
}

/// Builds the mdBook whose `book.toml` is in `book_dir` and returns the path
/// of the built `index.html`. Any problem (see the crate's documentation)
/// is an error that lists them all.
pub fn build_book(book_dir: &Path) -> Result<PathBuf, Error> {
    build_book_into(book_dir, None)
}

/// Like [`build_book`], but into `out` instead of the folder `book.toml`
/// names, if given: the browser check builds its own copy, so that nobody
/// rebuilding book/build meanwhile pulls pages from under it.
pub fn build_book_into(book_dir: &Path, out: Option<&Path>) -> Result<PathBuf, Error> {
    if !book_dir.join("book.toml").is_file() {
        return Err(Error(format!("no book.toml in {}", book_dir.display())));
    }
    let dispatch = tracing::Dispatch::new(Collector::default());
    let mut problems = Vec::new();
    let result = tracing::dispatcher::with_default(&dispatch, || {
        let mut book = MDBook::load(book_dir)?;
        if let Some(out) = out {
            book.config.build.build_dir = out.to_path_buf();
        }
        problems.extend(check_includes(&book));
        book.build()?;
        Ok::<_, mdbook_driver::errors::Error>(book.build_dir_for("html").join("index.html"))
    });
    if let Some(collector) = dispatch.downcast_ref::<Collector>() {
        problems.extend(std::mem::take(&mut *collector.problems.lock().unwrap()));
    }

    let failed = match result {
        Ok(index) if problems.is_empty() => return Ok(index),
        Ok(_) => "has problems (a warning counts as an error)",
        Err(e) => {
            let mut cause = format!("error: {e}");
            for c in e.chain().skip(1) {
                let _ = write!(cause, ": {c}");
            }
            if cause.contains("failed to read chapter") {
                cause.push_str(" (every page listed in SUMMARY.md must exist)");
            }
            problems.push(cause);
            "did not build"
        }
    };
    let mut message = format!("the book in {} {failed}:", book_dir.display());
    for problem in &problems {
        let _ = write!(message, "\n  {problem}");
    }
    Err(Error(message))
}

/// Opens `path` in the default browser. An error here is for the caller to
/// show as a warning: the book is built either way.
pub fn open(path: &Path) -> Result<(), Error> {
    let mut command = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        Command::new("xdg-open")
    };
    let program = command.get_program().to_string_lossy().into_owned();
    let mut child = command
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Error(format!("could not open a browser: `{program}`: {e}")))?;
    // `open` and `start` return at once; `xdg-open` may instead run the
    // browser itself and return only when it closes. Wait a little for a
    // failure, then leave the browser running.
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                return Err(Error(format!(
                    "could not open a browser: `{program}` {status}"
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(Error(format!("could not open a browser: `{program}`: {e}"))),
        }
    }
    Ok(())
}

/// `{{#include path:anchor}}` and `{{#include path:start:end}}` whose
/// anchor does not exist or whose range starts after the file's last line:
/// mdBook shows them as empty code blocks, without a warning. (A missing
/// file mdBook reports itself.)
fn check_includes(book: &MDBook) -> Vec<String> {
    // The same pattern mdBook uses (links.rs), escaped links first.
    static LINK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\\\{\{\#.*\}\}|\{\{\s*\#(include|rustdoc_include)\s+([^}]+)\}\}").unwrap()
    });
    let src = book.source_dir();
    let mut problems = Vec::new();
    for item in book.iter() {
        let BookItem::Chapter(chapter) = item else {
            continue;
        };
        let Some(page) = &chapter.source_path else {
            continue;
        };
        let dir = src
            .join(page)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| src.clone());
        for cap in LINK.captures_iter(&chapter.content) {
            let Some(target) = cap
                .get(2)
                .and_then(|m| m.as_str().split_whitespace().next())
            else {
                continue; // an escaped link
            };
            let (file, spec) = target.split_once(':').unwrap_or((target, ""));
            let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
                continue;
            };
            let first = spec.split(':').next().unwrap_or("");
            let problem = if first.is_empty() {
                None
            } else if let Ok(start) = first.parse::<usize>() {
                let lines = text.lines().count();
                (start > lines).then(|| format!("starts at line {start}, but the file has {lines}"))
            } else {
                let found = text.lines().any(|line| {
                    line.split("ANCHOR:").skip(1).any(|rest| {
                        let name = rest.trim_start();
                        name.strip_prefix(first).is_some_and(|after| {
                            !after
                                .starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '-')
                        })
                    })
                });
                (!found).then(|| format!("`{file}` has no `ANCHOR: {first}`"))
            };
            if let Some(problem) = problem {
                problems.push(format!(
                    "error: {}: `{}` includes nothing: {problem}",
                    page.display(),
                    cap.get(0).unwrap().as_str()
                ));
            }
        }
    }
    problems
}

/// Keeps every warning and error mdBook logs while the book builds.
#[derive(Default)]
struct Collector {
    problems: Mutex<Vec<String>>,
}

impl Subscriber for Collector {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        // In `tracing`, ERROR < WARN < INFO: this keeps warnings and errors.
        *metadata.level() <= Level::WARN
    }

    fn max_level_hint(&self) -> Option<tracing::level_filters::LevelFilter> {
        Some(tracing::level_filters::LevelFilter::WARN)
    }

    fn new_span(&self, _: &span::Attributes<'_>) -> span::Id {
        span::Id::from_u64(1)
    }

    fn record(&self, _: &span::Id, _: &span::Record<'_>) {}

    fn record_follows_from(&self, _: &span::Id, _: &span::Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut text = Text::default();
        event.record(&mut text);
        let mut problems = self.problems.lock().unwrap();
        // mdBook logs the causes of an error as warnings of their own.
        if let (Some(cause), Some(last)) = (text.0.strip_prefix("Caused By: "), problems.last_mut())
        {
            let _ = write!(last, ": {cause}");
            return;
        }
        let level = if *event.metadata().level() == Level::ERROR {
            "error"
        } else {
            "warning"
        };
        problems.push(format!("{level}: {}", text.0));
    }

    fn enter(&self, _: &span::Id) {}

    fn exit(&self, _: &span::Id) {}
}

/// An event's message, then its other fields as `name=value`.
#[derive(Default)]
struct Text(String);

impl Visit for Text {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        if field.name() == "message" {
            let _ = write!(self.0, "{value:?}");
        } else {
            let _ = write!(self.0, "{}={value:?}", field.name());
        }
    }
}
