//! Sockets on the loop: which task waits for which socket, and the poller
//! (epoll, kqueue or IOCP, through the `polling` crate) that tells the loop
//! when one is ready. asyncio's selector.
//!
//! A socket here is non-blocking: reading one with nothing to read says
//! `WouldBlock` at once instead of waiting. Then the future that tried
//! hands its waker to the reactor, asks the poller to watch the socket,
//! and returns `Pending`. When the loop polls and the poller says "ready",
//! the reactor queues a job that calls the waker, at the back of the
//! round; so the task tries again in the round after, as in asyncio.
//!
//! Interest is one-shot: the poller reports a socket once, then forgets
//! it until a future asks again. So an event wakes every task that waits
//! on that socket, and each, if it still cannot go on, asks again.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io;
use std::sync::Arc;
use std::task::Waker;
use std::time::Duration;

use polling::{AsSource, Event, Events, Poller};

use crate::ready::{CallFor, Callback, Job, Shared};

/// Which way a task waits on a socket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    /// To read, or to accept a connection.
    Read,
    /// To write, or for a connection to be made.
    Write,
}

/// The wakers waiting on one socket.
#[derive(Default)]
pub(crate) struct Interest {
    read: Option<Waker>,
    write: Option<Waker>,
}

// ANCHOR: reactor
/// The loop's side of its sockets. Only the loop's thread sees it; the
/// poller itself lives in [`Shared`], so that a waker called from another
/// thread can interrupt the loop's wait ([`Poller::notify`]).
pub(crate) struct Reactor {
    pub(crate) shared: Arc<Shared>,
    /// Socket key → the tasks waiting on it.
    pub(crate) sources: RefCell<HashMap<usize, Interest>>,
    pub(crate) next_key: Cell<usize>,
    /// How many wakers `sources` holds: tasks that wait on a socket.
    waiting: Cell<usize>,
    events: RefCell<Events>,
}
// ANCHOR_END: reactor

impl Reactor {
    pub(crate) fn new(shared: Arc<Shared>) -> Reactor {
        Reactor {
            shared,
            sources: RefCell::default(),
            next_key: Cell::new(0),
            waiting: Cell::new(0),
            events: RefCell::new(Events::new()),
        }
    }

    /// The poller, made when the first socket is.
    pub(crate) fn poller(&self) -> io::Result<&Poller> {
        if self.shared.poller.get().is_none() {
            let _ = self.shared.poller.set(Poller::new()?);
        }
        Ok(self.shared.poller.get().expect("just made"))
    }

    /// Whether some task waits on a socket: then the loop is not
    /// deadlocked, whatever else it waits for.
    pub(crate) fn is_waiting(&self) -> bool {
        self.waiting.get() > 0
    }

    // ANCHOR: poll
    /// Ask the poller which sockets are ready, and queue a wake of each
    /// task waiting on them. With `None`, wait for one (for real), or for a
    /// [`Poller::notify`]; with a zero timeout, only look.
    pub(crate) fn poll(&self, timeout: Option<Duration>) {
        let Some(poller) = self.shared.poller.get() else {
            return;
        };
        let mut events = self.events.borrow_mut();
        events.clear();
        if let Err(error) = poller.wait(&mut events, timeout) {
            panic!("the loop could not poll its sockets: {error}");
        }
        let mut woken = Vec::new();
        let mut sources = self.sources.borrow_mut();
        for event in events.iter() {
            if let Some(interest) = sources.get_mut(&event.key) {
                woken.extend(interest.read.take());
                woken.extend(interest.write.take());
            }
        }
        drop((sources, events));
        self.waiting.set(self.waiting.get() - woken.len());
        // Not `waker.wake()` now, but a job at the back of this round that
        // calls it: so the task runs in the round after. asyncio's
        // selector callback runs in this round, but only completes a
        // future (or a stream's waiter), whose task's `__wakeup` then
        // waits for the next round: the same round later as a timer's.
        for waker in woken {
            let wake: Callback = Arc::new(move || waker.wake_by_ref());
            self.shared.push(Job::Call(wake, CallFor::Socket));
        }
    }
    // ANCHOR_END: poll

    /// At the start of a round: the sockets ready now, without waiting,
    /// if any task waits on one (asyncio's `select(timeout=0)`).
    pub(crate) fn poll_now(&self) {
        if self.is_waiting() {
            self.poll(Some(Duration::ZERO));
        }
    }

    /// Wake `waker` when `source` is ready to go `direction`.
    pub(crate) fn wait_for<S: AsSource>(
        &self,
        source: &S,
        key: usize,
        direction: Direction,
        waker: &Waker,
    ) -> io::Result<()> {
        let mut sources = self.sources.borrow_mut();
        let interest = sources.entry(key).or_default();
        let slot = match direction {
            Direction::Read => &mut interest.read,
            Direction::Write => &mut interest.write,
        };
        match slot {
            Some(kept) => kept.clone_from(waker),
            None => {
                *slot = Some(waker.clone());
                self.waiting.set(self.waiting.get() + 1);
            }
        }
        let event = Event::new(key, interest.read.is_some(), interest.write.is_some());
        // Asking again re-arms the one-shot interest; if the socket is
        // ready already, the next poll reports it.
        self.poller()?.modify(source, event)
    }

    /// The future that waited on `key` is gone (it finished, or was
    /// dropped): it waits no more.
    pub(crate) fn stop_waiting(&self, key: usize, direction: Direction) {
        let mut sources = self.sources.borrow_mut();
        if let Some(interest) = sources.get_mut(&key) {
            let slot = match direction {
                Direction::Read => &mut interest.read,
                Direction::Write => &mut interest.write,
            };
            if slot.take().is_some() {
                self.waiting.set(self.waiting.get() - 1);
            }
        }
    }

    /// Forget every waker: the loop has stopped.
    pub(crate) fn clear(&self) {
        self.sources.borrow_mut().clear();
        self.waiting.set(0);
    }
}
