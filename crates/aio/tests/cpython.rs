//! What `aio` does beyond chapter 4 (cancel, `wait`, `as_completed`,
//! `timeout`), checked against CPython's asyncio. Each program here has a
//! twin in `tests/python/<name>.py` that prints its trace with the same
//! format (`_trace.py`, a link to chapter 4's). Each Rust program is pinned
//! to the trace CPython printed when it was written; `python_agrees` runs
//! the Python twins with `python3` and checks that CPython still prints the
//! same. They run on `_trace.py`'s virtual clock: CPython's own asyncio
//! scheduler decides the order, and nothing sleeps, so the traces do not
//! depend on how busy the machine is.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use aio::{
    Condition, Elapsed, ReturnWhen, Task, TaskError, as_completed, gather, gather_outcomes, say,
    shield, sleep, spawn, timeout, wait,
};
use trace::Trace;

#[path = "support/python_twins.rs"]
mod python_twins;

/// Python's `finally: say("cleans up")`: said when dropped, whether the
/// future finished or was cancelled.
struct CleansUp;

impl Drop for CleansUp {
    fn drop(&mut self) {
        say("cleans up");
    }
}

/// Python's `str(True)`.
fn py(value: bool) -> &'static str {
    if value { "True" } else { "False" }
}

/// Sleeps `start`, then counts turns: `tick 0`, `tick 1`, …
async fn ticker(start: u64, ticks: u32) {
    sleep(start).await;
    for i in 0..ticks {
        say(format!("tick {i}"));
        sleep(0).await;
    }
}

fn trace_of<F: Future<Output = ()> + 'static>(main: F) -> String {
    let t = Trace::new();
    aio::run(&t, main);
    t.render()
}

// ---- cancel.py

fn cancel() -> String {
    async fn worker(ticks: u64) {
        say("starts");
        let _finally = CleansUp;
        sleep(ticks).await;
        say("wakes");
    }
    async fn ticker(ticks: u32) {
        for i in 0..ticks {
            say(format!("tick {i}"));
            sleep(0).await;
        }
    }
    trace_of(async {
        let a = spawn("A", worker(5));
        let b = spawn("B", worker(1));
        let n = spawn("N", worker(1));
        say(format!("cancels N: {}", py(n.cancel())));
        sleep(1).await;
        // B's timer fired too: B is ready, behind main.
        spawn("T", ticker(3));
        say(format!("cancels A: {}", py(a.cancel())));
        say(format!("cancels B: {}", py(b.cancel())));
        say(format!("cancels A again: {}", py(a.cancel())));
        for task in [&a, &b, &n] {
            if let Err(TaskError::Cancelled { task }) = task.outcome().await {
                say(format!("{task} was cancelled"));
            }
        }
        say(format!("cancels B again: {}", py(b.cancel())));
    })
}

const CANCEL: &str = "  0 [main] cancels N: True
  0 [A] starts
  0 [B] starts
  1 [main] cancels A: True
  1 [main] cancels B: True
  1 [main] cancels A again: True
  1 [B] cleans up
  1 [T] tick 0
  1 [A] cleans up
  1 [T] tick 1
  1 [main] A was cancelled
  1 [main] B was cancelled
  1 [main] N was cancelled
  1 [main] cancels B again: False
  1 [T] tick 2
";

#[test]
fn cancel_wakes_the_task_and_its_clean_up_runs_on_its_turn() {
    assert_eq!(cancel(), CANCEL);
}

// ---- wait_first.py

async fn job(ticks: u64) -> u64 {
    sleep(ticks).await;
    say("done");
    ticks
}

/// Python prints sets sorted.
fn names<T>(tasks: &[Task<T>]) -> String {
    let mut names: Vec<&str> = tasks.iter().map(Task::name).collect();
    names.sort();
    format!("[{}]", names.join(", "))
}

fn wait_first() -> String {
    trace_of(async {
        spawn("T", ticker(1, 4));
        let a = spawn("A", job(3));
        let b = spawn("B", job(1));
        let c = spawn("C", job(1));
        let (done, pending) = wait(vec![a, b.clone(), c], ReturnWhen::FirstCompleted).await;
        say(format!(
            "done {}, pending {}",
            names(&done),
            names(&pending)
        ));
        spawn("U", ticker(2, 4));
        let (done, pending) = wait(pending, ReturnWhen::AllCompleted).await;
        say(format!(
            "done {}, pending {}",
            names(&done),
            names(&pending)
        ));
        spawn("V", ticker(0, 4));
        let (done, _) = wait(vec![b], ReturnWhen::FirstCompleted).await;
        say(format!("done {} at once? no: V ticked first", names(&done)));
    })
}

const WAIT_FIRST: &str = "  1 [T] tick 0
  1 [B] done
  1 [C] done
  1 [T] tick 1
  1 [T] tick 2
  1 [main] done [B, C], pending [A]
  1 [T] tick 3
  3 [A] done
  3 [U] tick 0
  3 [U] tick 1
  3 [main] done [A], pending []
  3 [U] tick 2
  3 [U] tick 3
  3 [V] tick 0
  3 [main] done [B] at once? no: V ticked first
  3 [V] tick 1
";

#[test]
fn wait_returns_two_turns_after_the_first_finished_with_all_done_by_then() {
    assert_eq!(wait_first(), WAIT_FIRST);
}

// ---- as_completed.py

fn as_completed_demo() -> String {
    async fn job(name: &'static str, ticks: u64) -> &'static str {
        sleep(ticks).await;
        say("done");
        name
    }
    trace_of(async {
        spawn("T", ticker(1, 4));
        let tasks = [("A", 3), ("B", 1), ("C", 2), ("D", 1)]
            .into_iter()
            .map(|(name, ticks)| spawn(name, job(name, ticks)))
            .collect();
        let mut finished = as_completed(tasks);
        while let Some(result) = finished.next().await {
            say(format!("got {result}"));
        }
    })
}

const AS_COMPLETED: &str = "  1 [T] tick 0
  1 [B] done
  1 [D] done
  1 [T] tick 1
  1 [T] tick 2
  1 [main] got B
  1 [main] got D
  1 [T] tick 3
  2 [C] done
  2 [main] got C
  3 [A] done
  3 [main] got A
";

#[test]
fn as_completed_gives_results_in_finishing_order_without_waiting_for_ready_ones() {
    assert_eq!(as_completed_demo(), AS_COMPLETED);
}

// ---- wait_for.py

fn wait_for() -> String {
    async fn slow(ticks: u64) -> u64 {
        say("starts");
        let _finally = CleansUp;
        sleep(ticks).await;
        say("finishes");
        ticks
    }
    async fn attempt(ticks: u64, limit: u64) {
        match timeout(limit, slow(ticks)).await {
            Ok(result) => say(format!("got {result}")),
            Err(Elapsed) => say(format!("timed out after {limit}")),
        }
    }
    trace_of(async {
        attempt(1, 3).await;
        spawn("T", ticker(2, 3));
        attempt(5, 2).await;
        attempt(2, 2).await;
    })
}

const WAIT_FOR: &str = "  0 [main] starts
  1 [main] finishes
  1 [main] cleans up
  1 [main] got 1
  1 [main] starts
  3 [main] cleans up
  3 [main] timed out after 2
  3 [main] starts
  3 [T] tick 0
  3 [T] tick 1
  3 [T] tick 2
  5 [main] cleans up
  5 [main] timed out after 2
";

#[test]
fn timeout_drops_the_future_at_the_deadline_and_wins_a_tie() {
    assert_eq!(wait_for(), WAIT_FOR);
}

// ---- gather_failure.py

/// Works `ticks`; then fails with `fails`, or says `done`.
async fn job_or_failure(ticks: u64, fails: Option<&'static str>) -> u64 {
    sleep(ticks).await;
    if let Some(message) = fails {
        panic!("{message}");
    }
    say("done");
    ticks
}

/// What Python's `str(error)` says of a failure that came through tasks:
/// the message of the first panic, without the tasks it went through.
fn cause(message: &str) -> &str {
    message.rsplit(" failed: ").next().unwrap_or(message)
}

fn outcome_line<T: std::fmt::Display>(name: &str, outcome: &Result<T, TaskError>) -> String {
    match outcome {
        Ok(value) => format!("{name}: {value}"),
        Err(TaskError::Failed { message, .. }) => format!("{name} failed: {message}"),
        Err(TaskError::Cancelled { .. }) => format!("{name} was cancelled"),
    }
}

fn gather_failure() -> String {
    trace_of(async {
        spawn("T", ticker(1, 4));
        let a = spawn("A", job_or_failure(3, None));
        let b = spawn("B", job_or_failure(1, Some("boom")));
        let c = spawn("C", job_or_failure(2, Some("bang")));
        let all = vec![a.clone(), b.clone(), c.clone()];
        let g = spawn("G", async move {
            say("gathers A, B and C");
            gather(&all).await;
            say("all done");
        });
        if let Err(TaskError::Failed { message, .. }) = g.outcome().await {
            say(format!("G failed: {}", cause(&message)));
        }
        say(format!(
            "A done: {}, C done: {}",
            py(a.is_done()),
            py(c.is_done())
        ));
        let d = spawn("D", job_or_failure(5, None));
        sleep(0).await;
        d.cancel();
        let tasks = [a, b, c, d];
        let outcomes = gather_outcomes(&tasks).await;
        for (task, outcome) in tasks.iter().zip(&outcomes) {
            say(outcome_line(task.name(), outcome));
        }
        let nothing: Vec<Result<u64, TaskError>> = gather_outcomes(&[]).await;
        say(format!("nothing: {nothing:?}"));
    })
}

const GATHER_FAILURE: &str = "  0 [G] gathers A, B and C
  1 [T] tick 0
  1 [T] tick 1
  1 [T] tick 2
  1 [T] tick 3
  1 [main] G failed: boom
  1 [main] A done: False, C done: False
  3 [A] done
  3 [main] A: 3
  3 [main] B failed: boom
  3 [main] C failed: bang
  3 [main] D was cancelled
  3 [main] nothing: []
";

#[test]
fn the_first_failure_ends_a_gather_and_the_others_run_on_but_outcomes_wait_for_all() {
    assert_eq!(gather_failure(), GATHER_FAILURE);
}

// ---- gather_cancel.py

async fn cleaning_worker(ticks: u64) -> u64 {
    let _finally = CleansUp;
    sleep(ticks).await;
    say("done");
    ticks
}

async fn counts(ticks: u32) {
    for i in 0..ticks {
        say(format!("tick {i}"));
        sleep(0).await;
    }
}

async fn outcome_of<T: Clone + std::fmt::Display>(task: &Task<T>) -> String {
    outcome_line(task.name(), &task.outcome().await)
}

/// The same for a task that returns nothing (Python: `None`).
async fn end_of(task: &Task<()>) -> String {
    let outcome = task.outcome().await.map(|()| "None");
    outcome_line(task.name(), &outcome)
}

fn gather_cancel() -> String {
    async fn gathers(tasks: Vec<Task<u64>>) {
        let _finally = CleansUp;
        gather(&tasks).await;
        say("gathered");
    }
    async fn shields(task: Task<u64>) {
        let _finally = CleansUp;
        say(format!("shielded: {}", shield(&task).await));
    }
    trace_of(async {
        let a = spawn("A", cleaning_worker(5));
        let b = spawn("B", cleaning_worker(1));
        let c = spawn("C", cleaning_worker(5));
        let g = spawn("G", gathers(vec![a.clone(), b.clone(), c.clone()]));
        sleep(2).await;
        spawn("T", counts(6));
        say(format!("cancels G: {}", py(g.cancel())));
        say(end_of(&g).await);
        for task in [&a, &b, &c] {
            say(outcome_of(task).await);
        }

        // Every task done, the gather's callback not run yet.
        let x = spawn("X", cleaning_worker(1));
        let h = spawn("H", gathers(vec![x.clone()]));
        sleep(0).await;
        sleep(1).await;
        say(format!(
            "X done: {}; cancels H: {}",
            py(x.is_done()),
            py(h.cancel())
        ));
        spawn("U", counts(4));
        say(end_of(&h).await);

        // shield: S runs on when its awaiter is cancelled.
        let s = spawn("S", cleaning_worker(2));
        let k = spawn("K", shields(s.clone()));
        let w = spawn("W", shields(s.clone()));
        sleep(1).await;
        say(format!("cancels K: {}", py(k.cancel())));
        say(end_of(&k).await);
        spawn("V", counts(4));
        say(outcome_of(&s).await);
        w.await;
        say(format!("at once: {}", shield(&s).await));
    })
}

const GATHER_CANCEL: &str = "  1 [B] done
  1 [B] cleans up
  2 [main] cancels G: True
  2 [T] tick 0
  2 [A] cleans up
  2 [C] cleans up
  2 [T] tick 1
  2 [T] tick 2
  2 [G] cleans up
  2 [T] tick 3
  2 [main] G was cancelled
  2 [main] A was cancelled
  2 [main] B: 1
  2 [main] C was cancelled
  2 [T] tick 4
  2 [T] tick 5
  3 [X] done
  3 [X] cleans up
  3 [main] X done: True; cancels H: True
  3 [U] tick 0
  3 [H] cleans up
  3 [U] tick 1
  3 [main] H was cancelled
  3 [U] tick 2
  3 [U] tick 3
  4 [main] cancels K: True
  4 [K] cleans up
  4 [main] K was cancelled
  4 [V] tick 0
  4 [V] tick 1
  4 [V] tick 2
  4 [V] tick 3
  5 [S] done
  5 [S] cleans up
  5 [main] S: 2
  5 [W] shielded: 2
  5 [W] cleans up
  5 [main] at once: 2
";

#[test]
fn cancelling_a_gathers_task_cancels_its_tasks_and_ends_with_the_gather_but_a_shield_does_not() {
    assert_eq!(gather_cancel(), GATHER_CANCEL);
}

#[test]
fn a_timeout_around_a_gather_cancels_its_tasks_without_waiting_for_them() {
    // Not asyncio's order: asyncio's timeout waits for the cancelled tasks
    // to end before it raises. A drop cannot wait.
    let trace = trace_of(async {
        let tasks = vec![
            spawn("A", cleaning_worker(5)),
            spawn("B", cleaning_worker(1)),
        ];
        if let Err(Elapsed) = timeout(2, gather(&tasks)).await {
            say("timed out");
        }
        say(outcome_of(&tasks[0]).await);
    });
    assert_eq!(
        trace,
        "  1 [B] done\n  1 [B] cleans up\n  2 [main] timed out\n  2 [A] cleans up\n  2 [main] A was cancelled\n"
    );
}

// ---- condition.py

fn condition() -> String {
    async fn waiter(cond: Condition) {
        {
            let guard = cond.lock().await;
            say("waits");
            let _guard = cond.wait(guard).await;
            say(format!("woken, holds the lock: {}", py(cond.locked())));
            sleep(0).await;
        }
        say("released");
    }
    async fn consumer(cond: Condition, items: Rc<RefCell<VecDeque<&'static str>>>) {
        let guard = cond.lock().await;
        say("waits for an item");
        let _guard = cond.wait_for(guard, || !items.borrow().is_empty()).await;
        say(format!("takes {}", items.borrow_mut().pop_front().unwrap()));
    }
    trace_of(async {
        let cond = Condition::new();
        let waiters: Vec<Task<()>> = ["A", "B", "C", "D"]
            .into_iter()
            .map(|name| spawn(name, waiter(cond.clone())))
            .collect();
        sleep(1).await;
        spawn("T", counts(8));
        {
            let _guard = cond.lock().await;
            say("notify(2)");
            cond.notify(2);
            sleep(0).await;
            say("still holds the lock");
        }
        say("released");
        sleep(1).await;
        // C is cancelled: notify(1) passes it over, and wakes D.
        waiters[2].cancel();
        sleep(0).await;
        {
            let _guard = cond.lock().await;
            cond.notify(1);
        }
        sleep(1).await;

        let items = Rc::new(RefCell::new(VecDeque::new()));
        for name in ["P", "Q"] {
            spawn(name, consumer(cond.clone(), items.clone()));
        }
        sleep(1).await;
        {
            let _guard = cond.lock().await;
            items.borrow_mut().push_back("first");
            say("notify_all");
            cond.notify_all();
        }
        sleep(1).await;
        {
            let _guard = cond.lock().await;
            items.borrow_mut().push_back("second");
            say("notify(1)");
            cond.notify(1);
        }
        sleep(1).await;
        let _guard = cond.lock().await;
        say("notify with nobody waiting");
        cond.notify(1);
    })
}

const CONDITION: &str = "  0 [A] waits
  0 [B] waits
  0 [C] waits
  0 [D] waits
  1 [main] notify(2)
  1 [T] tick 0
  1 [main] still holds the lock
  1 [main] released
  1 [T] tick 1
  1 [A] woken, holds the lock: True
  1 [T] tick 2
  1 [A] released
  1 [T] tick 3
  1 [B] woken, holds the lock: True
  1 [T] tick 4
  1 [B] released
  1 [T] tick 5
  1 [T] tick 6
  1 [T] tick 7
  2 [D] woken, holds the lock: True
  2 [D] released
  3 [P] waits for an item
  3 [Q] waits for an item
  4 [main] notify_all
  4 [P] takes first
  5 [main] notify(1)
  5 [Q] takes second
  6 [main] notify with nobody waiting
";

#[test]
fn notify_wakes_the_longest_waiting_who_take_the_lock_in_turn() {
    assert_eq!(condition(), CONDITION);
}

// ---- CPython

/// Each twin's name (`tests/python/<name>.py`) and the trace it must print.
const TWINS: &[(&str, &str)] = &[
    ("cancel", CANCEL),
    ("wait_first", WAIT_FIRST),
    ("as_completed", AS_COMPLETED),
    ("wait_for", WAIT_FOR),
    ("gather_failure", GATHER_FAILURE),
    ("gather_cancel", GATHER_CANCEL),
    ("condition", CONDITION),
];

#[test]
fn python_agrees() {
    python_twins::assert_twins_agree(TWINS, "tests/cpython.rs");
}
