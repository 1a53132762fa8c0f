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
use crate::ready::{Callback, Job, Shared, TaskHeader, TaskId};

/// A task's future, boxed so that every task has one type. `spawn` wraps
/// the future it is given in one that keeps its output for the handle.
pub(crate) type BoxedFuture = Pin<Box<dyn Future<Output = ()>>>;

/// A task, as the loop and the [`Task`](crate::Task) handles see it.
pub(crate) struct TaskCore {
    pub(crate) header: Arc<TaskHeader>,
    pub(crate) name: String,
    /// `Waker::from(header)`, made once.
    pub(crate) waker: Waker,
    /// `None` once it has finished.
    future: RefCell<Option<BoxedFuture>>,
    /// Its done-callbacks: whom to tell when it finishes, in order.
    waiters: RefCell<Waiters>,
    pub(crate) cancel_requested: Cell<bool>,
    /// Some task awaited it, so a failure will not go unnoticed (Python:
    /// "the exception was retrieved").
    pub(crate) retrieved: Cell<bool>,
    /// What it waits for, as its futures said when it last returned
    /// `Pending`: for the error messages and the timeline.
    pub(crate) waits: RefCell<Vec<Wait>>,
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
    pub(crate) fn finished(self, shared: &Shared) {
        match self {
            Waiter::Wake(waker) => waker.wake(),
            Waiter::Soon(callback) => shared.push(Job::Call(callback)),
        }
    }
}

impl TaskCore {
    pub(crate) fn new(id: TaskId, name: &str, future: BoxedFuture, shared: Arc<Shared>) -> Self {
        let header = Arc::new(TaskHeader::new(id, shared));
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

    /// Poll its future once, with its own waker.
    pub(crate) fn poll_future(&self) -> Poll<()> {
        let mut cx = Context::from_waker(&self.waker);
        match self.future.borrow_mut().as_mut() {
            Some(future) => future.as_mut().poll(&mut cx),
            None => unreachable!("a task not done has its future"),
        }
    }

    /// Drop its future, so that its clean-up (every `Drop` it holds) runs
    /// now; a panic in it is the message returned. Once dropped, there is
    /// nothing left to drop.
    pub(crate) fn drop_future(&self) -> Result<(), String> {
        let future = self.future.borrow_mut().take();
        panic::catch_unwind(AssertUnwindSafe(|| drop(future))).map_err(loop_report::panic_message)
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
            Waiter::Soon(callback).finished(self.header.shared());
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
    /// `A is ready`, `B sleeps until 5`, `C waits for A and B`.
    pub(crate) fn doing(&self, tasks: &[Rc<TaskCore>]) -> String {
        let waits = self.waits.borrow();
        let doing = if self.header.is_queued() {
            Doing::Ready
        } else if waits.is_empty() {
            Doing::Lost
        } else {
            Doing::Waits(waits.iter().map(|wait| wait.words(tasks)).collect())
        };
        loop_report::unfinished_line(&self.name, &doing)
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
    use super::*;
    use crate::ready::Shared;

    /// Notes each poll and each drop; ready on its second poll.
    struct Noted {
        polls: u32,
        seen: Rc<RefCell<Vec<&'static str>>>,
        panic_on_drop: bool,
    }

    impl Future for Noted {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
            self.polls += 1;
            self.seen.borrow_mut().push("poll");
            if self.polls == 2 {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        }
    }

    impl Drop for Noted {
        fn drop(&mut self) {
            self.seen.borrow_mut().push("drop");
            if self.panic_on_drop {
                panic!("boom in drop");
            }
        }
    }

    fn task(panic_on_drop: bool) -> (TaskCore, Rc<RefCell<Vec<&'static str>>>) {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let future = Noted {
            polls: 0,
            seen: seen.clone(),
            panic_on_drop,
        };
        let task = TaskCore::new(1, "T", Box::pin(future), Arc::new(Shared::new()));
        (task, seen)
    }

    #[test]
    fn a_task_polls_its_future_until_ready_then_drops_it_once() {
        let (task, seen) = task(false);
        assert!(task.poll_future().is_pending());
        assert!(task.poll_future().is_ready());
        assert_eq!(task.drop_future(), Ok(()));
        assert_eq!(task.drop_future(), Ok(()), "nothing left to drop");
        drop(task);
        assert_eq!(*seen.borrow(), ["poll", "poll", "drop"]);
    }

    #[test]
    fn a_future_whose_drop_panics_is_dropped_once_and_says_why() {
        let (task, seen) = task(true);
        assert!(task.poll_future().is_pending());
        assert_eq!(task.drop_future(), Err("boom in drop".to_string()));
        assert_eq!(task.drop_future(), Ok(()), "nothing left to drop");
        drop(task); // nor when the task goes
        assert_eq!(*seen.borrow(), ["poll", "drop"]);
    }
}
