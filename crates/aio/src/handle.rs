//! `spawn`, and the [`Task`] handle it returns: await it, cancel it.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, ready};

use crate::error::TaskError;
use crate::running;
use crate::task::{TaskCore, TaskOutput, Wait, Waiter, WaiterKey};

// ANCHOR: task
/// A handle to a task: asyncio's `Task`. Await it for its result; clones
/// are cheap and name the same task. Dropping a handle does not stop the
/// task.
pub struct Task<T> {
    join: Join,
    /// The same task, seen as the place where it keeps what it returns.
    output: Rc<dyn TaskOutput<T>>,
}
// ANCHOR_END: task

// ANCHOR: spawn
/// `asyncio.create_task(coro, name=name)`: run `future` as a task of its
/// own. It first runs when the current task gives way, after the tasks
/// already ready; the current task goes on at once.
pub fn spawn<F>(name: &str, future: F) -> Task<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    // The future goes into the task, as it is; what it returns, too.
    let core = running::with("spawn()", |event_loop| event_loop.spawn(name, future));
    Task {
        join: Join::new(core.clone()),
        output: core,
    }
}
// ANCHOR_END: spawn

impl<T> Task<T> {
    /// The name it was spawned with.
    pub fn name(&self) -> &str {
        &self.core().name
    }

    /// Whether it has finished: returned, failed or been cancelled.
    pub fn is_done(&self) -> bool {
        self.core().is_done()
    }

    // ANCHOR: cancel
    /// `task.cancel()`: ask the task to stop. Not at once: it is woken, and
    /// on its turn the loop drops its future instead of polling it, so its
    /// clean-up (its `Drop`s, Python's `finally`) runs then, as that task.
    /// Awaiting it then gives [`TaskError::Cancelled`].
    ///
    /// Returns `false`, and does nothing, if it has already finished.
    pub fn cancel(&self) -> bool {
        self.core().cancel() // src/task.rs
    }
    // ANCHOR_END: cancel

    pub(crate) fn core(&self) -> &Rc<TaskCore> {
        &self.join.task
    }

    /// Its result, once it has returned.
    pub(crate) fn value(&self) -> T
    where
        T: Clone,
    {
        let output = self.output.output().borrow();
        output.clone().expect("a task that returned has its result")
    }

    /// Its result, taken out: for `run`, which is main's only reader.
    pub(crate) fn take_value(&self) -> Option<T> {
        self.output.output().borrow_mut().take()
    }

    /// `await task` inside `try`/`except`: its result, or why it has none.
    pub async fn outcome(&self) -> Result<T, TaskError>
    where
        T: Clone,
    {
        Join::new(self.core().clone()).await?;
        Ok(self.value())
    }
}

// ANCHOR: await_task
/// `task.await`: its result, once it has finished. If it failed or was
/// cancelled, the awaiting task fails too, with `task B failed: boom` or
/// `task B was cancelled`, as Python re-raises the exception.
impl<T: Clone> Future for Task<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let this = self.get_mut();
        match ready!(Pin::new(&mut this.join).poll(cx)) {
            Ok(()) => Poll::Ready(this.value()),
            Err(error) => panic!("{error}"),
        }
    }
}
// ANCHOR_END: await_task

impl<T> Clone for Task<T> {
    fn clone(&self) -> Self {
        Task {
            join: Join::new(self.core().clone()),
            output: self.output.clone(),
        }
    }
}

impl<T> fmt::Debug for Task<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Task({:?})", self.name())
    }
}

// ANCHOR: join
/// `await task`, as a future: ready with the task's outcome once it has
/// finished, at once if it has already (asyncio does not yield then
/// either).
pub(crate) struct Join {
    pub(crate) task: Rc<TaskCore>,
    /// In the task's waiters since the first `Pending`.
    key: Option<WaiterKey>,
}

impl Future for Join {
    type Output = Result<(), TaskError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let task = self.task.clone();
        task.retrieved.set(true);
        if let Some(outcome) = task.header.outcome() {
            self.key = None; // the list it was in is gone
            return Poll::Ready(outcome.clone());
        }
        not_itself(&task);
        match self.key {
            Some(key) => task.update_waker(key, cx.waker()),
            None => self.key = Some(task.add_waiter(Waiter::Wake(cx.waker().clone()))),
        }
        running::try_with(|l| l.note_wait(Wait::Task(task.header.id)));
        Poll::Pending
    }
}

impl Drop for Join {
    fn drop(&mut self) {
        // Dropped while waiting (its task was cancelled, or a timeout gave
        // up): it must not wake anyone later.
        if let Some(key) = self.key {
            self.task.remove_waiter(key);
        }
    }
}
// ANCHOR_END: join

impl Join {
    pub(crate) fn new(task: Rc<TaskCore>) -> Join {
        Join { task, key: None }
    }
}

/// Awaiting itself would wait for ever (Python raises at once): fail the
/// task that does.
fn not_itself(awaited: &TaskCore) {
    let running = running::try_with(|l| l.running_task()).flatten();
    if running.is_some_and(|task| task.header.id == awaited.header.id) {
        panic!("{}", loop_report::AWAITS_ITSELF);
    }
}
