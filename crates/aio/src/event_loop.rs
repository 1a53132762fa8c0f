//! The loop: asyncio's `BaseEventLoop`, small. It runs in rounds; a round
//! polls every task that was ready when it began; when none is ready, the
//! clock jumps to the next timer. Read from the top: the loop, a round, a
//! poll, the clock jump; then how a task starts and ends; then what the
//! futures ask of the loop, and what it says when a run goes wrong.
//!
//! What the loop owns lives in modules that know nothing of it: the ready
//! queue and the wakers (`src/ready.rs`), the tasks (`src/task.rs`), the
//! timers (`src/timers.rs`), and chapter 6's sockets and threads
//! (`src/world.rs`). The futures reach the running loop through one
//! function, `running::with` (`src/running.rs`).

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::mem;
use std::panic::{self, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::{Arc, MutexGuard};
use std::task::{Poll, Waker};
use std::time::Instant;

use loop_report::Clock;
use trace::steps::{self, Did, LoopStep};
use trace::{Event, Trace, What};

use crate::error::{LoopError, TaskError};
use crate::ready::{CallFor, Job, Queue, Shared, TaskId};
use crate::task::{Running, TaskCore, Wait};
use crate::timers::{TimerKey, Timers};
use crate::world::World;

const MAIN: TaskId = 0;

// ANCHOR: loop
pub(crate) struct Loop {
    /// Every task ever spawned, by [`TaskId`].
    tasks: RefCell<Vec<Rc<TaskCore>>>,
    /// The ready queue, shared with the wakers.
    pub(crate) shared: Arc<Shared>,
    /// The wakers to call at their deadlines, earliest first.
    timers: RefCell<Timers>,
    /// The virtual time and the running task, where the trace's stamper
    /// reads them (from any thread: the harness's watchdog does).
    clock: Arc<Clock>,
    /// The task being polled, if any.
    running: Cell<Option<TaskId>>,
    /// Polls so far, and how many make a runaway ([`crate::STEP_BUDGET`]).
    steps: Cell<u64>,
    budget: u64,
    pub(crate) trace: Trace,
    /// Whether the trace records a timeline: read once, when the loop
    /// starts (the harness switches it on before the run).
    records_timeline: bool,
    /// Which task set each timer, if recording: the stepper names them.
    timer_owners: RefCell<HashMap<TimerKey, Option<TaskId>>>,
    /// Chapter 6: sockets, threads, blocking calls.
    pub(crate) world: World,
}
// ANCHOR_END: loop

impl Loop {
    /// A new loop at time 0, that stamps every line `trace` says from now
    /// on. (`src/running.rs` makes it the running one.)
    pub(crate) fn new(trace: &Trace, budget: u64) -> Loop {
        let shared = Arc::new(Shared::new());
        Loop {
            tasks: RefCell::default(),
            world: World::new(shared.clone()),
            shared,
            timers: RefCell::default(),
            clock: Clock::stamping(trace),
            running: Cell::new(None),
            steps: Cell::new(0),
            budget,
            trace: trace.clone(),
            records_timeline: trace.records_timeline(),
            timer_owners: RefCell::default(),
        }
    }

    // ANCHOR: run
    /// Run until `main` has finished, and one round more.
    pub(crate) fn run(&self) -> Result<(), LoopError> {
        self.step_view(|| Did::Start { by: "aio" }, &VecDeque::new());
        let mut stopping = false;
        while !stopping {
            // One round: the jobs ready now (asyncio's `_run_once`). Jobs
            // they add wait for the next round; `Stop` ends the loop after
            // this one.
            let mut round = self.next_round()?;
            self.step_view(|| Did::Round, &round);
            while let Some(job) = round.pop_front() {
                let ran = self.records_timeline.then(|| self.job_view(&job));
                match job {
                    Job::Poll(id) => self.timed_step(id)?,
                    Job::Call(callback, _) => callback(),
                    Job::Stop => stopping = true,
                }
                self.step_view(move || Did::Ran(ran.expect("recording")), &round);
            }
            // Chapter 6: timers a blocking call made late fire now (unless
            // a thread due by then still runs: the next round waits for it).
            if self.world.late_timers.take() && !self.held() {
                self.advance_clock();
            }
        }
        self.warn_never_awaited();
        Ok(())
    }
    // ANCHOR_END: run

    // ANCHOR: next_round
    /// The jobs ready now. If none is: jump the clock to the next timer; or
    /// without timers, wait for work outside the loop (a thread, a socket)
    /// to wake a task; or with none either, nothing can ever happen again:
    /// a deadlock.
    fn next_round(&self) -> Result<VecDeque<Job>, LoopError> {
        // Chapter 6: sockets ready now join this round, behind the tasks
        // ready already; the loop looks without waiting (asyncio's
        // `select(0)`).
        self.world.reactor.poll_now();
        let mut queue = self.shared.lock();
        loop {
            if !queue.ready.is_empty() {
                // Chapter 6: timers overdue (only a blocking call,
                // `aio::block`, leaves some) fire after this round, behind
                // what it queues.
                let late = self.next_deadline().is_some_and(|due| due <= self.now());
                self.world.late_timers.set(late);
                return Ok(mem::take(&mut queue.ready));
            }
            // (`held`, chapter 6: a thread of `to_thread` due by then still
            // runs, and the clock waits for it.)
            if self.next_deadline().is_some() && !self.held() {
                // The step of waiting for a thread due by this timer is
                // shown whether or not the thread had finished by now (a
                // matter of real time): the same run, the same steps.
                if self.thread_due() {
                    self.step_view_of(|| Did::Outside, &VecDeque::new(), &queue.ready);
                }
                drop(queue); // firing a timer calls a waker, which locks it
                self.advance_clock();
                queue = self.shared.lock();
            } else if queue.outside > 0 || self.world.reactor.is_waiting() {
                // Chapter 6: sleep (for real) until a thread wakes a task or
                // gives up, or a socket is ready.
                let for_a_thread = self.held();
                queue = self.park(queue);
                if !for_a_thread {
                    self.step_view_of(|| Did::Outside, &VecDeque::new(), &queue.ready);
                }
            } else {
                drop(queue);
                return Err(self.deadlock());
            }
        }
    }
    // ANCHOR_END: next_round

    /// [`Loop::step`] on task `id`, with a warning if the poll kept the loop
    /// too long in real time (a blocking call in the task). Without a budget
    /// (the benchmarks) the loop is not watched, and reads no clock.
    fn timed_step(&self, id: TaskId) -> Result<(), LoopError> {
        let task = self.task(id);
        if self.budget == u64::MAX {
            return self.step(&task);
        }
        let started = Instant::now();
        self.step(&task)?;
        let hand_off = "hand the work to a thread with to_thread";
        loop_report::warn_if_slow(&task.name, self.now(), started.elapsed(), hand_off);
        Ok(())
    }

    // ANCHOR: step
    /// Poll `task` once: asyncio's `Task.__step`, one `send(None)`.
    fn step(&self, task: &TaskCore) -> Result<(), LoopError> {
        if task.is_done() {
            // Queued before it finished (it woke itself, then returned;
            // or it was cancelled while queued): nothing to do.
            return Ok(());
        }
        self.enter_task(task);
        if task.cancel_requested.get() {
            // Cancelled: drop the future instead of polling it. Its
            // clean-up (every `Drop` it holds) runs now, as this task:
            // Python's `finally`, run by the CancelledError.
            self.finish(task, cancelled(task));
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
        // A panic in the task must not take the loop down with it.
        match panic::catch_unwind(AssertUnwindSafe(|| task.poll_future())) {
            Ok(Poll::Pending) => {} // its future waits in the task
            Ok(Poll::Ready(())) => {
                // An `async` block has dropped its locals on the way out; a
                // hand-written future drops its fields here.
                let outcome = task.drop_future().map_err(|message| task.failed(message));
                self.finish(task, outcome);
            }
            Err(payload) => {
                let message = loop_report::panic_message(payload);
                let _ = task.drop_future();
                self.finish(task, Err(task.failed(message)));
            }
        }
    }
    // ANCHOR_END: step

    // ANCHOR: advance_clock
    /// Nothing is ready: jump to the earliest deadline, and call the waker
    /// of every timer due then, in the order they were set. (After a
    /// blocking call, the clock may be past it already: then it stays, and
    /// every timer overdue fires, earliest first.)
    fn advance_clock(&self) {
        let from = self.now();
        let due = {
            let mut timers = self.timers.borrow_mut();
            let Some(deadline) = timers.next_deadline() else {
                return;
            };
            let now = deadline.max(self.now());
            self.clock.set_time(now);
            timers.take_due(now)
        };
        for waker in due {
            // `timers` is free again: a future may have handed its timer a
            // waker of its own, which may set a timer.
            waker.wake();
        }
        self.step_view(|| Did::Clock { from }, &VecDeque::new());
    }
    // ANCHOR_END: advance_clock

    /// Sleep, for real, until a waker is called from another thread,
    /// outside work ends, or a socket is ready.
    fn park<'a>(&'a self, queue: MutexGuard<'a, Queue>) -> MutexGuard<'a, Queue> {
        let poll_sockets = || self.world.reactor.poll(None);
        let in_poller = self.shared.poller.get().is_some();
        let queue = self
            .shared
            .park(queue, in_poller.then_some(&poll_sockets as &dyn Fn()));
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
            .is_some_and(|deadline| self.world.holds.block(deadline.max(self.now())))
    }

    /// Whether a thread of `to_thread` is due by the next timer, finished
    /// or not: what a step shows the loop waiting for.
    fn thread_due(&self) -> bool {
        self.next_deadline()
            .is_some_and(|deadline| self.world.holds.due(deadline.max(self.now())))
    }
}

/// How a task starts and ends.
impl Loop {
    // ANCHOR: loop_spawn
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
    // ANCHOR_END: loop_spawn

    fn task(&self, id: TaskId) -> Rc<TaskCore> {
        self.tasks.borrow()[id].clone()
    }

    /// Stamp what follows with this task's name, and forget what it waited
    /// for: its futures say again if they still wait.
    fn enter_task(&self, task: &TaskCore) {
        self.running.set(Some(task.header.id));
        self.clock.set_task(task.header.id);
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
            waiter.finished(&self.shared, task.header.id);
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
            task.header.set_outcome(cancelled(&task));
            self.timeline_end(&task);
            task.take_waiters();
        }
        self.running.set(None);
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
                let or_cancel_it = loop_report::OR_CANCEL_IT;
                let warning = loop_report::never_awaited(&task.name, self.now(), or_cancel_it);
                loop_report::warn(warning);
            }
        }
    }

    /// The run is over: the jobs left in the queue hold wakers, which hold
    /// the queue, and the reactor holds wakers too. Let go of them.
    pub(crate) fn let_go(&self) {
        self.shared.lock().ready.clear();
        self.world.reactor.clear();
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
}

/// Drop a cancelled task's future, as that task: it ends cancelled, or
/// failed if its clean-up panicked.
fn cancelled(task: &TaskCore) -> Result<(), TaskError> {
    match task.drop_future() {
        Ok(()) => Err(TaskError::Cancelled {
            task: task.name.clone(),
        }),
        Err(message) => Err(task.failed(message)),
    }
}

/// What the futures ask of the running loop.
impl Loop {
    pub(crate) fn now(&self) -> u64 {
        self.clock.time()
    }

    pub(crate) fn current_name(&self) -> String {
        self.clock.stamp().task
    }

    /// Call `waker` `ticks` from now.
    pub(crate) fn set_timer(&self, ticks: u64, waker: Waker) -> TimerKey {
        let key = self.timers.borrow_mut().set(self.now() + ticks, waker);
        if self.records_timeline {
            self.timer_owners
                .borrow_mut()
                .insert(key, self.running.get());
        }
        key
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
        self.clock.add_time(ticks);
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
        if let Some(task) = self.running_task() {
            // The first thing a poll waits for is what the timeline shows.
            if self.records_timeline && task.waits.borrow().is_empty() {
                self.timeline(&task, || wait.timeline(&self.tasks.borrow()));
            }
            task.waits.borrow_mut().push(wait);
        }
    }
}

/// What the loop says when a run goes wrong.
impl Loop {
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
        let unfinished = tasks.iter().filter(|task| !task.is_done());
        unfinished
            .map(|task| loop_report::unfinished_line(&task.name, &task.doing(&tasks)))
            .collect()
    }
}

/// The events of a timeline picture (`trace::timeline`): recorded only when
/// the trace was asked for them, which costs one flag's test otherwise.
impl Loop {
    fn timeline(&self, task: &TaskCore, what: impl FnOnce() -> What) {
        if self.records_timeline {
            self.trace.event(|| Event {
                time: self.now(),
                task: task.name.clone(),
                what: what(),
            });
        }
    }

    fn timeline_end(&self, task: &TaskCore) {
        self.timeline(task, || match task.header.outcome() {
            Some(Ok(())) => What::Done,
            Some(Err(TaskError::Cancelled { .. })) => What::Cancelled,
            _ => What::Failed,
        });
    }
}

/// The steps of the book's stepper (`trace::steps`): after each thing the
/// loop does, what its queues hold. Recorded with the timeline, only.
impl Loop {
    /// Report the step the loop just took (`did`); `round` is what is left
    /// of this round, before the jobs queued for the next.
    fn step_view(&self, did: impl FnOnce() -> Did, round: &VecDeque<Job>) {
        if self.records_timeline {
            let queue = self.shared.lock();
            self.step_view_of(did, round, &queue.ready);
        }
    }

    /// [`Loop::step_view`], with the queue's lock already held.
    fn step_view_of(&self, did: impl FnOnce() -> Did, round: &VecDeque<Job>, next: &VecDeque<Job>) {
        if !self.records_timeline {
            return;
        }
        let tasks = self.tasks.borrow();
        let owners = self.timer_owners.borrow();
        let timers = self.timers.borrow().in_firing_order();
        let timers = timers.into_iter().map(|(key, order)| steps::Timer {
            at: key.0,
            set: order + 1,
            task: match owners.get(&key) {
                Some(Some(id)) => tasks[*id].name.clone(),
                _ => "the loop".into(),
            },
        });
        let doing = |task: &TaskCore| match task.header.outcome() {
            None => loop_report::doing_words(&task.doing(&tasks)),
            Some(Ok(())) => "is done".into(),
            Some(Err(TaskError::Cancelled { .. })) => "was cancelled".into(),
            Some(Err(_)) => "failed".into(),
        };
        self.trace.loop_step(|| LoopStep {
            did: did(),
            time: self.now(),
            ready: round
                .iter()
                .chain(next)
                .map(|job| self.job_view(job))
                .collect(),
            this_round: round.len(),
            timers: timers.collect(),
            tasks: tasks
                .iter()
                .map(|task| (task.name.clone(), doing(task)))
                .collect(),
        });
    }

    fn job_view(&self, job: &Job) -> steps::Job {
        let name = |id: &TaskId| self.tasks.borrow()[*id].name.clone();
        match job {
            Job::Poll(id) => steps::Job::Task(name(id)),
            Job::Call(_, CallFor::Finished(id)) => steps::Job::Callback { of: name(id) },
            Job::Call(_, CallFor::Socket) => steps::Job::Socket,
            Job::Stop => steps::Job::Stop,
        }
    }
}
