//! Compiling the chapters' test binaries, and what the compiler said,
//! message by message, so that a report shows each exercise only its own.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, IsTerminal};
use std::path::PathBuf;
use std::process::Stdio;

use anyhow::{Context, Result};
use manifest::Workbook;

use crate::cargo;
use crate::style;

/// One compiler message.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub error: bool,
    /// The crate it came from (`ch04-event-loop`).
    pub krate: String,
    /// Where its primary span is, relative to the workbook
    /// (`crates/ch04-event-loop/src/../../../exercises/ch04_event_loop/timers.rs`),
    /// and the line; `None` for a message about the whole crate.
    pub at: Option<(String, usize)>,
    /// As the compiler prints it.
    pub rendered: String,
    /// On one line: `exercises/ch04_event_loop/timers.rs:12:9: warning: unused variable: `clock``.
    pub short: String,
}

/// What compiling some chapters' exercise tests gave.
#[derive(Debug, Default)]
pub struct Built {
    /// Each chapter crate that compiled, and its `tests/exercises.rs` binary.
    pub binaries: BTreeMap<String, PathBuf>,
    /// Its `tests/variants.rs` binary: an assignment's hidden tests.
    pub variant_binaries: BTreeMap<String, PathBuf>,
    /// Chapter crates that did not compile.
    pub broken: BTreeSet<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Cargo's own output, for `--verbose` and for a refusal that is no
    /// compile error (a broken `Cargo.toml`).
    pub raw: String,
}

/// `cargo test --no-run` for the exercise tests of `crates`, all in one
/// cargo run, so they compile in parallel. A crate that does not compile
/// stops cargo for all, so the others are built again without it: one
/// learner's broken chapter never hides the results of the rest.
/// With `solutions`, of the reference solutions instead of the learner's
/// files (each chapter's feature `solutions`); the crates in `variants`
/// build their `tests/variants.rs` too (feature `variants`).
pub fn build(
    wb: &Workbook,
    crates: &[String],
    solutions: bool,
    variants: &[String],
) -> Result<Built> {
    let mut built = Built::default();
    let mut left: Vec<String> = crates.to_vec();
    while !left.is_empty() {
        let newly_broken = build_once(wb, &left, solutions, variants, &mut built)?;
        if newly_broken.is_empty() {
            break;
        }
        built.broken.extend(newly_broken);
        left.retain(|c| !built.broken.contains(c) && !built.binaries.contains_key(c));
    }
    Ok(built)
}

/// One cargo run; the crates it said could not compile.
fn build_once(
    wb: &Workbook,
    crates: &[String],
    solutions: bool,
    variants: &[String],
    built: &mut Built,
) -> Result<Vec<String>> {
    let format = if style::enabled() {
        "--message-format=json-diagnostic-rendered-ansi"
    } else {
        "--message-format=json"
    };
    let mut cmd = cargo::command(&wb.root);
    cmd.args(["test", "--no-run", format]);
    for krate in crates {
        cmd.args(["-p", krate]);
    }
    cmd.args(["--test", "exercises"]);
    let mut features: Vec<String> = Vec::new();
    if solutions {
        features.extend(crates.iter().map(|c| format!("{c}/solutions")));
    }
    let hidden: Vec<&String> = variants.iter().filter(|c| crates.contains(c)).collect();
    if !hidden.is_empty() {
        cmd.args(["--test", "variants"]);
        features.extend(hidden.iter().map(|c| format!("{c}/variants")));
    }
    if !features.is_empty() {
        cmd.args(["--features", &features.join(",")]);
    }
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().context("cannot run cargo")?;
    let stderr = child.stderr.take().expect("stderr is piped");
    // Cargo's stderr: its progress, and "could not compile" lines.
    let progress = std::thread::spawn(move || {
        let mut said = String::new();
        let mut shown = false;
        let terminal = std::io::stderr().is_terminal();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(what) = line.trim_start().strip_prefix("Compiling ") {
                let name = what.split(' ').next().unwrap_or(what);
                // One line while compiling: rewritten on a terminal, said
                // once through a pipe.
                if terminal {
                    eprint!("\r\x1b[K  compiling {name}…");
                } else if !shown {
                    eprintln!("  compiling…");
                }
                shown = true;
            }
            said.push_str(&line);
            said.push('\n');
        }
        if terminal && shown {
            eprint!("\r\x1b[K");
        }
        said
    });
    let stdout = child.stdout.take().expect("stdout is piped");
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        read_message(&line, built);
    }
    child.wait()?;
    let said = progress.join().unwrap_or_default();
    built.raw.push_str(&said);
    Ok(could_not_compile(&said)
        .into_iter()
        .filter(|name| crates.contains(name))
        .collect())
}

/// One line of cargo's JSON: a compiler message, or a built test binary.
fn read_message(line: &str, built: &mut Built) {
    let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
        built.raw.push_str(line);
        built.raw.push('\n');
        return;
    };
    let krate = message["manifest_path"]
        .as_str()
        .map(PathBuf::from)
        .and_then(|p| Some(p.parent()?.file_name()?.to_string_lossy().into_owned()))
        .unwrap_or_default();
    match message["reason"].as_str() {
        Some("compiler-artifact") => {
            if let Some(exe) = message["executable"].as_str() {
                match message["target"]["name"].as_str() {
                    Some("exercises") => {
                        built.binaries.insert(krate, PathBuf::from(exe));
                    }
                    Some("variants") => {
                        built.variant_binaries.insert(krate, PathBuf::from(exe));
                    }
                    _ => {}
                }
            }
        }
        Some("compiler-message") => {
            let m = &message["message"];
            let level = m["level"].as_str().unwrap_or("");
            // `crates/ch01-yield/src/../../../exercises/…` is `exercises/…`
            // to a learner, as the `#[path]` that leads there is not theirs.
            let rendered = m["rendered"]
                .as_str()
                .unwrap_or("")
                .trim_end()
                .replace(&format!("crates/{krate}/src/../../../"), "");
            // The compiler's summaries ("aborting due to…", "N warnings
            // emitted") say nothing of their own.
            let summary = m["spans"].as_array().is_none_or(Vec::is_empty)
                && (rendered.contains("aborting due to") || rendered.contains("emitted"));
            if !matches!(level, "error" | "warning") || summary {
                return;
            }
            let primary = m["spans"]
                .as_array()
                .and_then(|spans| spans.iter().find(|s| s["is_primary"] == true));
            let at = primary.map(|s| {
                let file = s["file_name"].as_str().unwrap_or("").replace('\\', "/");
                (file, s["line_start"].as_u64().unwrap_or(0) as usize)
            });
            let text = m["message"].as_str().unwrap_or("");
            let short = match (&at, primary) {
                (Some((file, line)), Some(span)) => format!(
                    "{}:{line}:{}: {level}: {text}",
                    manifest::learner_path(file),
                    span["column_start"].as_u64().unwrap_or(1)
                ),
                _ => format!("{level}: {text}"),
            };
            built.diagnostics.push(Diagnostic {
                error: level == "error",
                krate,
                at,
                rendered,
                short,
            });
        }
        _ => {}
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_messages_and_binaries() {
        let mut built = Built::default();
        read_message(
            r#"{"reason":"compiler-message","manifest_path":"/wb/crates/ch01-yield/Cargo.toml","message":{"level":"warning","message":"unused variable: `x`","rendered":"warning: unused variable: `x`\n --> here\n","spans":[{"file_name":"crates/ch01-yield/src/../../../exercises/ch01_yield/hello.rs","line_start":9,"column_start":5,"is_primary":true}]}}"#,
            &mut built,
        );
        read_message(
            r#"{"reason":"compiler-message","manifest_path":"/wb/crates/ch01-yield/Cargo.toml","message":{"level":"warning","rendered":"warning: 1 warning emitted\n","spans":[]}}"#,
            &mut built,
        );
        read_message(
            r#"{"reason":"compiler-artifact","manifest_path":"/wb/crates/ch01-yield/Cargo.toml","target":{"name":"exercises"},"executable":"/wb/target/debug/deps/exercises-1"}"#,
            &mut built,
        );
        assert_eq!(built.diagnostics.len(), 1);
        let d = &built.diagnostics[0];
        assert!(!d.error && d.krate == "ch01-yield");
        assert_eq!(
            d.short,
            "exercises/ch01_yield/hello.rs:9:5: warning: unused variable: `x`"
        );
        assert_eq!(
            d.at,
            Some((
                "crates/ch01-yield/src/../../../exercises/ch01_yield/hello.rs".into(),
                9
            ))
        );
        assert_eq!(
            built.binaries["ch01-yield"],
            PathBuf::from("/wb/target/debug/deps/exercises-1")
        );
        assert_eq!(
            could_not_compile("error: could not compile `ch01-yield` (test \"exercises\")\n"),
            ["ch01-yield"]
        );
    }
}
