//! The scheduler that tries every schedule.
//!
//! A runtime with several workers may run any ready task next, and two at
//! once. Which one it picks is not the program's to choose, so a program is
//! right only if it is right for every pick. This scheduler makes the picks
//! itself, one thread and one task at a time, and runs the program again
//! and again until it has made every sequence of picks there is:
//!
//! 1. A run starts `main` and loops: of the tasks that are ready (woken,
//!    and not finished), it picks one, polls it once, and notes what it
//!    said. When more than one is ready, that is a *choice*.
//! 2. The first run always picks the first ready task (in the order they
//!    were spawned). Each run keeps the list of choices it made.
//! 3. The next run replays that list up to its last choice that had an
//!    option left, takes that option, and picks the first ready task after
//!    it. When no choice has an option left, every schedule has run: this
//!    is a depth-first walk of the tree of choices.
//!
//! Two picks that are made one after the other here could happen at the
//! same moment on two workers; what makes the difference visible is what
//! the tasks said, and [`crate::say`] begins with an await, a point where
//! any other ready task may go first. So the orders of lines found here are the
//! orders a multi-threaded runtime can print, for programs whose tasks
//! share data only through locks, channels and joins.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use trace::{Stamp, Trace};
use verdict::orders::{CHECK_STOPPED, Explored, Order, Step, render_schedule};

use crate::JoinError;

/// The most turns one run may take: the exercises take tens. A task that
/// yields for ever would otherwise make one schedule last for ever.
pub const TURN_LIMIT: usize = 10_000;

/// The line an order ends with when every task waits and none can wake
/// the others (a real runtime would hang there). The judge's, so that a
/// failure can name it.
pub use verdict::orders::STUCK;

type Task = Pin<Box<dyn Future<Output = ()> + Send>>;

/// What aborting a task does to its join handle: it hears "cancelled".
type OnAbort = Box<dyn FnOnce()>;

thread_local! {
    /// The run in progress on this thread, if any: how `spawn` finds it.
    static RUN: RefCell<Option<Rc<Run>>> = const { RefCell::new(None) };
}

/// One run of the program, on one schedule.
struct Run {
    /// Every task, by id (`main` is 0). `None` once it has finished, and
    /// while it is being polled (so that it may spawn).
    tasks: RefCell<Vec<Option<Task>>>,
    /// What happens to each task's join handle if it is aborted.
    on_abort: RefCell<Vec<Option<OnAbort>>>,
    /// Where each task but `main` was spawned (`file:line`), in order.
    spawned_at: RefCell<Vec<String>>,
    flags: Arc<Mutex<Flags>>,
}

/// What wakers and `abort` change, from any task.
#[derive(Default)]
struct Flags {
    ready: Vec<bool>,
    aborted: Vec<bool>,
}

struct TaskWaker {
    id: usize,
    flags: Arc<Mutex<Flags>>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let mut flags = self.flags.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(ready) = flags.ready.get_mut(self.id) {
            *ready = true;
        }
    }
}

impl Run {
    fn add(&self, task: Task, on_abort: Option<OnAbort>) -> usize {
        let mut tasks = self.tasks.borrow_mut();
        tasks.push(Some(task));
        self.on_abort.borrow_mut().push(on_abort);
        let mut flags = self.flags.lock().unwrap();
        flags.ready.push(true);
        flags.aborted.push(false);
        tasks.len() - 1
    }

    /// Drop the tasks that were aborted, and tell their join handles.
    fn drop_aborted(&self) {
        let aborted: Vec<usize> = {
            let mut flags = self.flags.lock().unwrap();
            let ids = (0..flags.aborted.len())
                .filter(|&i| flags.aborted[i])
                .collect();
            flags.aborted.iter_mut().for_each(|a| *a = false);
            ids
        };
        for id in aborted {
            // A task that has finished keeps its result, as in tokio.
            let Some(task) = self.tasks.borrow_mut()[id].take() else {
                continue;
            };
            drop(task);
            if let Some(tell) = self.on_abort.borrow_mut()[id].take() {
                tell();
            }
        }
    }

    fn ready(&self) -> Vec<usize> {
        let flags = self.flags.lock().unwrap();
        let tasks = self.tasks.borrow();
        (0..tasks.len())
            .filter(|&i| flags.ready[i] && tasks[i].is_some())
            .collect()
    }
}

/// What a join handle waits on, under this scheduler.
pub(crate) struct Joined<T> {
    slot: Arc<Mutex<Slot<T>>>,
    id: usize,
    flags: Arc<Mutex<Flags>>,
}

struct Slot<T> {
    result: Option<Result<T, JoinError>>,
    waiter: Option<Waker>,
}

impl<T> Slot<T> {
    fn finish(&mut self, result: Result<T, JoinError>) {
        self.result = Some(result);
        if let Some(waiter) = self.waiter.take() {
            waiter.wake();
        }
    }
}

impl<T> Joined<T> {
    pub(crate) fn poll(&mut self, cx: &mut Context<'_>) -> Poll<Result<T, JoinError>> {
        let mut slot = self.slot.lock().unwrap();
        match slot.result.take() {
            Some(result) => Poll::Ready(result),
            None => {
                slot.waiter = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }

    pub(crate) fn abort(&self) {
        let mut flags = self.flags.lock().unwrap();
        if let Some(aborted) = flags.aborted.get_mut(self.id) {
            *aborted = true;
        }
    }
}

/// Whether a run of this scheduler is in progress on this thread.
pub(crate) fn running() -> bool {
    RUN.with(|run| run.borrow().is_some())
}

/// Add a task to the run in progress (see [`running`]).
#[track_caller]
pub(crate) fn spawn<F>(future: F) -> Joined<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let run = RUN
        .with(|run| run.borrow().clone())
        .expect("no run in progress");
    let slot = Arc::new(Mutex::new(Slot {
        result: None,
        waiter: None,
    }));
    let done = slot.clone();
    let task = Box::pin(async move {
        let output = future.await;
        done.lock().unwrap().finish(Ok(output));
    });
    let cancelled = slot.clone();
    let on_abort = Box::new(move || {
        cancelled
            .lock()
            .unwrap()
            .finish(Err(JoinError::cancelled()))
    });
    let id = run.add(task, Some(on_abort));
    let at = std::panic::Location::caller();
    run.spawned_at
        .borrow_mut()
        .push(format!("{}:{}", at.file(), at.line()));
    Joined {
        slot,
        id,
        flags: run.flags.clone(),
    }
}

/// One run: its lines, its turns, and the choices it made (each with how
/// many tasks it could have picked).
struct Ran {
    lines: Vec<String>,
    steps: Vec<Step>,
    spawned: Vec<(String, String)>,
    choices: Vec<(usize, usize)>,
}

/// Run `program` under every schedule, or the first `bound` of them, each
/// with a fresh trace, and return the distinct orders of lines it printed.
pub fn explore<F, Fut>(bound: usize, program: F) -> Explored
where
    F: Fn(Trace) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    explore_watched(bound, &Trace::new(), program)
}

/// [`explore`], telling `watcher` (through its stamper) which schedule
/// and which task's turn it is at: a watchdog that finds the program stuck
/// asks it (`Stamp { time: schedule, task }`).
pub fn explore_watched<F, Fut>(bound: usize, watcher: &Trace, program: F) -> Explored
where
    F: Fn(Trace) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let at = Arc::new(Mutex::new(Stamp {
        time: 1,
        task: label(0),
    }));
    let shown = at.clone();
    watcher.set_stamper(move || shown.lock().unwrap_or_else(|e| e.into_inner()).clone());
    let mut found: BTreeMap<Vec<String>, Order> = BTreeMap::new();
    let mut replay: Vec<(usize, usize)> = Vec::new();
    let mut schedules = 0;
    loop {
        at.lock().unwrap().time = schedules as u64 + 1;
        let ran = run_once(&program, &replay, &at);
        schedules += 1;
        let order = found.entry(ran.lines.clone()).or_insert_with(|| Order {
            lines: ran.lines,
            schedule: ran.steps,
            spawned: ran.spawned,
            times: 0,
        });
        order.times += 1;
        // ANCHOR: next_schedule
        // The next schedule: the last choice with an option left takes it.
        let mut choices = ran.choices;
        let next = loop {
            match choices.pop() {
                None => break None,
                Some((picked, options)) if picked + 1 < options => {
                    choices.push((picked + 1, options));
                    break Some(choices);
                }
                Some(_) => {}
            }
        };
        // ANCHOR_END: next_schedule
        let complete = next.is_none();
        if complete || schedules >= bound {
            return Explored {
                orders: found.into_values().collect(),
                schedules,
                complete,
            };
        }
        replay = next.unwrap_or_default();
    }
}

/// One run, making the choices `replay` lists (each with the number of
/// tasks it had to pick from), then always the first ready task.
fn run_once<F, Fut>(program: &F, replay: &[(usize, usize)], at: &Mutex<Stamp>) -> Ran
where
    F: Fn(Trace) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let trace = Trace::new();
    let run = Rc::new(Run {
        tasks: RefCell::new(Vec::new()),
        on_abort: RefCell::new(Vec::new()),
        spawned_at: RefCell::new(Vec::new()),
        flags: Arc::new(Mutex::new(Flags::default())),
    });
    RUN.with(|slot| *slot.borrow_mut() = Some(run.clone()));
    let _leave = Leave(run.clone());
    run.add(Box::pin(program(trace.clone())), None);
    let mut ran = Ran {
        lines: Vec::new(),
        steps: Vec::new(),
        spawned: Vec::new(),
        choices: Vec::new(),
    };
    let mut said = 0;
    loop {
        run.drop_aborted();
        if run.tasks.borrow()[0].is_none() {
            break; // main returned: like tokio's runtime, drop the rest
        }
        // ANCHOR: pick
        let ready = run.ready();
        if ready.is_empty() {
            trace.say(STUCK);
            break;
        }
        let pick = if ready.len() > 1 {
            let pick = match replay.get(ran.choices.len()) {
                Some(&(pick, options)) if options == ready.len() => pick,
                Some(_) => panic!("{}", not_repeatable()),
                None => 0,
            };
            ran.choices.push((pick, ready.len()));
            pick
        } else {
            0
        };
        let id = ready[pick];
        // ANCHOR_END: pick
        at.lock().unwrap().task = label(id);
        run.flags.lock().unwrap().ready[id] = false;
        let mut task = run.tasks.borrow_mut()[id].take().expect("a ready task");
        let waker = Waker::from(Arc::new(TaskWaker {
            id,
            flags: run.flags.clone(),
        }));
        let polled = panic::catch_unwind(AssertUnwindSafe(|| {
            task.as_mut().poll(&mut Context::from_waker(&waker))
        }));
        let lines = trace.texts();
        let step = Step {
            task: label(id),
            said: lines[said..].to_vec(),
        };
        said = lines.len();
        ran.steps.push(step);
        match polled {
            Ok(Poll::Pending) => run.tasks.borrow_mut()[id] = Some(task),
            Ok(Poll::Ready(())) => {}
            Err(payload) => {
                let message = loop_report::panic_text(&*payload);
                // A `todo!()` is the harness's to explain, as in every chapter.
                if message.contains("not yet implemented") {
                    panic::resume_unwind(payload);
                }
                let order = Order {
                    schedule: std::mem::take(&mut ran.steps),
                    spawned: spawned(&run),
                    ..Order::default()
                };
                panic!(
                    "{} panicked: {message}\nIt happened on this schedule, the tasks' turns (one \
                     task's turns in a row as one) with the lines said in each:\n{}",
                    label(id),
                    render_schedule(&order)
                );
            }
        }
        if ran.steps.len() > TURN_LIMIT {
            panic!(
                "{CHECK_STOPPED}: one run took more than {TURN_LIMIT} turns. Does a task loop \
                 for ever, waking itself (a `yield_now` in a loop that never ends)?"
            );
        }
    }
    ran.lines = trace.texts();
    ran.spawned = spawned(&run);
    ran
}

fn spawned(run: &Run) -> Vec<(String, String)> {
    let at = run.spawned_at.borrow();
    at.iter()
        .enumerate()
        .map(|(n, at)| (label(n + 1), at.clone()))
        .collect()
}

/// `main`, `task 1`, `task 2`, … in the order they were spawned.
fn label(id: usize) -> String {
    match id {
        0 => "main".to_string(),
        n => format!("task {n}"),
    }
}

fn not_repeatable() -> String {
    format!(
        "{CHECK_STOPPED}: the program did not do the same thing when it ran the same schedule \
         again. Does it choose at random (a `select!` without `biased;`, a random number) or \
         read the clock?"
    )
}

/// Ends the run on this thread, even when a task panicked: its tasks are
/// dropped here, while `spawn` can still find the run.
struct Leave(Rc<Run>);

impl Drop for Leave {
    fn drop(&mut self) {
        let tasks = std::mem::take(&mut *self.0.tasks.borrow_mut());
        drop(tasks);
        RUN.with(|slot| *slot.borrow_mut() = None);
    }
}
