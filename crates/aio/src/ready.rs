//! The ready queue, and the wakers that fill it.
//!
//! A task's waker is a handle on this queue: calling it puts "poll task
//! `id`" at the back, once, however often it is called before the task's
//! turn. A waker may be called from any thread, so the queue is behind a
//! mutex, and a condition variable lets an idle loop sleep until a thread
//! wakes one of its tasks. Nothing here knows the loop.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::task::Wake;

use crate::error::TaskError;

/// A task's number: its place in the loop's list of tasks. `main` is 0.
pub(crate) type TaskId = usize;

/// A done-callback: what gather, wait and as_completed ask a task to run
/// when it finishes. asyncio schedules done-callbacks with `call_soon`, so
/// they run one turn after the task finished, not at once; so do ours.
pub(crate) type Callback = Arc<dyn Fn() + Send + Sync>;

// ANCHOR: job
/// One entry of the ready queue. In asyncio every entry is a callback
/// (`Handle`); ours come in three kinds.
pub(crate) enum Job {
    /// Poll this task: it is new, or its waker was called. (asyncio:
    /// `Task.__step`.)
    Poll(TaskId),
    /// Run this callback: a done-callback (asyncio: gather's
    /// `_done_callback`), or a ready socket's wake (`src/reactor.rs`).
    /// What it is for names it in the book's stepper.
    Call(Callback, CallFor),
    /// `main` has finished: stop at the end of this round. (asyncio: the
    /// callback `asyncio.run` adds to main, which calls `loop.stop()`.)
    Stop,
}
// ANCHOR_END: job

/// What a [`Job::Call`] is for.
#[derive(Clone, Copy)]
pub(crate) enum CallFor {
    /// This task has finished.
    Finished(TaskId),
    /// A socket is ready.
    Socket,
}

// ANCHOR: shared
/// The part of the loop that wakers reach, from any thread.
pub(crate) struct Shared {
    queue: Mutex<Queue>,
    changed: Condvar,
    /// The sockets' poller, once there is a socket (`src/reactor.rs`). Then
    /// an idle loop sleeps in it instead, and a wake interrupts it.
    pub(crate) poller: OnceLock<polling::Poller>,
}

pub(crate) struct Queue {
    /// asyncio's `_ready` deque.
    pub(crate) ready: VecDeque<Job>,
    /// How many [`crate::External`] guards are alive: work outside the loop
    /// that may still wake a task.
    pub(crate) outside: usize,
    /// The loop waits on the condition variable (or in the poller) for
    /// outside work.
    parked: bool,
}
// ANCHOR_END: shared

impl Shared {
    pub(crate) fn new() -> Shared {
        Shared {
            queue: Mutex::new(Queue {
                ready: VecDeque::new(),
                outside: 0,
                parked: false,
            }),
            changed: Condvar::new(),
            poller: OnceLock::new(),
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Queue> {
        // Nothing panics while holding it; a poisoned queue is still good.
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Put a job at the back of the ready queue, and wake the loop if it
    /// sleeps waiting for outside work.
    pub(crate) fn push(&self, job: Job) {
        let mut queue = self.lock();
        queue.ready.push_back(job);
        if queue.parked {
            self.unpark();
        }
    }

    pub(crate) fn outside_started(&self) {
        self.lock().outside += 1;
    }

    pub(crate) fn outside_ended(&self) {
        let mut queue = self.lock();
        queue.outside -= 1;
        if queue.parked {
            self.unpark();
        }
    }

    /// Sleep, for real, until a waker is called from another thread or
    /// outside work ends: on the condition variable, or, once there are
    /// sockets, in `poll_sockets`, which a wake interrupts.
    pub(crate) fn park<'a>(
        &'a self,
        mut queue: MutexGuard<'a, Queue>,
        poll_sockets: Option<&dyn Fn()>,
    ) -> MutexGuard<'a, Queue> {
        queue.parked = true;
        let mut queue = match poll_sockets {
            Some(poll_sockets) => {
                drop(queue); // the wakers of ready sockets lock it
                poll_sockets();
                self.lock()
            }
            None => self
                .changed
                .wait(queue)
                .unwrap_or_else(PoisonError::into_inner),
        };
        queue.parked = false;
        queue
    }

    /// Wake the parked loop, wherever it sleeps: on the condition
    /// variable, or in the poller.
    fn unpark(&self) {
        self.changed.notify_one();
        if let Some(poller) = self.poller.get() {
            let _ = poller.notify();
        }
    }
}

// ANCHOR: header
/// A task's waker. It must be `Send` and `Sync`: a waker may be called
/// from any thread, any number of times, even after the task finished.
pub(crate) struct TaskHeader {
    pub(crate) id: TaskId,
    /// In the ready queue already (or finished): waking it again does
    /// nothing. So a task is queued once however often it is woken.
    queued: AtomicBool,
    /// Set once, when the task finishes: `Ok` if it returned.
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
    /// The header of a new task, marked as queued: `Loop::spawn` puts its
    /// first poll in the queue.
    pub(crate) fn new(id: TaskId, shared: Arc<Shared>) -> TaskHeader {
        TaskHeader {
            id,
            queued: AtomicBool::new(true),
            outcome: OnceLock::new(),
            shared,
        }
    }

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

    pub(crate) fn shared(&self) -> &Shared {
        &self.shared
    }
}
