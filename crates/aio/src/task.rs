//! Tasks: what the loop keeps of each, its waker, and the [`Task`] handle
//! that `spawn` returns.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll, Wake, Waker, ready};

use crate::TaskError;
use crate::event_loop::{self, BoxedTask, Callback, Job, Shared, TaskId, Wait};

// ANCHOR: header
/// The part of a task that its waker is made of, so it must be `Send` and
/// `Sync`: a waker may be called from any thread, any number of times,
/// even after the task has finished.
pub(crate) struct TaskHeader {
    pub(crate) id: TaskId,
    /// In the ready queue already (or finished): waking it again does
    /// nothing. So a task is queued once however often it is woken.
    queued: AtomicBool,
    /// Set once, when the task finishes.
    outcome: OnceLock<Result<(), TaskError>>,
    shared: Arc<Shared>,
}

impl Wake for TaskHeader {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if !self.queued.swap(true, Ordering::AcqRel) {
            self.shared.push(Job::Poll(self.id));
        }
    }
}
// ANCHOR_END: header

impl TaskHeader {
    /// The loop is about to poll it: a wake from now on queues it again.
    pub(crate) fn unqueue(&self) {
        self.queued.store(false, Ordering::Release);
    }

    pub(crate) fn is_queued(&self) -> bool {
        self.queued.load(Ordering::Acquire)
    }

    pub(crate) fn set_outcome(&self, outcome: Result<(), TaskError>) {
        // Finished: never queue it again, whoever calls its waker.
        self.queued.store(true, Ordering::Release);
        if self.outcome.set(outcome).is_err() {
            unreachable!("a task finishes once");
        }
    }

    pub(crate) fn outcome(&self) -> Option<&Result<(), TaskError>> {
        self.outcome.get()
    }
}

/// What the loop keeps of a task, shared with its [`Task`] handles. Only
/// the loop's thread sees it.
pub(crate) struct TaskCore {
    pub(crate) header: Arc<TaskHeader>,
    pub(crate) name: String,
    /// `Waker::from(header)`, made once.
    pub(crate) waker: Waker,
    /// `None` once it has finished (and while it is being polled).
    pub(crate) future: RefCell<Option<BoxedTask>>,
    /// Its done-callbacks: whom to tell when it finishes, in order.
    waiters: RefCell<Waiters>,
    pub(crate) cancel_requested: Cell<bool>,
    /// Some task awaited it, so a failure will not go unnoticed (Python:
    /// "the exception was retrieved").
    pub(crate) retrieved: Cell<bool>,
    /// What it waits for, for the error messages.
    pub(crate) waits: RefCell<Vec<Wait>>,
}

/// Someone to tell when a task finishes.
pub(crate) enum Waiter {
    /// A task awaiting it: wake that task (asyncio: its `__wakeup`).
    Wake(Waker),
    /// gather's, wait's or as_completed's callback: run it on its own
    /// turn, as asyncio's `call_soon` would.
    Soon(Callback),
}

/// A waiter's place in the list, to take it out if its future is dropped
/// first (asyncio: `remove_done_callback`).
pub(crate) type WaiterKey = u64;

#[derive(Default)]
struct Waiters {
    next_key: WaiterKey,
    list: Vec<(WaiterKey, Waiter)>,
}

impl Waiter {
    pub(crate) fn finished(self, shared: &Shared) {
        match self {
            Waiter::Wake(waker) => waker.wake(),
            Waiter::Soon(callback) => shared.push(Job::Call(callback)),
        }
    }
}

impl TaskCore {
    pub(crate) fn new(id: TaskId, name: &str, future: BoxedTask, shared: Arc<Shared>) -> TaskCore {
        let header = Arc::new(TaskHeader {
            id,
            queued: AtomicBool::new(true), // `spawn` queues it
            outcome: OnceLock::new(),
            shared,
        });
        TaskCore {
            waker: Waker::from(header.clone()),
            header,
            name: name.into(),
            future: RefCell::new(Some(future)),
            waiters: RefCell::default(),
            cancel_requested: Cell::new(false),
            retrieved: Cell::new(false),
            waits: RefCell::default(),
        }
    }

    pub(crate) fn is_done(&self) -> bool {
        self.header.outcome().is_some()
    }

    pub(crate) fn failed(&self, message: String) -> TaskError {
        TaskError::Failed {
            task: self.name.clone(),
            message,
        }
    }

    fn add_waiter(&self, waiter: Waiter) -> WaiterKey {
        let mut waiters = self.waiters.borrow_mut();
        let key = waiters.next_key;
        waiters.next_key += 1;
        waiters.list.push((key, waiter));
        key
    }

    /// Keep the place in the line, but wake `waker` now.
    fn update_waker(&self, key: WaiterKey, waker: &Waker) {
        for (k, waiter) in self.waiters.borrow_mut().list.iter_mut() {
            if *k == key
                && let Waiter::Wake(old) = waiter
            {
                old.clone_from(waker);
            }
        }
    }

    pub(crate) fn remove_waiter(&self, key: WaiterKey) {
        self.waiters.borrow_mut().list.retain(|(k, _)| *k != key);
    }

    /// Ends the list: the loop tells each waiter, in order.
    pub(crate) fn take_waiters(&self) -> Vec<Waiter> {
        let list = std::mem::take(&mut self.waiters.borrow_mut().list);
        list.into_iter().map(|(_, waiter)| waiter).collect()
    }

    /// asyncio's `add_done_callback`: `callback` runs one turn after this
    /// task finishes; if it has finished already, one turn from now.
    /// Returns where it waits, if it does.
    pub(crate) fn when_done(&self, callback: Callback) -> Option<WaiterKey> {
        if self.is_done() {
            Waiter::Soon(callback).finished(&self.header.shared);
            None
        } else {
            Some(self.add_waiter(Waiter::Soon(callback)))
        }
    }

    /// Take back a `when_done` (the future that asked has been dropped).
    pub(crate) fn forget(&self, key: Option<WaiterKey>) {
        if let Some(key) = key {
            self.remove_waiter(key);
        }
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
        match self.key {
            Some(key) => task.update_waker(key, cx.waker()),
            None => self.key = Some(task.add_waiter(Waiter::Wake(cx.waker().clone()))),
        }
        event_loop::try_with(|event_loop| event_loop.note_wait(Wait::Task(task.header.id)));
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

// ANCHOR: task
/// A handle to a task: asyncio's `Task`. Await it for its result; clones
/// are cheap and name the same task. Dropping a handle does not stop the
/// task.
pub struct Task<T> {
    join: Join,
    /// Filled in when the task returns.
    value: Rc<RefCell<Option<T>>>,
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
    let value = Rc::new(RefCell::new(None));
    let slot = value.clone();
    // The loop polls futures of one type: what the task returns goes
    // straight into its handle.
    let task: BoxedTask = Box::pin(async move {
        let output = future.await;
        *slot.borrow_mut() = Some(output);
    });
    let core = event_loop::with("spawn()", |event_loop| event_loop.spawn(name, task));
    Task {
        join: Join::new(core),
        value,
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
        let task = self.core();
        if task.is_done() {
            return false;
        }
        task.cancel_requested.set(true);
        task.waker.wake_by_ref(); // queued already? it keeps its place
        true
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
        let value = self.value.borrow();
        value.clone().expect("a task that returned has its result")
    }

    /// Its result, taken out: for `run`, which is main's only reader.
    pub(crate) fn take_value(&self) -> Option<T> {
        self.value.borrow_mut().take()
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
            value: self.value.clone(),
        }
    }
}

impl<T> fmt::Debug for Task<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Task({:?})", self.name())
    }
}
