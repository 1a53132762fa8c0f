//! The loop's side: the ready queue, the timers, the tasks, and the loop
//! that runs them in rounds. asyncio's `BaseEventLoop`, small.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::mem;
use std::panic::{self, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::task::{Context, Poll, Waker};

use trace::{Event, Stamp, Trace, What};

use crate::reactor::Reactor;
use crate::task::{Running, TaskCore};
use crate::thread::Holds;
use crate::time::Timers;
use crate::{LoopError, TaskError};

/// A task's number: its place in the loop's list of tasks. `main` is 0.
pub(crate) type TaskId = usize;

const MAIN: TaskId = 0;

/// A done-callback: what gather, wait and as_completed ask a task to run
/// when it finishes. asyncio schedules done-callbacks with `call_soon`, so
/// they run one turn after the task finished, not at once; so do ours.
pub(crate) type Callback = Arc<dyn Fn() + Send + Sync>;

// ANCHOR: job
/// One entry of the ready queue. In asyncio every entry is a callback
/// (`Handle`); ours come in three kinds.
pub(crate) enum Job {
    /// Poll this task: its waker was called. (asyncio: `Task.__step`.)
    Poll(TaskId),
    /// Run this done-callback. (asyncio: gather's `_done_callback`.)
    Call(Callback),
    /// `main` has finished: stop at the end of this round. (asyncio: the
    /// callback `asyncio.run` adds to main, which calls `loop.stop()`.)
    Stop,
}
// ANCHOR_END: job

// ANCHOR: shared
/// The part of the loop that wakers reach. A waker may be called from any
/// thread, so this is behind a mutex, and a condition variable lets an idle
/// loop sleep until a thread wakes one of its tasks.
pub(crate) struct Shared {
    queue: Mutex<Queue>,
    changed: Condvar,
    /// The sockets' poller, once there is a socket (`src/reactor.rs`). Then
    /// an idle loop sleeps in it instead, and a wake interrupts it.
    pub(crate) poller: OnceLock<polling::Poller>,
}

struct Queue {
    /// asyncio's `_ready` deque: its jobs queued from other threads. (Those
    /// the loop's own thread queues wait in `Loop::local`, without a lock.)
    ready: VecDeque<Job>,
    /// How many [`crate::External`] guards are alive: work outside the loop
    /// that may still wake a task.
    outside: usize,
    /// The loop waits on the condition variable (or in the poller) for
    /// outside work.
    parked: bool,
}
// ANCHOR_END: shared

impl Shared {
    pub(crate) fn new() -> Shared {
        Shared {
            queue: Mutex::new(Queue {
                ready: VecDeque::new(),
                outside: 0,
                parked: false,
            }),
            changed: Condvar::new(),
            poller: OnceLock::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Queue> {
        // Nothing panics while holding it; a poisoned queue is still good.
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Put a job at the back of the ready queue, and wake the loop if it
    /// sleeps waiting for outside work.
    #[inline]
    pub(crate) fn push(&self, job: Job) {
        // Most jobs are queued by the loop's own thread (a task that gives
        // way, a timer that fires, a task that finishes): they go to its
        // end of the queue, which needs no lock.
        if let Some(job) = push_here(self, job) {
            self.push_from_elsewhere(job);
        }
    }

    /// [`Shared::push`] from another thread, or with no loop running: under
    /// the lock. (Out of line, so that a push from the loop stays small.)
    #[inline(never)]
    fn push_from_elsewhere(&self, job: Job) {
        let mut queue = self.lock();
        queue.ready.push_back(job);
        if queue.parked {
            self.unpark();
        }
    }

    pub(crate) fn outside_started(&self) {
        self.lock().outside += 1;
    }

    pub(crate) fn outside_ended(&self) {
        let mut queue = self.lock();
        queue.outside -= 1;
        if queue.parked {
            self.unpark();
        }
    }

    /// Wake the parked loop, wherever it sleeps: on the condition
    /// variable, or in the poller.
    fn unpark(&self) {
        self.changed.notify_one();
        if let Some(poller) = self.poller.get() {
            let _ = poller.notify();
        }
    }
}

/// Where a timer is in the heap: deadline first, then the order timers
/// were set in, so equal deadlines fire first-set first. (The order's low
/// bits also say where its waker is: see [`Timers`].)
pub(crate) type TimerKey = (u64, u64);

/// The virtual time, and the task whose name stamps the lines said now:
/// the one polled last. The loop writes them on every step, so they are
/// atomics rather than a `Stamp` behind a mutex: a store is all a step
/// pays. The names are written once, when each task is spawned; their lock
/// is taken only to read a stamp, when a line is said.
#[derive(Default)]
pub(crate) struct Clock {
    time: AtomicU64,
    task: AtomicUsize,
    names: Mutex<Names>,
}

/// Every task's name, by [`TaskId`], end to end in one string.
#[derive(Default)]
struct Names {
    text: String,
    /// Where each name ends in `text`.
    ends: Vec<usize>,
}

impl Clock {
    /// The stamp of a line said now. Before `main` is spawned, the time is
    /// 0 and the task `main`.
    fn stamp(&self) -> Stamp {
        let names = self.names.lock().unwrap_or_else(PoisonError::into_inner);
        let task = self.task.load(Ordering::Acquire);
        let name = match (task.checked_sub(1), names.ends.get(task)) {
            (_, None) => "main",
            (None, Some(&end)) => &names.text[..end],
            (Some(before), Some(&end)) => &names.text[names.ends[before]..end],
        };
        Stamp {
            time: self.time.load(Ordering::Acquire),
            task: name.to_string(),
        }
    }

    /// Note the name of the next task spawned.
    fn add_name(&self, name: &str) {
        let mut names = self.names.lock().unwrap_or_else(PoisonError::into_inner);
        names.text.push_str(name);
        let end = names.text.len();
        names.ends.push(end);
    }
}

/// What a task waits for, as its futures said when it last returned
/// `Pending`. Only the error messages read it.
pub(crate) enum Wait {
    Timer(u64),
    Task(TaskId),
    /// All of them (gather, wait for all).
    All(Vec<TaskId>),
    /// The first of them (wait for the first, as_completed).
    Any(Vec<TaskId>),
    /// A thread, and the timer at this deadline (`to_thread`).
    Thread(u64),
    /// A socket, to do this ("read", "accept a connection", …).
    Socket(&'static str),
    /// A queue, lock, semaphore or event (`src/waiter.rs`): its short name
    /// ("a queue"), and what for, said when the report is made ("an item
    /// in an empty queue (get)").
    For(&'static str, Rc<dyn Fn() -> String>),
}

// ANCHOR: loop
pub(crate) struct Loop {
    /// Every task ever spawned, by [`TaskId`].
    tasks: RefCell<Vec<Rc<TaskCore>>>,
    /// The ready queue, shared with the wakers.
    pub(crate) shared: Arc<Shared>,
    /// The wakers to call at their deadlines, earliest first.
    timers: RefCell<Timers>,
    /// The wakers of the timers firing now, between `advance_clock`s (a
    /// list kept, so that firing allocates nothing).
    due: RefCell<Vec<Waker>>,
    /// The jobs queued by the loop's own thread since the round began,
    /// without a lock; `next_round` puts those from other threads,
    /// `shared`'s, behind them.
    local: RefCell<VecDeque<Job>>,
    /// The task being polled, if any.
    running: Cell<Option<TaskId>>,
    steps: Cell<u64>,
    /// How many polls before it decides a task runs away ([`crate::STEP_BUDGET`]).
    budget: u64,
    /// The virtual time and the running task, where the trace's stamper
    /// reads them (from any thread: the harness's watchdog does).
    clock: Arc<Clock>,
    pub(crate) trace: Trace,
    /// Whether the trace records a timeline: read once, when the loop
    /// starts (the harness switches it on before the run), so that a step
    /// tests a plain flag rather than loading the trace's.
    records_timeline: bool,
    /// The sockets, and who waits on them.
    pub(crate) reactor: Rc<Reactor>,
    /// The timers of `to_thread` whose thread may still run.
    pub(crate) holds: Holds,
    /// Timers found overdue while tasks were ready (after `aio::block`):
    /// they fire at the end of the round, as asyncio runs their callbacks
    /// then, so the tasks they wake run in the round after.
    fire_late_timers: Cell<bool>,
}
// ANCHOR_END: loop

thread_local! {
    /// The loop running on this thread, for `aio::say`, `aio::spawn`, … .
    /// (asyncio keeps one too: `asyncio.get_running_loop()`.)
    static RUNNING: RefCell<Option<Rc<Loop>>> = const { RefCell::new(None) };
}

/// Queue `job` on the loop's own end of the ready queue, if this thread
/// runs the loop that `shared` belongs to; else give it back.
fn push_here(shared: &Shared, job: Job) -> Option<Job> {
    RUNNING.with(|running| match &*running.borrow() {
        Some(event_loop) if std::ptr::eq(&*event_loop.shared, shared) => {
            event_loop.local.borrow_mut().push_back(job);
            None
        }
        _ => Some(job),
    })
}

/// Call `f` with the running loop, or panic: `what` was called outside
/// `aio::run`.
pub(crate) fn with<R>(what: &str, f: impl FnOnce(&Loop) -> R) -> R {
    match try_with(f) {
        Some(result) => result,
        None => panic!(
            "aio::{what} was called outside aio::run, where there is no loop to run it. \
             (asyncio would raise RuntimeError: no running event loop.)"
        ),
    }
}

/// Call `f` with the running loop, if there is one. Clean-up code uses
/// this: a future dropped after the loop has gone has nothing to undo.
pub(crate) fn try_with<R>(f: impl FnOnce(&Loop) -> R) -> Option<R> {
    // Clone the `Rc` out, so that `f` may call back in here.
    let running = RUNNING.with(|running| running.borrow().clone());
    running.map(|event_loop| f(&event_loop))
}

/// Makes `event_loop` this thread's running loop until it is dropped, even
/// if something panics.
pub(crate) struct Entered(Rc<Loop>);

impl Drop for Entered {
    fn drop(&mut self) {
        RUNNING.with(|running| running.borrow_mut().take());
        // Jobs left in the queue hold wakers, which hold the queue: let go.
        self.0.shared.lock().ready.clear();
        self.0.local.borrow_mut().clear();
        self.0.reactor.clear();
    }
}

impl std::ops::Deref for Entered {
    type Target = Loop;
    fn deref(&self) -> &Loop {
        &self.0
    }
}

impl Loop {
    /// A new loop at time 0, installed as this thread's running loop, that
    /// stamps every line `trace` says from now on.
    pub(crate) fn enter(trace: &Trace, budget: u64) -> Entered {
        // Refuse before touching anything, the trace's stamper included.
        assert!(
            RUNNING.with(|running| running.borrow().is_none()),
            "aio::run was called inside a running loop: a task cannot start a loop \
             of its own, it awaits instead. (asyncio would raise RuntimeError: \
             asyncio.run() cannot be called from a running event loop.)"
        );
        let clock = Arc::new(Clock::default());
        let stamper = clock.clone();
        trace.set_stamper(move || stamper.stamp());
        let shared = Arc::new(Shared::new());
        let event_loop = Rc::new(Loop {
            tasks: RefCell::new(Vec::new()),
            reactor: Rc::new(Reactor::new(shared.clone())),
            holds: Holds::default(),
            shared,
            timers: RefCell::default(),
            due: RefCell::default(),
            local: RefCell::default(),
            running: Cell::new(None),
            steps: Cell::new(0),
            budget,
            clock,
            trace: trace.clone(),
            records_timeline: trace.records_timeline(),
            fire_late_timers: Cell::new(false),
        });
        RUNNING.with(|running| *running.borrow_mut() = Some(event_loop.clone()));
        Entered(event_loop)
    }

    pub(crate) fn now(&self) -> u64 {
        self.clock.time.load(Ordering::Acquire)
    }

    pub(crate) fn current_name(&self) -> String {
        self.clock.stamp().task
    }

    /// A new task, at the back of the ready queue: it first runs after the
    /// current one gives way (asyncio's `create_task` is a `call_soon`).
    pub(crate) fn spawn<F>(&self, name: &str, future: F) -> Rc<TaskCore<Running<F>>>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let mut tasks = self.tasks.borrow_mut();
        let id = tasks.len();
        self.clock.add_name(name);
        let task = Rc::new(TaskCore::new(id, name, future, self.shared.clone()));
        tasks.push(task.clone());
        self.shared.push(Job::Poll(id));
        task
    }

    #[inline]
    fn task(&self, id: TaskId) -> Rc<TaskCore> {
        self.tasks.borrow()[id].clone()
    }

    // ANCHOR: run
    /// Run until `main` has finished, and one round more.
    pub(crate) fn run(&self) -> Result<(), LoopError> {
        let mut stopping = false;
        while !stopping {
            // One round: the jobs ready now (asyncio's `_run_once`). Jobs
            // they add wait for the next round; `Stop` ends the loop after
            // this one.
            for job in self.next_round()? {
                match job {
                    Job::Poll(id) => self.timed_step(id)?,
                    Job::Call(callback) => callback(),
                    Job::Stop => stopping = true,
                }
            }
            // (Unless a thread due by now still runs: then the next round
            // waits for it first.)
            if self.fire_late_timers.take() && !self.held() {
                self.advance_clock();
            }
        }
        self.warn_never_awaited();
        Ok(())
    }
    // ANCHOR_END: run

    /// [`Loop::step`] on task `id`, with a warning if the poll kept the loop
    /// too long in real time (a blocking call in the task). Without a budget
    /// (the benchmarks) the loop is not watched, and reads no clock.
    #[inline]
    fn timed_step(&self, id: TaskId) -> Result<(), LoopError> {
        // The task is looked up once, here: `step` borrows it.
        let task = self.task(id);
        if self.budget == u64::MAX {
            return self.step(&task);
        }
        let started = std::time::Instant::now();
        self.step(&task)?;
        let took = started.elapsed();
        if took >= crate::SLOW_TURN {
            crate::mistakes::warn(crate::mistakes::slow_turn(&task.name, self.now(), took));
        }
        Ok(())
    }

    /// main returned: a task still pending that nobody awaited is about to
    /// be dropped without a word in the trace, so say it on standard
    /// error. (Not when main failed: that message says enough.)
    fn warn_never_awaited(&self) {
        let tasks = self.tasks.borrow();
        if matches!(tasks[MAIN].header.outcome(), Some(Err(_))) {
            return;
        }
        for task in tasks.iter() {
            if !task.is_done() && !task.retrieved.get() {
                crate::mistakes::warn(crate::mistakes::never_awaited(&task.name, self.now()));
            }
        }
    }

    // ANCHOR: next_round
    /// The jobs ready now. If none is: jump the clock to the next timer; or
    /// without timers, wait for work outside the loop (a thread, a socket)
    /// to wake a task; or with none either, nothing can ever happen again:
    /// a deadlock.
    fn next_round(&self) -> Result<VecDeque<Job>, LoopError> {
        // Sockets ready now join this round, behind the tasks ready
        // already: the loop looks without waiting (asyncio's `select(0)`).
        self.reactor.poll_now();
        let mut queue = self.shared.lock();
        loop {
            let mut ready = self.local.borrow_mut();
            ready.append(&mut queue.ready); // jobs from other threads
            if !ready.is_empty() {
                // Timers overdue (only a blocking call, `aio::block`, leaves
                // some) fire after this round, behind what it queues.
                let late = self.next_deadline().is_some_and(|due| due <= self.now());
                self.fire_late_timers.set(late);
                return Ok(take_round(&mut ready));
            }
            drop(ready);
            if self.next_deadline().is_some() && !self.held() {
                drop(queue); // firing a timer calls a waker, which locks it
                self.advance_clock();
                queue = self.shared.lock();
            } else if queue.outside > 0 || self.reactor.is_waiting() {
                // Sleep (for real) until a thread wakes a task or gives up,
                // or a socket is ready.
                queue = self.park(queue);
            } else {
                drop(queue);
                return Err(self.deadlock());
            }
        }
    }
    // ANCHOR_END: next_round

    /// Sleep, for real, until a waker is called from another thread,
    /// outside work ends, or a socket is ready.
    fn park<'a>(&'a self, mut queue: MutexGuard<'a, Queue>) -> MutexGuard<'a, Queue> {
        queue.parked = true;
        if self.shared.poller.get().is_some() {
            drop(queue); // the wakers of ready sockets lock it
            self.reactor.poll(None);
            queue = self.shared.lock();
        } else {
            queue = self
                .shared
                .changed
                .wait(queue)
                .unwrap_or_else(PoisonError::into_inner);
        }
        queue.parked = false;
        // The loop waited for the world (a client, a thread): a program that
        // waits for the world is not running away, however long it serves,
        // so the step budget counts again from here.
        self.steps.set(0);
        queue
    }

    fn next_deadline(&self) -> Option<u64> {
        self.timers.borrow().next_deadline()
    }

    /// The next timer may not fire yet: a thread of `to_thread` whose
    /// timer is due by then still runs, and the clock waits for it.
    fn held(&self) -> bool {
        self.next_deadline()
            .is_some_and(|deadline| self.holds.block(deadline.max(self.now())))
    }

    // ANCHOR: advance_clock
    /// Nothing is ready: jump to the earliest deadline, and call the waker
    /// of every timer due then, in the order they were set. (After a
    /// blocking call, the clock may be past it already: then it stays, and
    /// every timer overdue fires, earliest first.)
    fn advance_clock(&self) {
        let mut timers = self.timers.borrow_mut();
        let Some(deadline) = timers.next_deadline() else {
            return;
        };
        let now = deadline.max(self.now());
        self.clock.time.store(now, Ordering::Release);
        let mut due = self.due.take();
        timers.take_due(now, &mut due);
        drop(timers); // a waker may set a timer
        for waker in due.drain(..) {
            waker.wake();
        }
        *self.due.borrow_mut() = due;
    }
    // ANCHOR_END: advance_clock

    // ANCHOR: step
    /// Poll `task` once: asyncio's `Task.__step`, one `send(None)`.
    fn step(&self, task: &TaskCore) -> Result<(), LoopError> {
        if task.is_done() {
            return Ok(()); // a waker called after the end: nothing to do
        }
        self.enter_task(task);
        if task.cancel_requested.get() {
            // Cancelled: drop the future instead of polling it. Its
            // clean-up (every `Drop` it holds) runs now, as this task:
            // Python's `finally`, run by the CancelledError.
            let outcome = match quietly_drop(task) {
                Ok(()) => Err(TaskError::Cancelled {
                    task: task.name.clone(),
                }),
                Err(message) => Err(task.failed(message)),
            };
            self.finish(task, outcome);
        } else {
            self.steps.set(self.steps.get() + 1);
            if self.steps.get() > self.budget {
                return Err(self.runaway());
            }
            self.poll(task);
        }
        self.running.set(None);
        Ok(())
    }

    fn poll(&self, task: &TaskCore) {
        // From here on, a call of its waker queues it again, even during
        // this poll (that is how `yield_now` goes to the back).
        task.header.unqueue();
        let mut cx = Context::from_waker(&task.waker);
        // A panic in the task must not take the loop down with it.
        match panic::catch_unwind(AssertUnwindSafe(|| task.run.poll_future(&mut cx))) {
            Ok(Poll::Pending) => {} // its future waits in the task
            Ok(Poll::Ready(())) => {
                // An `async` block has dropped its locals on the way out; a
                // hand-written future drops its fields here.
                let outcome = quietly_drop(task).map_err(|message| task.failed(message));
                self.finish(task, outcome);
            }
            Err(payload) => {
                let message = panic_message(payload);
                let _ = quietly_drop(task);
                self.finish(task, Err(task.failed(message)));
            }
        }
    }
    // ANCHOR_END: step

    /// Stamp what follows with this task's name, and forget what it waited
    /// for: its futures say again if they still wait.
    #[inline]
    fn enter_task(&self, task: &TaskCore) {
        self.running.set(Some(task.header.id));
        self.clock.task.store(task.header.id, Ordering::Release);
        task.waits.borrow_mut().clear();
        self.timeline(task, || What::Runs);
    }

    // ANCHOR: finish
    /// The task returned, panicked or was cancelled: tell whoever waits for
    /// it, in the order they started waiting.
    fn finish(&self, task: &TaskCore, outcome: Result<(), TaskError>) {
        // As in asyncio, a task that was asked to cancel and returned
        // anyway ends cancelled.
        let outcome = match outcome {
            Ok(()) if task.cancel_requested.get() => Err(TaskError::Cancelled {
                task: task.name.clone(),
            }),
            outcome => outcome,
        };
        task.header.set_outcome(outcome);
        self.timeline_end(task);
        if task.header.id == MAIN {
            // asyncio.run added its callback to main before anyone else.
            self.shared.push(Job::Stop);
        }
        for waiter in task.take_waiters() {
            waiter.finished(&self.shared);
        }
    }
    // ANCHOR_END: finish

    /// After the last round: drop the tasks still unfinished, in the order
    /// they were spawned, each as itself, so that their clean-up runs.
    /// (`asyncio.run` cancels them and lets them run their `finally`.)
    pub(crate) fn tear_down(&self) {
        let mut id = 0;
        // Clean-up code may spawn tasks: they are dropped too.
        while let Some(task) = self.tasks.borrow().get(id).cloned() {
            id += 1;
            if task.is_done() {
                continue;
            }
            self.enter_task(&task);
            let outcome = match quietly_drop(&task) {
                Ok(()) => Err(TaskError::Cancelled {
                    task: task.name.clone(),
                }),
                Err(message) => Err(task.failed(message)),
            };
            task.header.set_outcome(outcome);
            self.timeline_end(&task);
            task.take_waiters();
        }
        self.running.set(None);
    }

    /// After the run: main's failure, or failures no task retrieved.
    pub(crate) fn failures(&self) -> Result<(), LoopError> {
        let tasks = self.tasks.borrow();
        if let Some(Err(failed @ TaskError::Failed { .. })) = tasks[MAIN].header.outcome() {
            return Err(LoopError::MainFailed(failed.clone()));
        }
        let lost: Vec<TaskError> = tasks
            .iter()
            .filter(|task| !task.retrieved.get())
            .filter_map(|task| match task.header.outcome() {
                Some(Err(failed @ TaskError::Failed { .. })) => Some(failed.clone()),
                _ => None,
            })
            .collect();
        if lost.is_empty() {
            Ok(())
        } else {
            Err(LoopError::NeverRetrieved(lost))
        }
    }

    // Timers, for `Sleep`.

    /// Call `waker` `ticks` from now.
    pub(crate) fn set_timer(&self, ticks: u64, waker: Waker) -> TimerKey {
        self.timers.borrow_mut().set(self.now() + ticks, waker)
    }

    /// Whether the timer is still to fire; if so, it will call `waker`.
    pub(crate) fn timer_pending(&self, key: TimerKey, waker: &Waker) -> bool {
        self.timers.borrow_mut().pending(key, waker)
    }

    /// asyncio's `TimerHandle.cancel()`.
    pub(crate) fn cancel_timer(&self, key: TimerKey) {
        self.timers.borrow_mut().cancel(key);
    }

    /// A blocking call (`aio::block`): `ticks` pass, and nothing else runs.
    pub(crate) fn block_for(&self, ticks: u64) {
        let running = self.running_task();
        if let Some(task) = &running {
            self.timeline(task, || What::Blocks {
                until: self.now() + ticks,
            });
        }
        self.clock.time.fetch_add(ticks, Ordering::AcqRel);
        if let Some(task) = &running {
            self.timeline(task, || What::Runs);
        }
    }

    /// The task being polled, if any (for the waiters of `src/waiter.rs`).
    pub(crate) fn running_task(&self) -> Option<Rc<TaskCore>> {
        self.running.get().map(|id| self.task(id))
    }

    /// Note, for the error messages, what the running task waits for.
    pub(crate) fn note_wait(&self, wait: Wait) {
        if let Some(id) = self.running.get() {
            let task = self.task(id);
            // The first thing a poll waits for is what the timeline shows.
            if self.records_timeline && task.waits.borrow().is_empty() {
                self.timeline(&task, || self.timeline_wait(&wait));
            }
            task.waits.borrow_mut().push(wait);
        }
    }

    fn deadlock(&self) -> LoopError {
        LoopError::Deadlock {
            time: self.now(),
            waiting: self.unfinished(),
        }
    }

    fn runaway(&self) -> LoopError {
        LoopError::Runaway {
            time: self.now(),
            tasks: self.unfinished(),
            budget: self.budget,
        }
    }

    /// What every unfinished task is doing, in the order they were spawned:
    /// `A is ready`, `B sleeps until 5`, `C waits for A and B`.
    fn unfinished(&self) -> Vec<String> {
        let tasks = self.tasks.borrow();
        let names = |ids: &[TaskId], and: &str| {
            // The tasks still running; if all have finished (a callback is
            // on its way), all of them.
            let running: Vec<&TaskId> = ids.iter().filter(|id| !tasks[**id].is_done()).collect();
            let shown = if running.is_empty() {
                ids.iter().collect()
            } else {
                running
            };
            let names: Vec<&str> = shown.iter().map(|id| tasks[**id].name.as_str()).collect();
            names.join(and)
        };
        let mut lines = Vec::new();
        for task in tasks.iter().filter(|task| !task.is_done()) {
            let waits = task.waits.borrow();
            let doing = if task.header.is_queued() {
                "is ready".to_string()
            } else if waits.is_empty() {
                "is pending, and no task or timer will wake it (did a future return Pending without keeping its waker?)".to_string()
            } else {
                let waits: Vec<String> = waits
                    .iter()
                    .map(|wait| match wait {
                        Wait::Timer(deadline) => format!("sleeps until {deadline}"),
                        Wait::Task(id) => format!("waits for {}", tasks[*id].name),
                        Wait::All(ids) => format!("waits for {}", names(ids, " and ")),
                        Wait::Any(ids) => format!("waits for {}", names(ids, " or ")),
                        Wait::Thread(deadline) => {
                            format!("waits for a thread, until {deadline}")
                        }
                        Wait::Socket(what) => format!("waits on a socket, to {what}"),
                        Wait::For(_, what) => format!("waits for {}", what()),
                    })
                    .collect();
                waits.join(" or ")
            };
            lines.push(format!("{} {doing}", task.name));
        }
        lines
    }
}

/// The jobs of a round, taken out of `ready`, which keeps room for as many:
/// the next round is often as big (every task gave way), and a queue grown
/// again from nothing each round would copy its jobs over and over.
fn take_round(ready: &mut VecDeque<Job>) -> VecDeque<Job> {
    let room = VecDeque::with_capacity(ready.len());
    mem::replace(ready, room)
}

/// Drop a task's future, catching a panic in its clean-up.
fn quietly_drop(task: &TaskCore) -> Result<(), String> {
    panic::catch_unwind(AssertUnwindSafe(|| task.run.drop_future())).map_err(panic_message)
}

fn panic_message(payload: Box<dyn Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => match payload.downcast::<&str>() {
            Ok(message) => message.to_string(),
            Err(_) => "(a panic without a message)".into(),
        },
    }
}

/// The events of a timeline picture (`trace::timeline`): recorded only when
/// the trace was asked for them, which costs one flag's test otherwise.
impl Loop {
    #[inline]
    fn timeline(&self, task: &TaskCore, what: impl FnOnce() -> What) {
        if self.records_timeline {
            self.record(task, what());
        }
    }

    /// Out of line, so that the steps which record nothing stay small.
    #[cold]
    fn record(&self, task: &TaskCore, what: What) {
        self.trace.event(|| Event {
            time: self.now(),
            task: task.name.clone(),
            what,
        });
    }

    fn timeline_end(&self, task: &TaskCore) {
        self.timeline(task, || match task.header.outcome() {
            Some(Ok(())) => What::Done,
            Some(Err(TaskError::Cancelled { .. })) => What::Cancelled,
            _ => What::Failed,
        });
    }

    fn timeline_wait(&self, wait: &Wait) -> What {
        let tasks = self.tasks.borrow();
        let names = |ids: &[TaskId], and: &str| {
            let names: Vec<&str> = ids.iter().map(|id| tasks[*id].name.as_str()).collect();
            names.join(and)
        };
        let on = match wait {
            Wait::Timer(until) => return What::Sleeps { until: *until },
            Wait::Task(id) => names(&[*id], ""),
            Wait::All(ids) => names(ids, " and "),
            Wait::Any(ids) => names(ids, " or "),
            Wait::Thread(_) => "a thread".to_string(),
            Wait::Socket(_) => "a socket".to_string(),
            Wait::For(name, _) => name.to_string(),
        };
        What::Waits { on }
    }
}
