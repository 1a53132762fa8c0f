//! What a task and the loop say to each other: the [`Request`] a task
//! yields, and the [`Reply`] it is resumed with. Both sides read this;
//! it knows neither.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use genawaiter::rc::Gen;

/// A task's number: its place in the loop's list of tasks. `main` is 0.
pub type TaskId = usize;

/// A task as the loop sees it: a generator that yields [`Request`]s and is
/// resumed with [`Reply`]s. Whatever the task returns is kept by its
/// [`Task`](crate::Task) handle, so the loop only learns *that* it finished.
pub type Coroutine = Gen<Request, Reply, Pin<Box<dyn Future<Output = ()>>>>;

// ANCHOR: request
/// What a task asks the loop for: the value it yields.
pub enum Request {
    /// `asyncio.sleep(n)`: resume me `n` ticks from now. `Sleep(0)` means
    /// "let the others run first": back of the queue.
    Sleep(u64),
    /// `asyncio.create_task(coro, name=…)`: run this as a new task.
    /// Answered at once with [`Reply::Spawned`].
    Spawn(String, Coroutine),
    /// `await task`: resume me when that task has finished.
    Join(TaskId),
    /// `await asyncio.gather(…)`: resume me when all of them have
    /// finished, or as soon as one fails.
    Gather(Vec<TaskId>),
    /// `asyncio.current_task().get_name()`. Answered at once.
    Current,
}
// ANCHOR_END: request

// ANCHOR: reply
/// What the loop answers: the value the task's `yield` returns.
#[derive(Debug)]
pub enum Reply {
    /// Go on. The first resume of every task carries this and genawaiter
    /// drops it: it is Python's priming `next()`. Also the end of a sleep.
    Resume,
    /// The new task's number.
    Spawned(TaskId),
    /// What was awaited has finished: fine, or with this task's failure.
    Finished(Result<(), TaskFailed>),
    /// The running task's name.
    Current(String),
}
// ANCHOR_END: reply

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Request::Sleep(ticks) => write!(f, "Sleep({ticks})"),
            Request::Spawn(name, _) => write!(f, "Spawn({name:?}, …)"),
            Request::Join(task) => write!(f, "Join({task})"),
            Request::Gather(tasks) => write!(f, "Gather({tasks:?})"),
            Request::Current => write!(f, "Current"),
        }
    }
}

/// A task panicked: which one, and its panic's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskFailed {
    pub task: String,
    pub message: String,
}

impl fmt::Display for TaskFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "task {} failed: {}", self.task, self.message)
    }
}

impl std::error::Error for TaskFailed {}

/// Why [`try_run`](crate::try_run) could not return main's result; a task that failed is
/// told by its [`TaskFailed`]. The variants and their messages are those
/// of [`loop_report::LoopError`], word for word the same as
/// `aio::LoopError`'s.
pub type LoopError = loop_report::LoopError<TaskFailed>;
