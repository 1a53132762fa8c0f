//! The waiter of `Queue`, `Lock`, `Semaphore` and `Event`: asyncio's
//! `loop.create_future()` that a task awaits until someone calls
//! `set_result` on it.
//!
//! asyncio's primitives keep a deque of such futures, one per waiting
//! task, and wake a task by setting its future's result: the future
//! schedules the task's `__wakeup`, so the task runs one turn later. Here
//! the future calls the task's waker instead, which queues it the same
//! turn later. The primitives are written as asyncio's are, line by line,
//! on top of this, so they wake the same tasks in the same order.
//!
//! One gap is left. asyncio cancels a waiting task's future the moment
//! the task is cancelled, or its timeout fires, and from then on passes
//! it over. A cancelled task's waiter is passed over here too (its task
//! says it was asked to cancel), but a waiter under a [`crate::timeout`]
//! that has fired looks like any other until its task runs and drops it:
//! woken meanwhile, it hands what it was given to the next in line then,
//! which can take a turn more than in asyncio.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use crate::running;
use crate::task::{TaskCore, Wait};

/// One task's place in a primitive's line of waiters.
pub(crate) struct Waiter {
    done: Cell<bool>,
    waker: RefCell<Option<Waker>>,
    /// The task that waits, to tell whether it has been cancelled.
    owner: Option<Rc<TaskCore>>,
}

impl Waiter {
    /// A waiter for the running task.
    pub(crate) fn new() -> Rc<Waiter> {
        Rc::new(Waiter {
            done: Cell::new(false),
            waker: RefCell::new(None),
            owner: running::try_with(|l| l.running_task()).flatten(),
        })
    }

    /// `fut.done()`: woken already, or given up (cancelled).
    pub(crate) fn done(&self) -> bool {
        self.done.get() || self.cancelled()
    }

    /// Woken by [`Waiter::wake`] (asyncio: done, not cancelled).
    pub(crate) fn woken(&self) -> bool {
        self.done.get()
    }

    /// `fut.cancelled()`. asyncio cancels a task's future the moment the
    /// task is cancelled; here the task is dropped on its next turn, so
    /// until then a waiter whose task was asked to cancel counts as
    /// cancelled, and is passed over, as asyncio passes over it.
    pub(crate) fn cancelled(&self) -> bool {
        !self.done.get()
            && self
                .owner
                .as_ref()
                .is_some_and(|task| task.cancel_requested.get() && !task.is_done())
    }

    /// `fut.set_result(…)`: wake the task; it runs one turn from now.
    pub(crate) fn wake(&self) {
        debug_assert!(!self.done(), "a waiter is woken once");
        self.done.set(true);
        if let Some(waker) = self.waker.borrow_mut().take() {
            waker.wake();
        }
    }

    /// Wake `waker` when woken (for a future that polls the waiter itself).
    pub(crate) fn set_waker(&self, waker: &Waker) {
        *self.waker.borrow_mut() = Some(waker.clone());
    }

    /// `await fut`: pending until [`Waiter::wake`]. For the reports: `name`
    /// is the primitive's ("a queue"), and `what` says what the task waits
    /// for, when the report is made ("an item in an empty queue (get)").
    pub(crate) fn wait(
        self: &Rc<Self>,
        name: &'static str,
        what: impl Fn() -> String + 'static,
    ) -> WaitFor {
        WaitFor {
            waiter: self.clone(),
            name,
            what: Rc::new(what),
        }
    }
}

/// The future of [`Waiter::wait`].
pub(crate) struct WaitFor {
    waiter: Rc<Waiter>,
    name: &'static str,
    what: Rc<dyn Fn() -> String>,
}

impl Future for WaitFor {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.waiter.done.get() {
            return Poll::Ready(());
        }
        self.waiter.set_waker(cx.waker());
        running::try_with(|l| l.note_wait(Wait::For(self.name, self.what.clone())));
        Poll::Pending
    }
}

/// Remove `waiter` from `line` (asyncio: `waiters.remove(fut)`).
pub(crate) fn remove(line: &mut std::collections::VecDeque<Rc<Waiter>>, waiter: &Rc<Waiter>) {
    line.retain(|w| !Rc::ptr_eq(w, waiter));
}

/// Runs `on_drop` if dropped before [`Armed::disarm`]: the code of an
/// asyncio primitive's `except CancelledError:`, which here runs when the
/// waiting future is dropped (its task was cancelled, or a timeout gave
/// up).
pub(crate) struct Armed<F: FnMut()> {
    on_drop: Option<F>,
}

impl<F: FnMut()> Armed<F> {
    pub(crate) fn new(on_drop: F) -> Armed<F> {
        Armed {
            on_drop: Some(on_drop),
        }
    }

    pub(crate) fn disarm(mut self) {
        self.on_drop = None;
    }
}

impl<F: FnMut()> Drop for Armed<F> {
    fn drop(&mut self) {
        if let Some(mut on_drop) = self.on_drop.take() {
            on_drop();
        }
    }
}
