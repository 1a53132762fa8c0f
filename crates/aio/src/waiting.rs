//! Waiting for several tasks: `gather` (and `gather_outcomes`), `wait`,
//! `as_completed`, and `shield`.
//!
//! All of them work as asyncio's do: they put a done-callback on each task.
//! A task that finishes schedules its callbacks (`call_soon`); a callback,
//! on its own turn, decides whether the waiting is over, and if it is,
//! wakes the waiting task. So the task that waits runs two turns after the
//! task that ended its wait finished, one more than after `task.await`.
//! Chapter 4's `join_vs_gather` shows that extra turn.
//!
//! A gather is tied to the task that awaits it, as in asyncio: cancelling
//! that task cancels the gather's tasks, and the task ends once the
//! gather is over (asyncio's `_GatheringFuture.cancel`). `wait`,
//! `as_completed`, `shield` and `task.await` cancel nothing.
//!
//! The callbacks travel through the ready queue, which other threads may
//! touch, so what they share with the waiting future is behind a `Mutex`,
//! although only the loop's thread ever locks it.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

use crate::error::TaskError;
use crate::handle::Task;
use crate::ready::TaskId;
use crate::running;
use crate::task::{TaskCore, Wait, WaiterKey};

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

// ANCHOR: watch
/// gather's and wait's future: a callback on each task, and the waiting
/// task's waker for the callback that ends the wait.
struct Watch {
    tasks: Vec<Rc<TaskCore>>,
    /// A gather's: the task that awaits it, while it waits.
    awaiter: Option<Rc<TaskCore>>,
    /// Where each callback waits in its task's list, to take it back if
    /// this future is dropped first.
    keys: Vec<Option<WaiterKey>>,
    state: Arc<Mutex<Watching>>,
}

struct Watching {
    until: Until,
    /// Tasks whose callback has not run yet.
    left: usize,
    over: bool,
    /// gather: the first failure, which ends the wait.
    failure: Option<TaskError>,
    /// Whom to wake when it is over.
    waker: Option<Waker>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Until {
    /// gather: all have finished, or one has failed.
    AllOrFailure,
    /// `gather(…, return_exceptions=True)`: all have finished.
    AllOutcomes,
    /// `wait(…, AllCompleted)`, and shield.
    All,
    /// `wait(…, FirstCompleted)`.
    First,
}

impl Watching {
    /// A task's callback, on its turn (gather's `_done_callback`, wait's
    /// `_on_completion`).
    fn task_done(&mut self, outcome: &Result<(), TaskError>) {
        if self.over {
            return;
        }
        self.left -= 1;
        if self.until == Until::AllOrFailure
            && let Err(failure) = outcome
        {
            self.failure = Some(failure.clone());
        }
        if self.left == 0 || self.failure.is_some() || self.until == Until::First {
            self.over = true;
            if let Some(waker) = self.waker.take() {
                waker.wake();
            }
        }
    }
}
// ANCHOR_END: watch

impl Until {
    fn is_gather(self) -> bool {
        matches!(self, Until::AllOrFailure | Until::AllOutcomes)
    }
}

impl Watch {
    fn new<T>(tasks: &[Task<T>], until: Until) -> Watch {
        Watch {
            tasks: tasks.iter().map(|task| task.core().clone()).collect(),
            awaiter: None,
            keys: Vec::new(),
            state: Arc::new(Mutex::new(Watching {
                until,
                left: tasks.len(),
                over: false,
                failure: None,
                waker: None,
            })),
        }
    }
}

impl Future for Watch {
    type Output = Result<(), TaskError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.keys.is_empty() {
            // The first poll: a callback on each task. On a task that has
            // finished already, it is scheduled at once, as in asyncio, so
            // even then the wait takes its two turns.
            let keys = self
                .tasks
                .iter()
                .map(|task| {
                    let (state, header) = (self.state.clone(), task.header.clone());
                    task.when_done(Arc::new(move || {
                        let outcome = header.outcome().expect("called when done");
                        lock(&state).task_done(outcome);
                    }))
                })
                .collect();
            self.keys = keys;
            if state_until(&self.state).is_gather() {
                self.tie_to_awaiter();
            }
        }
        let mut state = lock(&self.state);
        if state.over {
            drop(state);
            self.untie();
            let mut state = lock(&self.state);
            return Poll::Ready(state.failure.take().map_or(Ok(()), Err));
        }
        state.waker = Some(cx.waker().clone());
        let ids: Vec<TaskId> = self.tasks.iter().map(|task| task.header.id).collect();
        let wait = match state.until {
            Until::First => Wait::Any(ids),
            Until::All | Until::AllOrFailure | Until::AllOutcomes => Wait::All(ids),
        };
        running::try_with(|l| l.note_wait(wait));
        Poll::Pending
    }
}

// ANCHOR: tie
impl Watch {
    /// A gather: cancelling the task that awaits it cancels its tasks
    /// (`TaskCore::cancel`, in `src/task.rs`).
    fn tie_to_awaiter(&mut self) {
        let Some(awaiter) = running::try_with(|l| l.running_task()).flatten() else {
            return;
        };
        let (tasks, state) = (self.tasks.clone(), self.state.clone());
        *awaiter.cancel_awaited.borrow_mut() = Some(Rc::new(move || {
            // asyncio's `_GatheringFuture.cancel`: nothing once it is
            // over (its task is woken already), or else cancel each task
            // still running. The first to end cancelled ends the gather
            // (all of them, for gather_outcomes), which wakes the awaiter,
            // which the loop then drops, as it was asked to cancel.
            if !lock(&state).over {
                for task in &tasks {
                    task.cancel();
                }
            }
        }));
        self.awaiter = Some(awaiter);
    }

    fn untie(&mut self) {
        if let Some(awaiter) = self.awaiter.take() {
            awaiter.cancel_awaited.borrow_mut().take();
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        for (task, key) in self.tasks.iter().zip(&self.keys) {
            task.forget(*key);
        }
        self.untie();
        // A callback already on its way finds the wait over.
        let was_over = std::mem::replace(&mut lock(&self.state).over, true);
        // A gather given up before it was over (a timeout fired, or its
        // task is dropped at the end of the run): cancel its tasks, as
        // asyncio's timeout cancels the task, which cancels the gather.
        // (asyncio then waits for them to end; a drop cannot wait, so
        // they end on their next turn, after the timeout has returned.)
        if !was_over && state_until(&self.state).is_gather() {
            for task in &self.tasks {
                task.cancel();
            }
        }
    }
}
// ANCHOR_END: tie

fn state_until(state: &Mutex<Watching>) -> Until {
    lock(state).until
}

// ANCHOR: gather
/// `asyncio.gather(*tasks)`: their results, in the order given, whatever
/// order they finish in. If one fails, this task fails too, as soon as
/// that is known: `task B failed: boom`.
pub async fn gather<T: Clone>(tasks: &[Task<T>]) -> Vec<T> {
    if tasks.is_empty() {
        return Vec::new(); // asyncio's is born done: no turn taken
    }
    for task in tasks {
        task.core().retrieved.set(true);
    }
    if let Err(failure) = Watch::new(tasks, Until::AllOrFailure).await {
        panic!("{failure}");
    }
    tasks.iter().map(Task::value).collect()
}
// ANCHOR_END: gather

// ANCHOR: gather_outcomes
/// `asyncio.gather(*tasks, return_exceptions=True)`: every task's
/// outcome, in the order given, once all have finished: `Ok` with its
/// result, or the [`TaskError`] that says why it has none. A failure does
/// not end the wait.
pub async fn gather_outcomes<T: Clone>(tasks: &[Task<T>]) -> Vec<Result<T, TaskError>> {
    if tasks.is_empty() {
        return Vec::new();
    }
    for task in tasks {
        task.core().retrieved.set(true);
    }
    let _never_a_failure = Watch::new(tasks, Until::AllOutcomes).await;
    tasks.iter().map(outcome_of).collect()
}
// ANCHOR_END: gather_outcomes

/// The outcome of a task that has finished.
fn outcome_of<T: Clone>(task: &Task<T>) -> Result<T, TaskError> {
    match task.core().header.outcome().expect("finished") {
        Ok(()) => Ok(task.value()),
        Err(error) => Err(error.clone()),
    }
}

// ANCHOR: shield
/// `await asyncio.shield(task)`: the task's result, as `task.await` gives
/// it, one turn later (asyncio's shield passes the outcome on through a
/// callback). Dropped, because the task that awaits it was cancelled or a
/// timeout gave up, it leaves the task running; a [`gather`] of the task
/// would cancel it.
///
/// (In asyncio, `await task` would cancel it too; aio's `task.await`
/// does not: see the crate's "Not the same as asyncio".)
pub async fn shield<T: Clone>(task: &Task<T>) -> T {
    // asyncio's shortcut: a task finished already is awaited as it is.
    if !task.is_done() {
        task.core().retrieved.set(true);
        let _outcome = Watch::new(std::slice::from_ref(task), Until::All).await;
    }
    task.clone().await
}
// ANCHOR_END: shield

/// When [`wait`] returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReturnWhen {
    /// `asyncio.FIRST_COMPLETED`: as soon as one has finished.
    FirstCompleted,
    /// `asyncio.ALL_COMPLETED`: when all have.
    AllCompleted,
}

/// `done, pending = await asyncio.wait(tasks, return_when=…)`: the tasks
/// that have finished and those that have not, each in the order given
/// (Python returns two sets). A failure is not raised here: await the task,
/// or ask for its [`Task::outcome`].
///
/// As in asyncio, the wait takes its turns even when a task has finished
/// already, and `done` holds every task finished by the time this task
/// runs again, not only the first.
pub async fn wait<T>(tasks: Vec<Task<T>>, when: ReturnWhen) -> (Vec<Task<T>>, Vec<Task<T>>) {
    assert!(
        !tasks.is_empty(),
        "aio::wait needs at least one task. \
         (asyncio would raise ValueError: Set of Tasks/Futures is empty.)"
    );
    let until = match when {
        ReturnWhen::FirstCompleted => Until::First,
        ReturnWhen::AllCompleted => Until::All,
    };
    let _never_a_failure = Watch::new(&tasks, until).await;
    tasks.into_iter().partition(Task::is_done)
}

// ANCHOR: as_completed
/// `asyncio.as_completed(tasks)`: their results in the order they finish.
///
/// ```
/// # let t = trace::Trace::new();
/// # aio::run(&t, async {
/// let tasks = vec![
///     aio::spawn("slow", async { aio::sleep(2).await; "slow" }),
///     aio::spawn("fast", async { aio::sleep(1).await; "fast" }),
/// ];
/// let mut finished = aio::as_completed(tasks);
/// while let Some(result) = finished.next().await {
///     aio::say(result);
/// }
/// # });
/// # assert_eq!(t.render(), "  1 [main] fast\n  2 [main] slow\n");
/// ```
pub struct AsCompleted<T> {
    tasks: Vec<Task<T>>,
    keys: Vec<Option<WaiterKey>>,
    state: Arc<Mutex<Completed>>,
    /// How many results `next` has yet to give.
    left: usize,
}

/// asyncio's `as_completed` keeps a queue: each task's callback puts the
/// task in it, and wakes the task waiting to get one, if any.
#[derive(Default)]
struct Completed {
    /// Indexes into `tasks`, in the order their callbacks ran.
    finished: VecDeque<usize>,
    getter: Option<Waker>,
    closed: bool,
}

/// Start watching `tasks`; [`AsCompleted::next`] gives their results in
/// the order they finish. Tasks finished already come first, in the order
/// given (asyncio's order for those is a set's: arbitrary).
pub fn as_completed<T>(tasks: Vec<Task<T>>) -> AsCompleted<T> {
    let state = Arc::new(Mutex::new(Completed::default()));
    let keys = tasks
        .iter()
        .enumerate()
        .map(|(index, task)| {
            let state = state.clone();
            task.core().when_done(Arc::new(move || {
                let mut completed = lock(&state);
                if completed.closed {
                    return;
                }
                completed.finished.push_back(index);
                if let Some(getter) = completed.getter.take() {
                    getter.wake();
                }
            }))
        })
        .collect();
    AsCompleted {
        left: tasks.len(),
        tasks,
        keys,
        state,
    }
}

impl<T: Clone> AsCompleted<T> {
    /// The next result, in the order the tasks finish; `None` when all have
    /// been given. If a result is ready, this does not give way. If that
    /// task failed, this task fails too, as `task.await` does.
    pub async fn next(&mut self) -> Option<T> {
        if self.left == 0 {
            return None;
        }
        let index = NextFinished { of: self }.await;
        self.left -= 1;
        let task = self.tasks[index].core();
        task.retrieved.set(true);
        match task.header.outcome().expect("finished") {
            Ok(()) => Some(self.tasks[index].value()),
            Err(error) => panic!("{error}"),
        }
    }
}
// ANCHOR_END: as_completed

/// `await queue.get()` on as_completed's queue.
struct NextFinished<'a, T> {
    of: &'a AsCompleted<T>,
}

impl<T> Future for NextFinished<'_, T> {
    type Output = usize;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        let mut completed = lock(&self.of.state);
        if let Some(index) = completed.finished.pop_front() {
            return Poll::Ready(index);
        }
        completed.getter = Some(cx.waker().clone());
        let ids = self.of.tasks.iter().map(|t| t.core().header.id).collect();
        running::try_with(|l| l.note_wait(Wait::Any(ids)));
        Poll::Pending
    }
}

impl<T> Drop for NextFinished<'_, T> {
    fn drop(&mut self) {
        // Given up (a timeout, say): a task finishing later must not wake
        // this task for nothing. (asyncio skips a getter that was
        // cancelled.)
        lock(&self.of.state).getter = None;
    }
}

impl<T> Drop for AsCompleted<T> {
    fn drop(&mut self) {
        for (task, key) in self.tasks.iter().zip(&self.keys) {
            task.core().forget(*key);
        }
        lock(&self.state).closed = true;
    }
}
