//! An asyncio-shaped runtime on Rust's own futures: `async`/`await`, run in
//! the order Python's asyncio runs coroutines, on a virtual clock.
//!
//! Chapter 4's loop (`genloop`) ran generators that *yield* requests to it.
//! An `async fn` is the same machinery with new syntax: the compiler turns
//! it into a state machine, a [`Future`], that the loop resumes by calling
//! `poll`. `Poll::Pending` is the `yield`; `Poll::Ready(value)` is the
//! `return`. What the generator used to say in its request ("wake me in 2
//! ticks", "wake me when B is done") a future now arranges itself, with the
//! [`Waker`](std::task::Waker) the loop lends it: it hands the waker to a
//! timer, or to the task it waits for, and whoever holds it calls
//! `wake()` when the time comes. That puts the task back in the ready
//! queue. The loop itself never asks why.
//!
//! The functions are named after asyncio's, so a program reads like its
//! Python twin:
//!
//! ```
//! let t = trace::Trace::new();
//! let answer = aio::run(&t, async {
//!     let b = aio::spawn("B", async {
//!         aio::say("starts");
//!         aio::sleep(2).await;
//!         aio::say("ends");
//!         42
//!     });
//!     aio::say("waits for B");
//!     b.await
//! });
//! assert_eq!(answer, 42);
//! assert_eq!(
//!     t.render(),
//!     "  0 [main] waits for B\n  0 [B] starts\n  2 [B] ends\n"
//! );
//! ```
//!
//! | asyncio | aio |
//! |---|---|
//! | `asyncio.run(main())` | [`run`]`(&trace, main())` |
//! | `print(…)` (in the book's twins: `say(…)`) | [`say`] |
//! | `await asyncio.sleep(n)` | [`sleep`]`(n).await` |
//! | `asyncio.create_task(coro, name="B")` | [`spawn`]`("B", fut)` |
//! | `await task`, `task.cancel()` | `task.await`, [`Task::cancel`] |
//! | `await asyncio.gather(*tasks)` | [`gather`]`(&tasks).await` |
//! | `await asyncio.gather(*tasks, return_exceptions=True)` | [`gather_outcomes`]`(&tasks).await`: a `Vec<Result<T, TaskError>>` |
//! | `await asyncio.shield(task)` | [`shield`]`(&task).await` |
//! | `await asyncio.wait(tasks, return_when=…)` | [`wait`]`(tasks, ReturnWhen::…).await` |
//! | `for f in asyncio.as_completed(tasks)` | `while let Some(r) = it.next().await` ([`as_completed`]) |
//! | `await asyncio.wait_for(coro, n)` | [`timeout`]`(n, fut).await` |
//! | `loop.time()` | [`now`] |
//! | `await asyncio.to_thread(work)` | [`to_thread`]`(ticks, work).await` |
//! | a blocking call: `time.sleep(n)` | [`block`]`(n)` |
//! | `asyncio.start_server`, `asyncio.open_connection` | [`net::TcpListener`], [`net::TcpStream`] |
//! | `asyncio.Queue(maxsize)`: `await q.put(x)`, `await q.get()`, `q.task_done()`, `await q.join()` | [`Queue::new`]`(maxsize)`: `q.put(x).await`, `q.get().await`, [`Queue::task_done`], `q.join().await` |
//! | `asyncio.Semaphore(k)`; `async with sem:` | [`Semaphore::new`]`(k)`; `let _permit = sem.acquire().await;` |
//! | `asyncio.Lock()`; `async with lock:` | [`Lock::new`]`()`; `let _guard = lock.lock().await;` |
//! | `asyncio.Event()`: `ev.set()`, `await ev.wait()` | [`Event::new`]`()`: `ev.set()`, `ev.wait().await` |
//! | `asyncio.Condition()`; `async with cond:`, `await cond.wait()`, `cond.notify(n)` | [`Condition::new`]`()`; `let guard = cond.lock().await;`, `let guard = cond.wait(guard).await;`, [`Condition::notify`]`(n)` |
//! | `async with asyncio.TaskGroup() as tg:`, `tg.create_task(coro, name=…)` | `let tg = `[`TaskGroup::new`]`();`, `tg.spawn(name, fut)`, `tg.join().await`; or [`task_group`]`(\|tg\| async move { … }).await` |
//!
//! # Who runs next: asyncio's rules
//!
//! The same as chapter 4's, and chapter 4's programs give the same traces
//! on both loops.
//!
//! - **One ready queue, first in first out**, run in rounds: each round
//!   polls what was ready when it began (asyncio's `_run_once`).
//! - **A new task goes to the back**, so it first runs after the current
//!   task gives way, in creation order. `sleep(0)` sends the current task to
//!   the back: its future calls its own waker and returns `Pending`.
//! - **The clock is virtual.** `sleep(n)` sets a timer at now + n. When no
//!   task is ready, the clock jumps to the earliest timer; every timer due
//!   then fires in the order they were set. Nothing sleeps for real.
//! - **A task that finishes wakes the tasks awaiting it**, in the order they
//!   started waiting. Awaiting a finished task does not give way.
//! - **gather, wait and as_completed take one turn more**: in asyncio a
//!   finished task schedules their callback, and the callback wakes the
//!   task that waits.
//! - **A ready socket wakes its task one round later** (chapter 6): each
//!   round starts by asking the poller, without waiting, which sockets
//!   are ready; for each, a job at the back of that round calls the
//!   waker, so the task runs in the next. asyncio's selector callback
//!   likewise only completes a future, which wakes the task a round later.
//! - **When main finishes, the loop stops at the end of the next round**, as
//!   `asyncio.run` does. The tasks left are dropped then, each as itself
//!   and in the order they were spawned, so their clean-up runs (asyncio
//!   cancels them).
//!
//! A waker is a handle on the ready queue, so it is `Send` and `Sync`: it
//! may be called from another thread, twice, or after its task finished. A
//! task is queued once however often it is woken, and never polled after it
//! finished. Work on another thread that will wake a task holds an
//! [`External`] guard, so that an idle loop waits for it.
//!
//! # Cancellation is `Drop`
//!
//! [`Task::cancel`] does not stop the task at once, in Python or here: it
//! wakes it. On its turn the loop drops its future instead of polling it.
//! Dropping an `async` block drops every local it holds, in reverse order,
//! so a value whose `Drop` cleans up is Rust's `finally`; it runs as the
//! cancelled task, stamped with its name. [`timeout`] drops its future the
//! same way when the deadline comes first.
//!
//! Not the same as asyncio: in Python, `await task` ties the awaiting task
//! to the awaited one, and cancelling the first cancels the second too.
//! Here a [`Task`] is only a handle: cancelling the task that awaits it,
//! or dropping `task.await` in a timeout, leaves the awaited task running,
//! as if it were shielded ([`shield`]). A [`gather`] is tied as in Python:
//! cancelling the task that awaits it cancels the gather's tasks, and the
//! task ends once the gather is over. A timeout that gives up on a gather
//! cancels its tasks too, but cannot wait for them to end, as asyncio's
//! does: they end on their next turn.
//!
//! # When things go wrong
//!
//! [`try_run`] returns a [`LoopError`] that says what happened; [`run`]
//! panics with the same message.
//!
//! - A panic in a task is caught and becomes that task's failure. Awaiting
//!   the task panics in turn with `task B failed: boom` (Python re-raises);
//!   [`Task::outcome`] returns it as a [`TaskError`]. A failure nobody
//!   awaited is reported at the end.
//! - Every task waits, no timer is set and nothing outside the loop (a
//!   thread, a socket) may wake one: a deadlock, reported with who waits
//!   for whom.
//! - A task that gives way forever is stopped after [`STEP_BUDGET`] polls.
//! - A task that never gives way cannot be stopped by anyone. The test
//!   harness's watchdog reports it, and asks the trace which task was
//!   running ([`trace::Trace::stamp`]).
//! - A task that awaits itself fails at once, as in Python.
//!
//! Two mistakes only earn a warning on standard error, never a line in
//! the trace (`crates/loop-report`, [`take_warnings`]): a task that had not
//! finished when main returned and that no task awaited ("Task was
//! destroyed but it is pending!"), and a poll that kept the loop for
//! [`SLOW_TURN`] of real time or more (a blocking call in a task).
//!
//! # Reading the code
//!
//! Follow a task, each file from the top: `src/handle.rs` has [`spawn`],
//! which hands the task to `src/event_loop.rs`, the loop (a run, a round,
//! a poll, the clock jump, then how a task starts and ends); the task's
//! waker, which puts it back in the ready queue, is in `src/ready.rs`.
//! Those three files are a whole executor. A [`sleep`] adds two more:
//! `src/time.rs`, the future, and `src/timers.rs`, where its waker waits.
//!
//! - What the loop owns, in modules that know nothing of it: the ready
//!   queue (`src/ready.rs`), a task (`src/task.rs`), the timers
//!   (`src/timers.rs`), and chapter 6's world (`src/world.rs`: the
//!   sockets' reactor of `src/reactor.rs`, and the threads of
//!   `to_thread`). The world is one field of the loop, and the lines of
//!   the loop that use it say "chapter 6": a reader of chapter 5 may skip
//!   them.
//! - What a task calls, each reaching the loop through one function,
//!   `running::with` (`src/running.rs`): `src/time.rs` has [`sleep`] and [`timeout`],
//!   `src/waiting.rs` [`gather`], [`gather_outcomes`], [`wait`], [`as_completed`]
//!   and [`shield`],
//!   `src/external.rs` the [`External`] guard.
//! - Chapter 6's real world: `src/thread.rs` has [`to_thread`] and
//!   [`block`], `src/net.rs` the sockets, on `src/registered.rs`.
//! - Chapter 7's coordination: `src/queue.rs` has [`Queue`], `src/sync.rs`
//!   [`Lock`], [`Semaphore`], [`Event`] and [`Condition`], `src/task_group.rs`
//!   [`TaskGroup`], all on the waiters of `src/waiter.rs`.
//! - What both reference loops say when a run goes wrong, and their
//!   virtual clock, are in `crates/loop-report`.

mod error;
mod event_loop;
mod external;
mod handle;
pub mod net;
mod queue;
mod reactor;
mod ready;
mod registered;
mod running;
mod sync;
mod task;
mod task_group;
mod thread;
mod time;
mod timers;
mod waiter;
mod waiting;
mod world;

use std::fmt;
use std::future::Future;

use trace::Trace;

pub use error::{LoopError, TaskError};
pub use external::{External, external};
pub use handle::{Task, spawn};
pub use loop_report::{SLOW_TURN, STEP_BUDGET, take_warnings};
pub use queue::{Queue, QueueEmpty, QueueFull};
pub use sync::{Condition, Event, Lock, LockGuard, Semaphore, SemaphorePermit};
pub use task_group::{TaskGroup, TaskGroupError, task_group};
pub use thread::{block, to_thread};
pub use time::{Elapsed, Sleep, sleep, timeout, yield_now};
pub use waiting::{AsCompleted, ReturnWhen, as_completed, gather, gather_outcomes, shield, wait};

// ANCHOR: run
/// `asyncio.run(main())`: run `main` as the task named `main` until it
/// finishes, and return its result. Panics with the [`LoopError`]'s message
/// if the run goes wrong.
///
/// Every line the tasks [`say`] goes to `trace`, stamped with the virtual
/// time and the task: `run` installs a stamper on it. It stays installed,
/// so a line said after `run` returns carries the time the loop stopped.
#[track_caller]
pub fn run<F>(trace: &Trace, main: F) -> F::Output
where
    F: Future + 'static,
    F::Output: 'static,
{
    match try_run(trace, main) {
        Ok(value) => value,
        Err(error) => panic!("{error}"),
    }
}

/// [`run`], with what went wrong as a value.
pub fn try_run<F>(trace: &Trace, main: F) -> Result<F::Output, LoopError>
where
    F: Future + 'static,
    F::Output: 'static,
{
    try_run_with_budget(trace, STEP_BUDGET, main)
}

/// [`try_run`], stopped after `budget` polls instead of [`STEP_BUDGET`].
/// For programs meant to run long, such as the benchmarks
/// (`crates/bench`), whose tasks are polled millions of times; `u64::MAX`
/// is no budget at all, and no watch on slow polls either ([`SLOW_TURN`]).
pub fn try_run_with_budget<F>(trace: &Trace, budget: u64, main: F) -> Result<F::Output, LoopError>
where
    F: Future + 'static,
    F::Output: 'static,
{
    let event_loop = running::enter(trace, budget);
    let main = spawn("main", main);
    let outcome = event_loop.run();
    event_loop.tear_down();
    outcome?;
    event_loop.failures()?;
    Ok(main
        .take_value()
        .expect("main finished, so its result is there"))
}
// ANCHOR_END: run

/// Say a line, stamped with the virtual time and the running task's name.
/// (The Python twins' `say`, a `print` with a time and a name.)
pub fn say(text: impl fmt::Display) {
    running::with("say()", |l| l.trace.say(text));
}

/// `loop.time()`: the virtual time, in ticks.
pub fn now() -> u64 {
    running::with("now()", |l| l.now())
}

/// Whether this thread is running a loop: `asyncio._get_running_loop()
/// is not None`. `false` outside `run`, and on the thread of a
/// `to_thread`, which is how slow work can tell where it runs.
pub fn is_running() -> bool {
    running::try_with(|_| ()).is_some()
}

/// `asyncio.current_task().get_name()`.
pub fn current_name() -> String {
    running::with("current_name()", |l| l.current_name())
}
