//! Tasks: what the loop keeps of each, its waker, and the [`Task`] handle
//! that `spawn` returns.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::num::NonZeroU64;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll, Wake, Waker, ready};

use crate::TaskError;
use crate::event_loop::{self, Callback, Job, Shared, TaskId, Wait};

// ANCHOR: header
/// The part of a task that its waker is made of, so it must be `Send` and
/// `Sync`: a waker may be called from any thread, any number of times,
/// even after the task has finished.
pub(crate) struct TaskHeader {
    pub(crate) id: TaskId,
    /// In the ready queue already (or finished): waking it again does
    /// nothing. So a task is queued once however often it is woken.
    queued: AtomicBool,
    /// Set once, when the task finishes: `None` if it returned, else its
    /// failure, boxed (few tasks fail, and the box keeps every task 40
    /// bytes smaller).
    outcome: OnceLock<Option<Box<Result<(), TaskError>>>>,
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
        let outcome = outcome.is_err().then(|| Box::new(outcome));
        if self.outcome.set(outcome).is_err() {
            unreachable!("a task finishes once");
        }
    }

    pub(crate) fn outcome(&self) -> Option<&Result<(), TaskError>> {
        static RETURNED: Result<(), TaskError> = Ok(());
        let outcome = self.outcome.get()?;
        Some(outcome.as_deref().unwrap_or(&RETURNED))
    }
}

/// What the loop keeps of a task, shared with its [`Task`] handles. Only
/// the loop's thread sees it. Its future is its last field, `run`, of a
/// type of its own for each task (`Running<F>`); the loop and the handles
/// see it as a `dyn TaskFuture`, so `Rc<TaskCore>` is one allocation with
/// the future inside, as in tokio, rather than a box beside it.
pub(crate) struct TaskCore<R: ?Sized = dyn TaskFuture> {
    pub(crate) header: Arc<TaskHeader>,
    pub(crate) name: String,
    /// `Waker::from(header)`, made once.
    pub(crate) waker: Waker,
    /// Its done-callbacks: whom to tell when it finishes, in order.
    waiters: RefCell<Waiters>,
    pub(crate) cancel_requested: Cell<bool>,
    /// Some task awaited it, so a failure will not go unnoticed (Python:
    /// "the exception was retrieved").
    pub(crate) retrieved: Cell<bool>,
    /// What it waits for, for the error messages.
    pub(crate) waits: RefCell<Vec<Wait>>,
    /// Its future, then what it returned.
    pub(crate) run: R,
}

/// A task's future, as the loop sees it, whatever its type.
pub(crate) trait TaskFuture {
    /// Poll the future once; when it is ready, keep what it returned.
    /// (Not called again after `Ready`, nor after `drop_future`.)
    fn poll_future(&self, cx: &mut Context<'_>) -> Poll<()>;
    /// Drop the future where it is: its clean-up runs now. (Once done,
    /// it does nothing.)
    fn drop_future(&self);
}

/// Where a task keeps what it returned, for its [`Task`] handles.
pub(crate) trait TaskOutput<T> {
    fn output(&self) -> &RefCell<Option<T>>;
}

/// A task's future `F`, stored in place, and then its output.
pub(crate) struct Running<F: Future> {
    /// `None` once it has finished. Pinned: see [`Running::pinned`].
    future: RefCell<Option<F>>,
    output: RefCell<Option<F::Output>>,
}

impl<F: Future> Running<F> {
    /// Call `f` with the future, pinned where it is.
    fn pinned<R>(&self, f: impl FnOnce(Pin<&mut Option<F>>) -> R) -> R {
        let mut future = self.future.borrow_mut();
        // SAFETY: pinning promises that the future is neither moved nor
        // freed without being dropped, from here on. It lives in the task's
        // `Rc` (a `TaskCore<Running<F>>`), which is never moved out of
        // (nothing calls `Rc::into_inner`, `try_unwrap` or `get_mut` on a
        // task); and this function is the only way to reach the field: it
        // is polled through the pin, or dropped in place with
        // `Pin::set(None)`, or dropped with the task. Never `take`n.
        f(unsafe { Pin::new_unchecked(&mut *future) })
    }
}

impl<F: Future> TaskFuture for Running<F> {
    fn poll_future(&self, cx: &mut Context<'_>) -> Poll<()> {
        let output = self.pinned(|future| match future.as_pin_mut() {
            Some(future) => future.poll(cx),
            None => unreachable!("a task not done has its future"),
        });
        let output = ready!(output);
        *self.output.borrow_mut() = Some(output);
        Poll::Ready(())
    }

    fn drop_future(&self) {
        // If a `Drop` in it panics, the `None` is written all the same.
        self.pinned(|mut future| future.set(None));
    }
}

impl<F: Future> TaskOutput<F::Output> for TaskCore<Running<F>> {
    fn output(&self) -> &RefCell<Option<F::Output>> {
        &self.run.output
    }
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
/// (Never 0, so that an `Option<WaiterKey>` takes 8 bytes, not 16.)
pub(crate) type WaiterKey = NonZeroU64;

#[derive(Default)]
struct Waiters {
    /// How many waiters it has had: the last one's key.
    added: u64,
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

impl<F: Future> TaskCore<Running<F>> {
    pub(crate) fn new(id: TaskId, name: &str, future: F, shared: Arc<Shared>) -> Self {
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
            waiters: RefCell::default(),
            cancel_requested: Cell::new(false),
            retrieved: Cell::new(false),
            waits: RefCell::default(),
            run: Running {
                future: RefCell::new(Some(future)),
                output: RefCell::new(None),
            },
        }
    }
}

impl TaskCore {
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
        waiters.added += 1;
        let key = WaiterKey::new(waiters.added).expect("counted from 1");
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
        crate::mistakes::not_itself(task.header.id);
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
    /// The same task, seen as the place where it keeps what it returns.
    value: Rc<dyn TaskOutput<T>>,
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
    let core = event_loop::with("spawn()", |event_loop| event_loop.spawn(name, future));
    Task {
        join: Join::new(core.clone()),
        value: core,
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
        let value = self.value.output().borrow();
        value.clone().expect("a task that returned has its result")
    }

    /// Its result, taken out: for `run`, which is main's only reader.
    pub(crate) fn take_value(&self) -> Option<T> {
        self.value.output().borrow_mut().take()
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

#[cfg(test)]
mod tests {
    //! The one `unsafe` of aio: a task's future pinned inside the task.
    use super::*;
    use std::marker::PhantomPinned;
    use std::panic::{self, AssertUnwindSafe};
    use std::task::Waker;

    /// A future that must not move: it notes where it is on every poll
    /// and when it is dropped, and is ready on its third poll.
    struct StaysPut {
        polls: u32,
        seen: Seen,
        panic_on_drop: bool,
        _pinned: PhantomPinned,
    }

    impl Future for StaysPut {
        type Output = u32;
        fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u32> {
            // SAFETY (test only): nothing is moved out.
            let this = unsafe { self.get_unchecked_mut() };
            this.polls += 1;
            let at = this as *const StaysPut as usize;
            this.seen.borrow_mut().push(format!("poll at {at:x}"));
            if this.polls == 3 {
                Poll::Ready(42)
            } else {
                Poll::Pending
            }
        }
    }

    impl Drop for StaysPut {
        fn drop(&mut self) {
            let at = self as *const StaysPut as usize;
            self.seen.borrow_mut().push(format!("drop at {at:x}"));
            if self.panic_on_drop {
                panic!("boom in drop");
            }
        }
    }

    type Seen = Rc<RefCell<Vec<String>>>;

    fn task(panic_on_drop: bool) -> (Rc<TaskCore<Running<StaysPut>>>, Seen) {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let future = StaysPut {
            polls: 0,
            seen: seen.clone(),
            panic_on_drop,
            _pinned: PhantomPinned,
        };
        let shared = Arc::new(Shared::new());
        (Rc::new(TaskCore::new(1, "T", future, shared)), seen)
    }

    #[test]
    fn a_task_polls_its_future_in_place_and_keeps_its_output() {
        let (core, seen) = task(false);
        let mut cx = Context::from_waker(Waker::noop());
        let dyn_core: Rc<TaskCore> = core.clone();
        assert!(dyn_core.run.poll_future(&mut cx).is_pending());
        assert!(dyn_core.run.poll_future(&mut cx).is_pending());
        assert!(dyn_core.run.poll_future(&mut cx).is_ready());
        dyn_core.run.drop_future();
        dyn_core.run.drop_future(); // a second time: nothing left to drop
        assert_eq!(core.output().borrow_mut().take(), Some(42));
        drop((core, dyn_core));
        let seen = seen.borrow();
        assert_eq!(seen.len(), 4, "three polls and one drop: {seen:?}");
        let place = |line: &String| line.rsplit(' ').next().unwrap().to_string();
        assert!(
            seen.iter().all(|line| place(line) == place(&seen[0])),
            "it moved: {seen:?}"
        );
    }

    #[test]
    fn a_future_whose_drop_panics_is_dropped_once() {
        let (core, seen) = task(true);
        let dyn_core: Rc<TaskCore> = core;
        let mut cx = Context::from_waker(Waker::noop());
        assert!(dyn_core.run.poll_future(&mut cx).is_pending());
        let dropped = panic::catch_unwind(AssertUnwindSafe(|| dyn_core.run.drop_future()));
        assert!(dropped.is_err(), "its Drop panicked");
        dyn_core.run.drop_future(); // nothing left: no second drop
        drop(dyn_core); // nor when the task goes
        let drops = seen
            .borrow()
            .iter()
            .filter(|line| line.starts_with("drop"))
            .count();
        assert_eq!(drops, 1);
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_task_is_one_allocation_of_a_known_size() {
        // What the bench's bytes per task are made of (book/src/performance.md).
        assert_eq!(size_of::<TaskHeader>(), 40);
        assert_eq!(size_of::<Task<()>>(), 40);
    }
}
