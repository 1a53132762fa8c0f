//! Blocking work, chapter 6: a blocking call made in a task holds up the
//! whole loop ([`aio::block`]); the same call moved to a thread does not
//! ([`aio::to_thread`]). Real threads, virtual time: the traces must not
//! depend on how fast a thread runs.
//!
//! The two heartbeat programs have Python twins, `tests/python/blocking.py`
//! and `tests/python/offload.py`; `python_agrees` checks that CPython
//! prints the same traces. They run on `_trace.py`'s virtual clock, which
//! models the blocking call and the thread as aio does: `block(5)` for
//! `time.sleep(5 * TICK)`, and `to_thread(5, …)`, a real thread said to
//! take 5 ticks, for `asyncio.to_thread(…)`.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use aio::{
    Elapsed, LoopError, STEP_BUDGET, block, say, sleep, spawn, timeout, to_thread, yield_now,
};
use trace::Trace;

fn trace_of<F: Future<Output = ()> + 'static>(main: F) -> String {
    let t = Trace::new();
    aio::run(&t, main);
    t.render()
}

/// Python's `finally: say("cleans up")`.
struct CleansUp;

impl Drop for CleansUp {
    fn drop(&mut self) {
        say("cleans up");
    }
}

/// Real work that takes `ms` milliseconds.
fn real_work(ms: u64) -> impl FnOnce() + Send + 'static {
    move || std::thread::sleep(Duration::from_millis(ms))
}

/// Says `beat` every tick.
async fn heartbeat(beats: u32) {
    for _ in 0..beats {
        say("beat");
        sleep(1).await;
    }
}

// ---- blocking.py

fn blocking() -> String {
    trace_of(async {
        let h = spawn("H", heartbeat(4));
        let w = spawn("W", async {
            say("blocks for 5 ticks");
            block(5); // time.sleep(5 * TICK)
            say("unblocked");
        });
        w.await;
        h.await;
    })
}

const BLOCKING: &str = "  0 [H] beat
  0 [W] blocks for 5 ticks
  5 [W] unblocked
  5 [H] beat
  6 [H] beat
  7 [H] beat
";

#[test]
fn a_blocking_call_silences_the_heartbeat_and_its_next_beat_comes_late() {
    // H's beat due at 1 waited behind W, which held the loop until 5.
    assert_eq!(blocking(), BLOCKING);
}

// ---- offload.py

fn offload(work: impl FnOnce() + Send + 'static) -> String {
    trace_of(async {
        let h = spawn("H", heartbeat(5));
        let w = spawn("W", async {
            say("offloads 5 ticks");
            to_thread(5, work).await; // await asyncio.to_thread(time.sleep, 5 * TICK)
            say("back");
        });
        w.await;
        h.await;
    })
}

const OFFLOAD: &str = "  0 [H] beat
  0 [W] offloads 5 ticks
  1 [H] beat
  2 [H] beat
  3 [H] beat
  4 [H] beat
  5 [W] back
";

#[test]
fn to_thread_keeps_the_heartbeat_beating() {
    assert_eq!(offload(|| ()), OFFLOAD);
}

#[test]
fn the_trace_does_not_depend_on_how_fast_the_thread_is() {
    // The thread takes 40 ms for real: the loop runs 1 to 4 at once, then
    // waits for it at 5, W's deadline.
    let started = Instant::now();
    assert_eq!(offload(real_work(40)), OFFLOAD);
    assert!(started.elapsed() >= Duration::from_millis(40));
}

// ---- what to_thread promises

#[test]
fn the_clock_does_not_pass_a_threads_deadline_while_the_thread_runs() {
    let finished = Arc::new(AtomicBool::new(false));
    let seen = finished.clone();
    let trace = trace_of(async move {
        spawn("B", async {
            sleep(3).await;
            say("wakes");
        });
        spawn("C", async {
            sleep(2).await;
            say("wakes");
        });
        let answer = to_thread(2, move || {
            std::thread::sleep(Duration::from_millis(30));
            finished.store(true, Ordering::SeqCst);
            42
        })
        .await;
        // In real time the thread finished last; still, main resumes at
        // 2, in its timer's place (set before C's), with the result.
        say(format!(
            "got {answer}, thread finished: {}",
            seen.load(Ordering::SeqCst)
        ));
        sleep(5).await;
    });
    assert_eq!(
        trace,
        "  2 [main] got 42, thread finished: true\n  2 [C] wakes\n  3 [B] wakes\n"
    );
}

#[test]
fn with_no_ticks_the_result_comes_in_the_next_round_however_slow_the_thread() {
    // As if the thread took no time at all. (In asyncio, when it comes
    // depends on the thread.)
    for ms in [0, 20] {
        let trace = trace_of(async move {
            let w = spawn("W", async move {
                say("offloads");
                to_thread(0, real_work(ms)).await;
                say("back");
            });
            spawn("T", async {
                for i in 0..3 {
                    say(format!("tick {i}"));
                    yield_now().await;
                }
            });
            w.await;
        });
        assert_eq!(
            trace,
            // W's timer is due at once, but like asyncio's callbacks it
            // fires after the round that found it due (T's `tick 1`), and
            // W runs in the round after that, behind T.
            "  0 [W] offloads\n  0 [T] tick 0\n  0 [T] tick 1\n  0 [T] tick 2\n  0 [W] back\n",
            "with a thread of {ms} ms"
        );
    }
}

#[test]
fn a_panic_on_the_thread_fails_the_task_that_awaits_it() {
    let t = Trace::new();
    let error = aio::try_run(&t, async {
        let w = spawn("W", async {
            to_thread(2, || -> u32 { panic!("disk on fire") }).await;
            say("never said");
        });
        say(format!("{:?}", w.outcome().await));
    });
    assert_eq!(error, Ok(()));
    assert_eq!(
        t.render(),
        "  2 [main] Err(Failed { task: \"W\", message: \"disk on fire\" })\n"
    );
}

#[test]
fn dropping_the_future_lets_the_clock_go_on_and_the_thread_run_out() {
    // The thread would take a second: neither the clock nor the end of the
    // program waits for it.
    let started = Instant::now();
    let trace = trace_of(async {
        let w = spawn("W", async {
            let _finally = CleansUp;
            to_thread(5, real_work(1000)).await;
            say("never said");
        });
        sleep(1).await;
        w.cancel();
        match timeout(2, to_thread(4, real_work(1000))).await {
            Ok(()) => say("never said"),
            Err(Elapsed) => say("timed out"),
        }
        sleep(10).await;
        say("done");
    });
    assert_eq!(
        trace,
        "  1 [W] cleans up\n  3 [main] timed out\n 13 [main] done\n"
    );
    assert!(started.elapsed() < Duration::from_millis(900));
}

#[test]
fn a_blocking_call_leaves_overdue_timers_to_fire_earliest_first_after_it_gives_way() {
    let trace = trace_of(async {
        for (name, ticks) in [("B", 3), ("A", 1)] {
            spawn(name, async move {
                sleep(ticks).await;
                say(format!("due at {ticks}"));
            });
        }
        yield_now().await; // A and B set their timers
        block(5);
        say("gives way");
        yield_now().await;
        say("runs first: it was ready before the timers fired");
        yield_now().await;
        say("still first: the timers woke A and B behind it");
    });
    // CPython's order: the overdue timers' callbacks run in the round
    // after the blocking call, behind `main`; the tasks they wake run in
    // the round after that, behind `main` again.
    assert_eq!(
        trace,
        "  5 [main] gives way\n  \
         5 [main] runs first: it was ready before the timers fired\n  \
         5 [main] still first: the timers woke A and B behind it\n  \
         5 [A] due at 1\n  \
         5 [B] due at 3\n"
    );
}

#[test]
fn a_task_waiting_for_a_thread_is_named_when_the_program_runs_away() {
    let error = aio::try_run(&Trace::new(), async {
        spawn("W", async { to_thread(5, || ()).await });
        loop {
            yield_now().await;
        }
    })
    .unwrap_err();
    assert!(matches!(error, LoopError::Runaway { time: 0, .. }));
    assert_eq!(
        error.to_string(),
        format!(
            "the program was still running after {STEP_BUDGET} steps, at time 0: \
             main is ready, W waits for a thread, until 5. \
             Does a task loop forever? (asyncio would never finish.)"
        )
    );
}

// ---- CPython

const TWINS: &[(&str, &str)] = &[("blocking", BLOCKING), ("offload", OFFLOAD)];

/// Whether `python3` is 3.11 or later (which has `asyncio.Runner`, that
/// `_trace.py` runs the twins with).
fn version_check() -> std::io::Result<std::process::Child> {
    Command::new("python3")
        .args(["-c", "import sys; sys.exit(sys.version_info < (3, 11))"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
}

fn python(name: &str) -> Command {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python");
    let mut command = Command::new("python3");
    command
        .arg(format!("{name}.py"))
        .current_dir(dir)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn printed(output: std::io::Result<std::process::Output>) -> String {
    match output {
        Ok(output) if output.status.success() => String::from_utf8_lossy(&output.stdout).into(),
        Ok(output) => format!("(failed) {}", String::from_utf8_lossy(&output.stderr)),
        Err(error) => format!("(did not run) {error}"),
    }
}

#[test]
fn python_agrees() {
    // All at once: `python3` may be a shim that is slow to start.
    let check = version_check();
    let running: Vec<_> = TWINS.iter().map(|(name, _)| python(name).spawn()).collect();
    let usable = check
        .and_then(|mut check| check.wait())
        .is_ok_and(|status| status.success());
    if !usable {
        eprintln!("python3 (3.11 or later) not found: the Python twins were not run");
        return;
    }
    let mut disagreements = Vec::new();
    for ((name, expected), child) in TWINS.iter().zip(running) {
        let actual = printed(child.and_then(|child| child.wait_with_output()));
        if actual != *expected {
            disagreements.push(format!(
                "tests/python/{name}.py printed:\n{actual}\nexpected (what aio says):\n{expected}"
            ));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
