//! Chapter 7's coordination tools (`Queue`, `Semaphore`, `Lock`, `Event`,
//! `TaskGroup`), checked against CPython's asyncio. Each program here has a
//! twin in `tests/python/<name>.py` that prints its trace with the same
//! format (`_trace.py`); each Rust program is pinned to the trace CPython
//! printed, and `python_agrees` runs the twins with `python3` and checks
//! that CPython still prints it. Tickers (`tick 0`, `tick 1`, … one per
//! turn) show how many turns each hand-over takes.

use aio::{
    Elapsed, Event, Lock, Queue, QueueEmpty, QueueFull, Semaphore, TaskError, TaskGroup,
    TaskGroupError, say, sleep, spawn, task_group, timeout,
};
use trace::Trace;

#[path = "support/python_twins.rs"]
mod python_twins;

fn trace_of<F: Future<Output = ()> + 'static>(main: F) -> String {
    let t = Trace::new();
    aio::run(&t, main);
    t.render()
}

/// Python's `str(True)`.
fn py(value: bool) -> &'static str {
    if value { "True" } else { "False" }
}

/// Counts turns: `tick 0`, `tick 1`, …
async fn ticker(ticks: u32) {
    for i in 0..ticks {
        say(format!("tick {i}"));
        sleep(0).await;
    }
}

// ---- queue_workers.py

fn queue_workers() -> String {
    async fn producer(queue: Queue<u32>, count: u32) {
        for item in 0..count {
            say(format!("puts {item}"));
            queue.put(item).await;
        }
        say(format!("done putting, {} in the queue", queue.qsize()));
    }
    async fn consumer(queue: Queue<u32>, ticks: u64) {
        loop {
            let item = queue.get().await;
            say(format!("got {item}"));
            sleep(ticks).await;
            say(format!("done with {item}"));
            queue.task_done();
        }
    }
    trace_of(async {
        let queue = Queue::new(2);
        let c1 = spawn("C1", consumer(queue.clone(), 2));
        let c2 = spawn("C2", consumer(queue.clone(), 3));
        let p = spawn("P", producer(queue.clone(), 6));
        p.await;
        say(format!("joins, full: {}", py(queue.full())));
        queue.join().await;
        say("every item is done");
        c1.cancel();
        c2.cancel();
    })
}

const QUEUE_WORKERS: &str = "  0 [P] puts 0
  0 [P] puts 1
  0 [P] puts 2
  0 [C1] got 0
  0 [C2] got 1
  0 [P] puts 3
  0 [P] puts 4
  2 [C1] done with 0
  2 [C1] got 2
  2 [P] puts 5
  3 [C2] done with 1
  3 [C2] got 3
  3 [P] done putting, 2 in the queue
  3 [main] joins, full: True
  4 [C1] done with 2
  4 [C1] got 4
  6 [C2] done with 3
  6 [C2] got 5
  6 [C1] done with 4
  9 [C2] done with 5
  9 [main] every item is done
";

#[test]
fn a_full_queue_makes_put_wait_and_join_waits_for_every_task_done() {
    assert_eq!(queue_workers(), QUEUE_WORKERS);
}

// ---- queue_handoff.py

/// Python's `except asyncio.CancelledError: say("cancelled")`: said if
/// dropped before [`SaysCancelled::disarm`].
struct SaysCancelled(bool);

impl SaysCancelled {
    fn armed() -> SaysCancelled {
        SaysCancelled(true)
    }

    fn disarm(mut self) {
        self.0 = false;
    }
}

impl Drop for SaysCancelled {
    fn drop(&mut self) {
        if self.0 {
            say("cancelled");
        }
    }
}

fn queue_handoff() -> String {
    async fn getter(queue: Queue<&'static str>) {
        say("waits");
        let cancelled = SaysCancelled::armed();
        let item = queue.get().await;
        cancelled.disarm();
        say(format!("got {item}"));
    }
    trace_of(async {
        let queue = Queue::new(0);
        if let Err(QueueEmpty) = queue.get_nowait() {
            say("get_nowait: empty");
        }
        let a = spawn("A", getter(queue.clone()));
        spawn("B", getter(queue.clone()));
        sleep(1).await;

        // A is woken, but main takes the item before A runs.
        queue.put_nowait("x").unwrap();
        say(format!("takes {} first", queue.get_nowait().unwrap()));
        sleep(0).await;
        say("A waits again, behind B");
        queue.put_nowait("y").unwrap();
        sleep(1).await;

        // A is cancelled: put passes it over.
        spawn("C", getter(queue.clone()));
        sleep(0).await;
        a.cancel();
        queue.put_nowait("z").unwrap();
        sleep(1).await;

        // D is woken for "w", then cancelled: it passes "w" on to E.
        let d = spawn("D", getter(queue.clone()));
        spawn("E", getter(queue.clone()));
        sleep(0).await;
        queue.put_nowait("w").unwrap();
        d.cancel();
        sleep(1).await;

        let small = Queue::new(1);
        small.put_nowait(1).unwrap();
        if let Err(QueueFull(_)) = small.put_nowait(2) {
            say(format!("put_nowait: full, size {}", small.qsize()));
        }
    })
}

const QUEUE_HANDOFF: &str = "  0 [main] get_nowait: empty
  0 [A] waits
  0 [B] waits
  1 [main] takes x first
  1 [main] A waits again, behind B
  1 [B] got y
  2 [C] waits
  2 [A] cancelled
  2 [C] got z
  3 [D] waits
  3 [E] waits
  3 [D] cancelled
  3 [E] got w
  4 [main] put_nowait: full, size 1
";

#[test]
fn a_put_wakes_the_longest_waiting_getter_which_may_find_the_item_gone() {
    assert_eq!(queue_handoff(), QUEUE_HANDOFF);
}

// ---- semaphore.py

fn semaphore() -> String {
    async fn request(sem: Semaphore, ticks: u64) {
        say(format!("asks, locked: {}", py(sem.locked())));
        let _permit = sem.acquire().await;
        say("in");
        sleep(ticks).await;
        say("out");
    }
    async fn late(sem: Semaphore) {
        sleep(1).await;
        say(format!("comes in, locked: {}", py(sem.locked())));
        {
            let _permit = sem.acquire().await;
            say("in");
        }
        say("out");
    }
    trace_of(async {
        let sem = Semaphore::new(2);
        for (name, ticks) in [("A", 1), ("B", 2), ("C", 1), ("D", 1), ("E", 3)] {
            spawn(name, request(sem.clone(), ticks));
        }
        spawn("L", late(sem.clone()));
        sleep(6).await;
        say(format!("locked: {}", py(sem.locked())));
    })
}

const SEMAPHORE: &str = "  0 [A] asks, locked: False
  0 [A] in
  0 [B] asks, locked: False
  0 [B] in
  0 [C] asks, locked: True
  0 [D] asks, locked: True
  0 [E] asks, locked: True
  1 [A] out
  1 [L] comes in, locked: True
  1 [C] in
  2 [B] out
  2 [C] out
  2 [D] in
  2 [E] in
  3 [D] out
  3 [L] in
  3 [L] out
  5 [E] out
  6 [main] locked: False
";

#[test]
fn a_semaphore_admits_k_and_hands_a_permit_to_the_longest_waiting() {
    assert_eq!(semaphore(), SEMAPHORE);
}

// ---- lock.py

fn lock() -> String {
    async fn worker(lock: Lock, ticks: u64) {
        say("waits");
        let cancelled = SaysCancelled::armed();
        {
            let _guard = lock.lock().await;
            say("holds the lock");
            sleep(ticks).await;
        }
        cancelled.disarm();
        say("released it");
    }
    async fn late(lock: Lock) {
        sleep(2).await;
        say(format!("comes, locked: {}", py(lock.locked())));
        {
            let _guard = lock.lock().await;
            say("holds the lock");
        }
        say("released it");
    }
    trace_of(async {
        let lock = Lock::new();
        spawn("A", worker(lock.clone(), 2));
        spawn("B", worker(lock.clone(), 1));
        let c = spawn("C", worker(lock.clone(), 1));
        spawn("L", late(lock.clone()));
        sleep(3).await;
        say("cancels C");
        c.cancel();
        sleep(1).await;
        say(format!("locked: {}", py(lock.locked())));
    })
}

const LOCK: &str = "  0 [A] waits
  0 [A] holds the lock
  0 [B] waits
  0 [C] waits
  2 [A] released it
  2 [L] comes, locked: False
  2 [B] holds the lock
  3 [main] cancels C
  3 [B] released it
  3 [C] cancelled
  3 [L] holds the lock
  3 [L] released it
  4 [main] locked: False
";

#[test]
fn a_released_lock_goes_to_the_longest_waiting_task_not_to_a_newcomer() {
    assert_eq!(lock(), LOCK);
}

// ---- event.py

fn event() -> String {
    async fn waiter(event: Event) {
        say("waits");
        event.wait().await;
        say(format!("woken, set: {}", py(event.is_set())));
    }
    trace_of(async {
        let event = Event::new();
        for name in ["A", "B", "C"] {
            spawn(name, waiter(event.clone()));
        }
        sleep(1).await;
        spawn("T", ticker(3));
        say("sets it");
        event.set();
        event.set();
        event.wait().await;
        say("did not wait");
        sleep(1).await;
        event.clear();
        let d = spawn("D", waiter(event.clone()));
        sleep(1).await;
        say(format!("sets it again, set: {}", py(event.is_set())));
        event.set();
        d.await;
    })
}

const EVENT: &str = "  0 [A] waits
  0 [B] waits
  0 [C] waits
  1 [main] sets it
  1 [main] did not wait
  1 [T] tick 0
  1 [A] woken, set: True
  1 [B] woken, set: True
  1 [C] woken, set: True
  1 [T] tick 1
  1 [T] tick 2
  2 [D] waits
  3 [main] sets it again, set: False
  3 [D] woken, set: True
";

#[test]
fn setting_an_event_wakes_every_waiter_in_order() {
    assert_eq!(event(), EVENT);
}

// ---- task_group_failure.py

/// Python's `finally: say("cleans up")`.
struct CleansUp;

impl Drop for CleansUp {
    fn drop(&mut self) {
        say("cleans up");
    }
}

/// Sleeps `start`, then counts turns.
async fn ticker_from(start: u64, ticks: u32) {
    sleep(start).await;
    ticker(ticks).await;
}

async fn works(ticks: u64) -> u64 {
    sleep(ticks).await;
    say("done");
    ticks
}

async fn cleans_up(ticks: u64) {
    let _finally = CleansUp;
    sleep(ticks).await;
}

async fn fails(ticks: u64, message: &'static str) {
    sleep(ticks).await;
    say(format!("fails: {message}"));
    panic!("{message}");
}

/// What main says of a task group's failures.
fn say_failures(error: TaskGroupError) {
    for failure in error.failures {
        if let TaskError::Failed { message, .. } = failure {
            say(format!("failed: {message}"));
        }
    }
}

fn task_group_failure() -> String {
    trace_of(async {
        spawn("T", ticker_from(2, 6));
        let tg = TaskGroup::new();
        tg.spawn("A", works(1));
        tg.spawn("B", fails(2, "boom"));
        tg.spawn("C", cleans_up(5));
        tg.spawn("D", fails(2, "bang"));
        tg.spawn("E", sleep(9));
        match tg.join().await {
            Ok(()) => say("not reached"),
            Err(error) => say_failures(error),
        }
    })
}

const TASK_GROUP_FAILURE: &str = "  1 [A] done
  2 [T] tick 0
  2 [B] fails: boom
  2 [D] fails: bang
  2 [T] tick 1
  2 [T] tick 2
  2 [C] cleans up
  2 [T] tick 3
  2 [T] tick 4
  2 [main] failed: boom
  2 [main] failed: bang
  2 [T] tick 5
";

#[test]
fn a_failure_cancels_the_other_children_and_join_reports_every_failure() {
    assert_eq!(task_group_failure(), TASK_GROUP_FAILURE);
}

// ---- timeouts.py

fn timeouts() -> String {
    async fn impatient_get(queue: Queue<&'static str>, ticks: u64) {
        match timeout(ticks, queue.get()).await {
            Ok(item) => say(format!("got {item}")),
            Err(Elapsed) => say("gave up"),
        }
    }
    async fn impatient_acquire(sem: Semaphore, ticks: u64) {
        let attempt = timeout(ticks, async {
            {
                let _permit = sem.acquire().await;
                say("in");
                sleep(2).await;
            }
            say("out");
        })
        .await;
        if let Err(Elapsed) = attempt {
            say("gave up");
        }
    }
    trace_of(async {
        spawn("T", ticker_from(2, 3));
        let queue = Queue::new(0);
        spawn("G1", impatient_get(queue.clone(), 2));
        spawn("G2", impatient_get(queue.clone(), 5));
        let sem = Semaphore::new(1);
        for (name, ticks) in [("S1", 9), ("S2", 1), ("S3", 9)] {
            spawn(name, impatient_acquire(sem.clone(), ticks));
        }
        sleep(3).await;
        queue.put_nowait("x").unwrap();
        sleep(3).await;
        say(format!("free: {}", py(!sem.locked())));
    })
}

const TIMEOUTS: &str = "  0 [S1] in
  1 [S2] gave up
  2 [T] tick 0
  2 [G1] gave up
  2 [S1] out
  2 [T] tick 1
  2 [S3] in
  2 [T] tick 2
  3 [G2] got x
  4 [S3] out
  6 [main] free: True
";

#[test]
fn a_timeout_takes_a_waiter_out_of_the_line() {
    assert_eq!(timeouts(), TIMEOUTS);
}

// ---- task_group_ok.py

fn task_group_ok() -> String {
    async fn spawner(tg: TaskGroup) -> &'static str {
        sleep(1).await;
        say("adds B2");
        tg.spawn("B2", works(2));
        "spawned"
    }
    trace_of(async {
        spawn("T", ticker_from(3, 4));
        let tg = TaskGroup::new();
        let a = tg.spawn("A", works(1));
        let b = tg.spawn("B", spawner(tg.clone()));
        say("waits");
        tg.join().await.unwrap();
        say(format!("all done: {}, {}", a.await, b.await));
    })
}

const TASK_GROUP_OK: &str = "  0 [main] waits
  1 [A] done
  1 [B] adds B2
  3 [T] tick 0
  3 [B2] done
  3 [T] tick 1
  3 [T] tick 2
  3 [main] all done: 1, spawned
  3 [T] tick 3
";

#[test]
fn join_returns_two_turns_after_the_last_child_even_one_added_late() {
    assert_eq!(task_group_ok(), TASK_GROUP_OK);
}

// ---- task_group_body.py

fn task_group_body() -> String {
    async fn worker(queue: Queue<u32>) {
        let cancelled = SaysCancelled::armed();
        loop {
            let item = queue.get().await;
            sleep(1).await;
            if item == 2 {
                say(format!("fails on {item}"));
                cancelled.disarm();
                panic!("item {item}");
            }
            say(format!("did {item}"));
            queue.task_done();
        }
    }
    /// The body's `finally:`.
    struct BodyCleansUp;
    impl Drop for BodyCleansUp {
        fn drop(&mut self) {
            say("body cleans up");
        }
    }
    trace_of(async {
        spawn("T", ticker_from(2, 6));
        let queue = Queue::new(0);
        let result = task_group(|tg| async move {
            for name in ["W1", "W2"] {
                tg.spawn(name, worker(queue.clone()));
            }
            for item in 0..4 {
                queue.put_nowait(item).unwrap();
            }
            let _finally = BodyCleansUp;
            queue.join().await;
        })
        .await;
        match result {
            Ok(()) => say("not reached"),
            Err(error) => say_failures(error),
        }
    })
}

const TASK_GROUP_BODY: &str = "  1 [W1] did 0
  1 [W2] did 1
  2 [T] tick 0
  2 [W1] fails on 2
  2 [W2] did 3
  2 [T] tick 1
  2 [T] tick 2
  2 [W2] cancelled
  2 [main] body cleans up
  2 [T] tick 3
  2 [T] tick 4
  2 [main] failed: item 2
  2 [T] tick 5
";

#[test]
fn task_group_cancels_its_body_when_a_child_fails() {
    assert_eq!(task_group_body(), TASK_GROUP_BODY);
}

// ---- task_group_timeout.py

fn task_group_timeout() -> String {
    trace_of(async {
        spawn("T", ticker_from(3, 6));
        let tg = TaskGroup::new();
        tg.spawn("A", works(1));
        tg.spawn("B", cleans_up(5));
        tg.spawn("C", sleep(9));
        match timeout(3, tg.join()).await {
            Ok(_) => say("not reached"),
            Err(Elapsed) => {
                // Dropping `join` cancelled B and C. asyncio's `async with`
                // waits for them to end before the TimeoutError goes on:
                // so does this.
                let cancelled_only = tg.join().await;
                assert_eq!(cancelled_only, Ok(()));
                say("timed out");
            }
        }
    })
}

const TASK_GROUP_TIMEOUT: &str = "  1 [A] done
  3 [T] tick 0
  3 [B] cleans up
  3 [T] tick 1
  3 [T] tick 2
  3 [main] timed out
  3 [T] tick 3
  3 [T] tick 4
";

#[test]
fn a_timeout_around_join_cancels_the_children() {
    assert_eq!(task_group_timeout(), TASK_GROUP_TIMEOUT);
}

/// Without the second `join`, the timeout returns at once, and the
/// children end on their next turn: the difference with asyncio that
/// `TaskGroup`'s documentation warns of.
#[test]
fn dropping_join_cannot_wait_for_the_children_it_cancels() {
    let trace = trace_of(async {
        spawn("T", ticker_from(3, 3));
        let tg = TaskGroup::new();
        tg.spawn("B", cleans_up(5));
        if let Err(Elapsed) = timeout(3, tg.join()).await {
            say("timed out");
        }
        sleep(1).await;
    });
    assert_eq!(
        trace,
        "  3 [main] timed out
  3 [T] tick 0
  3 [B] cleans up
  3 [T] tick 1
  3 [T] tick 2
"
    );
}

// ---- CPython

/// Each twin's name (`tests/python/<name>.py`) and the trace it must print.
const TWINS: &[(&str, &str)] = &[
    ("queue_workers", QUEUE_WORKERS),
    ("queue_handoff", QUEUE_HANDOFF),
    ("semaphore", SEMAPHORE),
    ("lock", LOCK),
    ("event", EVENT),
    ("timeouts", TIMEOUTS),
    ("task_group_ok", TASK_GROUP_OK),
    ("task_group_failure", TASK_GROUP_FAILURE),
    ("task_group_body", TASK_GROUP_BODY),
    ("task_group_timeout", TASK_GROUP_TIMEOUT),
];

#[test]
fn python_agrees() {
    python_twins::assert_twins_agree(TWINS, "tests/coordination.rs");
}

// ---- Mistakes, and what they say

fn error_of<F: Future<Output = ()> + 'static>(main: F) -> String {
    match aio::try_run(&Trace::new(), main) {
        Ok(()) => "(no error)".into(),
        Err(error) => error.to_string(),
    }
}

#[test]
fn a_queue_nobody_puts_into_is_a_deadlock_that_says_so() {
    let error = error_of(async {
        let queue: Queue<u32> = Queue::new(1);
        let worker_queue = queue.clone();
        spawn("worker", async move {
            loop {
                let _forgets_task_done = worker_queue.get().await;
            }
        });
        queue.put(1).await;
        queue.join().await;
    });
    assert_eq!(
        error,
        "deadlock at time 0: every task waits and no timer is set; main waits for every item \
         put in a queue to be marked done (join: 1 taken and not yet marked with task_done, 0 \
         still in the queue), worker waits for an item in an empty queue (get). (asyncio would \
         hang here forever.)"
    );
}

#[test]
fn a_full_queue_nobody_takes_from_is_a_deadlock_that_says_so() {
    let error = error_of(async {
        let queue = Queue::new(1);
        queue.put(1).await;
        queue.put(2).await;
    });
    assert_eq!(
        error,
        "deadlock at time 0: every task waits and no timer is set; main waits for room in a \
         full queue (put; maxsize 1). (asyncio would hang here forever.)"
    );
}

#[test]
fn waiting_for_a_lock_its_holder_waits_for_is_a_deadlock_that_names_the_holder() {
    let error = error_of(async {
        let lock = Lock::new();
        let _guard = lock.lock().await;
        let other = lock.clone();
        spawn("other", async move {
            let _guard = other.lock().await;
        })
        .await;
    });
    assert_eq!(
        error,
        "deadlock at time 0: every task waits and no timer is set; main waits for other, other \
         waits for a lock that main holds. (asyncio would hang here forever.)"
    );
}

#[test]
fn semaphores_and_events_nobody_releases_or_sets_are_named_in_a_deadlock() {
    let error = error_of(async {
        let event = Event::new();
        let waiter_event = event.clone();
        spawn("waiter", async move { waiter_event.wait().await });
        let sem = Semaphore::new(1);
        let _permit = sem.acquire().await;
        let _second = sem.acquire().await;
    });
    assert_eq!(
        error,
        "deadlock at time 0: every task waits and no timer is set; main waits for a semaphore \
         (all 1 permits are taken), waiter waits for an event to be set. (asyncio would hang \
         here forever.)"
    );
}

#[test]
fn task_done_called_too_many_times_fails_with_asyncios_reason() {
    let error = error_of(async {
        let queue = Queue::new(0);
        queue.put_nowait("item").unwrap();
        queue.get().await;
        queue.task_done();
        queue.task_done();
    });
    assert_eq!(
        error,
        "task main failed: Queue::task_done was called more times than items were put in the \
         queue: call it once per item taken, when the work on it is done. (asyncio would raise \
         ValueError: task_done() called too many times.)"
    );
}

#[test]
fn a_finished_task_group_takes_no_new_task() {
    let error = error_of(async {
        let tg = TaskGroup::new();
        tg.spawn("A", sleep(1));
        tg.join().await.unwrap();
        tg.spawn("late", sleep(1));
    });
    assert_eq!(
        error,
        "task main failed: TaskGroup::spawn(\"late\"): the group has finished (join returned), \
         so it takes no new task. (asyncio would raise RuntimeError: TaskGroup is finished.)"
    );
}

#[test]
fn a_task_group_error_lists_every_failure() {
    let error = TaskGroupError {
        failures: vec![
            TaskError::Failed {
                task: "B".into(),
                message: "boom".into(),
            },
            TaskError::Failed {
                task: "D".into(),
                message: "bang".into(),
            },
        ],
    };
    assert_eq!(
        error.to_string(),
        "unhandled errors in a task group: task B failed: boom; task D failed: bang"
    );
}
