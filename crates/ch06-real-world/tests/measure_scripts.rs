//! Smoke tests of the Python measurements that threads-vs-tasks.md shows
//! (crates/ch06-real-world/measure/*.py): each script runs, small, to a
//! successful end and prints the lines the page quotes, so that none of
//! them can rot unseen. They check that the scripts work, never their
//! figures. When `python3` is not found, each test says so and passes.
//!
//! The scripts belong to no exercise and are not demos, so, for `cargo wb
//! verify`, this file is a check of the solutions only: run it with
//! `cargo test -p ch06-real-world --features solutions --test measure_scripts`.

#![cfg(feature = "solutions")]

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `python3 measure/<script> <args>` from the crate's folder, as
/// the workbook runs Python (no `__pycache__` beside the scripts, UTF-8
/// whatever the locale, nothing on stdin); `None` when there is no
/// `python3`.
fn run(script: &str, args: &[&str]) -> Option<Output> {
    let found = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        println!("skipped: python3 not found, so measure/{script} was not run");
        return None;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("python3")
        .arg(Path::new("measure").join(script))
        .args(args)
        .current_dir(dir)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONUTF8", "1")
        .stdin(Stdio::null())
        .output()
        .expect("python3 runs");
    Some(out)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Asserts that the script ended well and that every one of `lines`
/// starts a line of its output.
fn assert_says(script: &str, out: &Output, lines: &[&str]) {
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(
        out.status.success(),
        "measure/{script} failed ({}):\n{stdout}{stderr}",
        out.status
    );
    for start in lines {
        assert!(
            stdout.lines().any(|line| line.starts_with(start)),
            "measure/{script} printed no line starting with {start:?}:\n{stdout}"
        );
    }
}

#[test]
fn threads_vs_tasks_measures_both_ways() {
    let script = "threads_vs_tasks.py";
    let Some(out) = run(script, &["--count", "200"]) else {
        return;
    };
    assert_says(
        script,
        &out,
        &[
            "CPython ",
            "200 threads: all waiting after ",
            "200 tasks: all waiting after ",
            "  while they wait: resident memory ",
            "  peak resident memory of the process: ",
        ],
    );
}

#[test]
fn cpu_work_times_every_way() {
    let script = "cpu_work.py";
    let Some(out) = run(script, &["--quick"]) else {
        return;
    };
    assert_says(
        script,
        &out,
        &[
            "4 jobs, one after the other:",
            "4 jobs, 4 threads (asyncio.to_thread):",
            "4 jobs, a pool of ",
            "4 waits of ",
        ],
    );
}

#[test]
fn nested_run_is_refused() {
    let script = "nested_run.py";
    let Some(out) = run(script, &[]) else {
        return;
    };
    let stderr = text(&out.stderr);
    assert!(
        !out.status.success(),
        "measure/{script} ended well:\n{stderr}"
    );
    for said in [
        "RuntimeError: asyncio.run() cannot be called from a running event loop",
        "RuntimeWarning: coroutine 'inner' was never awaited",
    ] {
        assert!(
            stderr.contains(said),
            "measure/{script} did not say {said:?}:\n{stderr}"
        );
    }
}
