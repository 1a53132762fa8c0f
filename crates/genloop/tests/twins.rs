//! Rust twins of the asyncio programs in `python/`.
//!
//! Each twin must say what `snapshots/<name>.snap` holds (checked by the
//! harness, like a chapter's demos). When `python3` is installed, each
//! Python program must print the very same trace: the proof that genloop
//! orders events as CPython's asyncio does.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use genloop::Cx;
use trace::Trace;

// ANCHOR: hello_world
fn hello_world(t: &Trace) {
    genloop::run(t, |cx| async move {
        cx.say("Hello");
        cx.sleep(1).await;
        cx.say("World");
    });
}
// ANCHOR_END: hello_world

// ANCHOR: worker
async fn worker(cx: Cx, ticks: u64) -> u64 {
    cx.say("starts");
    cx.sleep(ticks).await;
    cx.say("ends");
    ticks
}
// ANCHOR_END: worker

// ANCHOR: create_task
fn create_task(t: &Trace) {
    genloop::run(t, |cx| async move {
        let a = cx.spawn("A", |cx| worker(cx, 2)).await;
        let b = cx.spawn("B", |cx| worker(cx, 1)).await;
        cx.join(&a).await;
        cx.join(&b).await;
    });
}
// ANCHOR_END: create_task

// ANCHOR: gather
fn gather(t: &Trace) {
    genloop::run(t, |cx| async move {
        let a = cx.spawn("A", |cx| worker(cx, 2)).await;
        let b = cx.spawn("B", |cx| worker(cx, 1)).await;
        let results = cx.gather(&[a, b]).await;
        cx.say(format!("gathered {results:?}"));
    });
}
// ANCHOR_END: gather

// ANCHOR: say_after
async fn say_after(cx: &Cx, ticks: u64, what: &str) {
    cx.sleep(ticks).await;
    cx.say(what);
}
// ANCHOR_END: say_after

// ANCHOR: say_after_awaited
fn say_after_awaited(t: &Trace) {
    genloop::run(t, |cx| async move {
        cx.say("started");
        say_after(&cx, 2, "hello").await;
        say_after(&cx, 3, "world").await;
        cx.say("finished");
    });
}
// ANCHOR_END: say_after_awaited

// ANCHOR: say_after_tasks
fn say_after_tasks(t: &Trace) {
    genloop::run(t, |cx| async move {
        let a = cx
            .spawn("A", |cx| async move { say_after(&cx, 2, "hello").await })
            .await;
        let b = cx
            .spawn("B", |cx| async move { say_after(&cx, 3, "world").await })
            .await;
        cx.say("started");
        cx.join(&a).await;
        cx.join(&b).await;
        cx.say("finished");
    });
}
// ANCHOR_END: say_after_tasks

// ANCHOR: equal_sleeps
async fn sleeper(cx: Cx, give_way_first: bool) {
    if give_way_first {
        cx.sleep(0).await;
    }
    cx.say("sleeps 1");
    cx.sleep(1).await;
    cx.say("wakes");
}

fn equal_sleeps(t: &Trace) {
    genloop::run(t, |cx| async move {
        let a = cx.spawn("A", |cx| sleeper(cx, true)).await;
        let b = cx.spawn("B", |cx| sleeper(cx, false)).await;
        let c = cx.spawn("C", |cx| sleeper(cx, false)).await;
        cx.gather(&[a, b, c]).await;
    });
}
// ANCHOR_END: equal_sleeps

// ANCHOR: ping_pong
async fn player(cx: Cx, word: &str) {
    for _ in 0..3 {
        cx.say(word);
        cx.sleep(0).await;
    }
}

fn ping_pong(t: &Trace) {
    genloop::run(t, |cx| async move {
        let a = cx.spawn("A", |cx| player(cx, "ping")).await;
        let b = cx.spawn("B", |cx| player(cx, "pong")).await;
        cx.join(&a).await;
        cx.join(&b).await;
    });
}
// ANCHOR_END: ping_pong

// ANCHOR: counters
async fn count(cx: Cx, to: u32) {
    for i in 1..=to {
        cx.say(i);
        cx.sleep(1).await;
    }
}

fn counters(t: &Trace) {
    genloop::run(t, |cx| async move {
        let mut counters = Vec::new();
        for name in ["A", "B", "C"] {
            counters.push(cx.spawn(name, |cx| count(cx, 3)).await);
        }
        cx.gather(&counters).await;
        cx.say("all counted");
    });
}
// ANCHOR_END: counters

// ANCHOR: ticker
async fn ticker(cx: Cx, ticks: u32) {
    for i in 0..ticks {
        cx.say(format!("tick {i}"));
        cx.sleep(0).await;
    }
}

async fn quick(cx: Cx) {
    cx.say("done");
}
// ANCHOR_END: ticker

// ANCHOR: join_vs_gather
fn join_vs_gather(t: &Trace) {
    genloop::run(t, |cx| async move {
        cx.spawn("T", |cx| ticker(cx, 6)).await;
        let a = cx.spawn("A", quick).await;
        cx.join(&a).await;
        cx.say("awaited A");
        let b = cx.spawn("B", quick).await;
        cx.gather(&[b]).await;
        cx.say("gathered B");
    });
}
// ANCHOR_END: join_vs_gather

// ANCHOR: main_returns
fn main_returns(t: &Trace) {
    genloop::run(t, |cx| async move {
        let a = cx.spawn("A", quick).await;
        cx.spawn("T", |cx| ticker(cx, 5)).await;
        cx.join(&a).await;
        cx.say("returns");
    });
}
// ANCHOR_END: main_returns

/// Every twin, by the name of its Python file and snapshot.
macro_rules! twins {
    ($($name:ident),* $(,)?) => {
        const TWINS: &[(&str, fn(&Trace))] = &[$((stringify!($name), $name)),*];

        /// Each twin says what its snapshot holds.
        mod snapshots {
            $(
                #[test]
                fn $name() {
                    let crate_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
                    harness::Exercise::demo(stringify!($name), crate_dir, false)
                        .check(stringify!($name), super::$name);
                }
            )*
        }
    };
}

twins!(
    hello_world,
    create_task,
    gather,
    say_after_awaited,
    say_after_tasks,
    equal_sleeps,
    ping_pong,
    counters,
    join_vs_gather,
    main_returns,
);

fn python_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("python")
}

#[test]
fn every_python_program_has_a_twin() {
    let mut programs: Vec<String> = std::fs::read_dir(python_dir())
        .expect("crates/genloop/python")
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|file| file.ends_with(".py") && !file.starts_with('_'))
        .map(|file| file.trim_end_matches(".py").to_string())
        .collect();
    programs.sort();
    let mut twins: Vec<&str> = TWINS.iter().map(|(name, _)| *name).collect();
    twins.sort();
    assert_eq!(programs, twins);
}

/// Runs the programs named on its command line one after the other in
/// one Python, each output after a line `=== name`.
const RUN_ALL: &str = r#"
import contextlib, io, runpy, sys, traceback
for name in sys.argv[1:]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            runpy.run_path(name + ".py", run_name="__main__")
        except BaseException:
            traceback.print_exc(file=out)
    print("=== " + name)
    print(out.getvalue(), end="")
"#;

#[test]
fn cpython_prints_the_same_traces() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 is not installed, so the asyncio twins were not compared");
        return;
    }
    // Starting Python costs more than most programs' sleeps: two Pythons,
    // at the same time, each run half of the programs.
    let names: Vec<&str> = TWINS.iter().map(|(name, _)| *name).collect();
    let halves = [0, 1].map(|half| names.iter().skip(half).step_by(2));
    let running: Vec<Child> = halves.into_iter().map(start_python).collect();
    let mut printed = HashMap::new();
    for child in running {
        let output = finish_python(child).unwrap_or_else(|why| panic!("python3 {why}"));
        for program in output.split("=== ").skip(1) {
            let (name, trace) = program.split_once('\n').unwrap_or((program, ""));
            printed.insert(name.to_string(), trace.to_string());
        }
    }
    let mut disagreements = Vec::new();
    for &(name, twin) in TWINS {
        let t = Trace::new();
        twin(&t);
        let rust = t.render();
        match printed.get(name) {
            Some(python) if *python == rust => {}
            Some(python) => disagreements.push(format!(
                "python/{name}.py printed:\n{python}but its Rust twin said:\n{rust}"
            )),
            None => disagreements.push(format!("python/{name}.py printed nothing")),
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// `python3 -c RUN_ALL names…`, in the `python/` folder.
fn start_python<'a>(names: impl Iterator<Item = &'a &'a str>) -> Child {
    Command::new("python3")
        .arg("-c")
        .arg(RUN_ALL)
        .args(names)
        .current_dir(python_dir())
        .env("PYTHONDONTWRITEBYTECODE", "1") // leave no __pycache__ behind
        .env("PYTHONUTF8", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 starts")
}

/// What it printed, or why it failed. A Python that hangs is killed, so it
/// cannot hang the tests.
fn finish_python(mut child: Child) -> Result<String, String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().map_err(|e| e.to_string())?.is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            return Err("did not finish within 20 seconds".into());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("failed ({}):\n{stderr}", output.status));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
