//! What the loop keeps of each task: its future, its waker, who waits for
//! it and what it waits for. Only the loop's thread sees a task; the part
//! its waker is made of is in `src/ready.rs`. Nothing here knows the loop.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::num::NonZeroU64;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use loop_report::Doing;
use trace::What;

use crate::error::TaskError;
use crate::ready::{CallFor, Callback, Job, Shared, TaskHeader, TaskId};

// ANCHOR: task_core
/// A task, as the loop and the [`Task`](crate::Task) handles see it. Its
/// future is its last field, `run`, of a type of its own for each task
/// (`Running<F>`); the loop and the handles see it as a `dyn TaskFuture`,
/// so a task is one allocation with its future inside, as in tokio,
/// rather than a box beside it. (Measured: with 100,000 tasks, a switch
/// takes half the time it takes with the future boxed apart, because a
/// poll then reaches one place in memory instead of two.)
pub(crate) struct TaskCore<R: ?Sized = dyn TaskFuture> {
    pub(crate) header: Arc<TaskHeader>,
    pub(crate) name: String,
    /// `Waker::from(header)`, made once.
    pub(crate) waker: Waker,
    /// Its done-callbacks: whom to tell when it finishes, in order.
    waiters: RefCell<Waiters>,
    pub(crate) cancel_requested: Cell<bool>,
    /// While it awaits a gather: how cancelling this task cancels the
    /// gather's tasks too (asyncio's `_fut_waiter.cancel()`). Set by the
    /// gather (`src/waiting.rs`), taken back when it is over.
    pub(crate) cancel_awaited: RefCell<Option<Rc<dyn Fn()>>>,
    /// Some task awaited it, so a failure will not go unnoticed (Python:
    /// "the exception was retrieved").
    pub(crate) retrieved: Cell<bool>,
    /// What it waits for, as its futures said when it last returned
    /// `Pending`: for the error messages and the timeline.
    pub(crate) waits: RefCell<Vec<Wait>>,
    /// Its future, then what it returned.
    run: R,
}
// ANCHOR_END: task_core

/// A task's future, as the loop sees it, whatever its type.
pub(crate) trait TaskFuture {
    /// Poll the future once; when it is ready, keep what it returned.
    /// (Not called again after `Ready`, nor after `drop_future`.)
    fn poll_future(&self, cx: &mut Context<'_>) -> Poll<()>;
    /// Drop the future where it is: its clean-up runs now. (Once done,
    /// it does nothing.)
    fn drop_future(&self);
}

/// Where a task keeps what it returned, for its [`Task`](crate::Task)
/// handles.
pub(crate) trait TaskOutput<T> {
    fn output(&self) -> &RefCell<Option<T>>;
}

// ANCHOR: running
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
// ANCHOR_END: running

impl<F: Future> TaskFuture for Running<F> {
    fn poll_future(&self, cx: &mut Context<'_>) -> Poll<()> {
        let output = self.pinned(|future| match future.as_pin_mut() {
            Some(future) => future.poll(cx),
            None => unreachable!("a task not done has its future"),
        });
        let output = std::task::ready!(output);
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

/// What a task waits for. The loop never needs to know (a waker will be
/// called); the messages about a deadlock or a runaway do.
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
pub(crate) type WaiterKey = NonZeroU64;

#[derive(Default)]
struct Waiters {
    /// How many waiters it has had: the last one's key.
    added: u64,
    list: Vec<(WaiterKey, Waiter)>,
}

impl Waiter {
    /// Task `finished` has finished: tell this waiter.
    pub(crate) fn finished(self, shared: &Shared, finished: TaskId) {
        match self {
            Waiter::Wake(waker) => waker.wake(),
            Waiter::Soon(callback) => shared.push(Job::Call(callback, CallFor::Finished(finished))),
        }
    }
}

impl<F: Future> TaskCore<Running<F>> {
    pub(crate) fn new(id: TaskId, name: &str, future: F, shared: Arc<Shared>) -> Self {
        let header = Arc::new(TaskHeader::new(id, shared));
        TaskCore {
            waker: Waker::from(header.clone()),
            header,
            name: name.into(),
            waiters: RefCell::default(),
            cancel_requested: Cell::new(false),
            cancel_awaited: RefCell::default(),
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
    /// Poll its future once, with its own waker.
    pub(crate) fn poll_future(&self) -> Poll<()> {
        self.run.poll_future(&mut Context::from_waker(&self.waker))
    }

    /// Drop its future, so that its clean-up (every `Drop` it holds) runs
    /// now; a panic in it is the message returned. Once dropped, there is
    /// nothing left to drop.
    pub(crate) fn drop_future(&self) -> Result<(), String> {
        panic::catch_unwind(AssertUnwindSafe(|| self.run.drop_future()))
            .map_err(loop_report::panic_message)
    }

    pub(crate) fn is_done(&self) -> bool {
        self.header.outcome().is_some()
    }

    // ANCHOR: cancel
    /// [`Task::cancel`](crate::Task::cancel): mark it, and wake it so that
    /// the loop drops it on its turn.
    pub(crate) fn cancel(&self) -> bool {
        if self.is_done() {
            return false;
        }
        self.cancel_requested.set(true);
        let awaited = self.cancel_awaited.borrow().clone();
        match awaited {
            // It awaits a gather: that cancels the gather's tasks, and
            // wakes this one once the gather is over (asyncio's
            // `self._fut_waiter.cancel()`).
            Some(cancel_gather) => cancel_gather(),
            None => self.waker.wake_by_ref(), // queued already? it keeps its place
        }
        true
    }
    // ANCHOR_END: cancel

    pub(crate) fn failed(&self, message: String) -> TaskError {
        TaskError::Failed {
            task: self.name.clone(),
            message,
        }
    }

    pub(crate) fn add_waiter(&self, waiter: Waiter) -> WaiterKey {
        let mut waiters = self.waiters.borrow_mut();
        waiters.added += 1;
        let key = WaiterKey::new(waiters.added).expect("counted from 1");
        waiters.list.push((key, waiter));
        key
    }

    /// Keep the place in the line, but wake `waker` now.
    pub(crate) fn update_waker(&self, key: WaiterKey, waker: &Waker) {
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
            Waiter::Soon(callback).finished(self.header.shared(), self.header.id);
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

/// What a task waits for, in words: for the deadlock and runaway messages,
/// and the timeline. `tasks` is the loop's list, to name the tasks waited
/// for.
impl TaskCore {
    /// What it is doing: ready, or waiting for what.
    pub(crate) fn doing(&self, tasks: &[Rc<TaskCore>]) -> Doing {
        let waits = self.waits.borrow();
        if self.header.is_queued() {
            Doing::Ready
        } else if waits.is_empty() {
            Doing::Lost
        } else {
            Doing::Waits(waits.iter().map(|wait| wait.words(tasks)).collect())
        }
    }
}

impl Wait {
    fn words(&self, tasks: &[Rc<TaskCore>]) -> loop_report::Wait {
        // The tasks still running; if all have finished (a callback is on
        // its way), all of them.
        let names = |ids: &[TaskId]| {
            let running: Vec<TaskId> = ids
                .iter()
                .copied()
                .filter(|id| !tasks[*id].is_done())
                .collect();
            let shown = if running.is_empty() {
                ids
            } else {
                &running[..]
            };
            shown.iter().map(|id| tasks[*id].name.clone()).collect()
        };
        match self {
            Wait::Timer(deadline) => loop_report::Wait::Timer(*deadline),
            Wait::Task(id) => loop_report::Wait::All(names(&[*id])),
            Wait::All(ids) => loop_report::Wait::All(names(ids)),
            Wait::Any(ids) => loop_report::Wait::Any(names(ids)),
            Wait::Thread(deadline) => loop_report::Wait::Thread(*deadline),
            Wait::Socket(what) => loop_report::Wait::Socket(what),
            Wait::For(_, what) => loop_report::Wait::For(what()),
        }
    }

    /// How the timeline shows a task that waits for this.
    pub(crate) fn timeline(&self, tasks: &[Rc<TaskCore>]) -> What {
        let names = |ids: &[TaskId], and: &str| {
            let names: Vec<&str> = ids.iter().map(|id| tasks[*id].name.as_str()).collect();
            names.join(and)
        };
        let on = match self {
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

#[cfg(test)]
mod tests {
    //! The one `unsafe` of aio: a task's future pinned inside the task.
    use super::*;
    use std::marker::PhantomPinned;

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
        let dyn_core: Rc<TaskCore> = core.clone();
        assert!(dyn_core.poll_future().is_pending());
        assert!(dyn_core.poll_future().is_pending());
        assert!(dyn_core.poll_future().is_ready());
        assert_eq!(dyn_core.drop_future(), Ok(()));
        assert_eq!(dyn_core.drop_future(), Ok(()), "nothing left to drop");
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
    fn a_future_whose_drop_panics_is_dropped_once_and_says_why() {
        let (core, seen) = task(true);
        let dyn_core: Rc<TaskCore> = core;
        assert!(dyn_core.poll_future().is_pending());
        assert_eq!(dyn_core.drop_future(), Err("boom in drop".to_string()));
        assert_eq!(dyn_core.drop_future(), Ok(()), "nothing left to drop");
        drop(dyn_core); // nor when the task goes
        let drops = seen
            .borrow()
            .iter()
            .filter(|line| line.starts_with("drop"))
            .count();
        assert_eq!(drops, 1);
    }
}
