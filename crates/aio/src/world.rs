//! What chapter 6 adds to the loop, in one field (`Loop::world`): the
//! sockets, the threads of `to_thread`, and the timers a blocking call
//! made late. A reader of chapter 5 may skip it. Nothing here knows the
//! loop.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::reactor::Reactor;
use crate::ready::Shared;
use crate::timers::TimerKey;

pub(crate) struct World {
    /// The sockets, and who waits on them.
    pub(crate) reactor: Rc<Reactor>,
    /// The timers of `to_thread` whose thread may still run.
    pub(crate) holds: Holds,
    /// Timers found overdue while tasks were ready (after `aio::block`):
    /// they fire at the end of the round, as asyncio runs their callbacks
    /// then, so the tasks they wake run in the round after.
    pub(crate) late_timers: Cell<bool>,
}

impl World {
    pub(crate) fn new(shared: Arc<Shared>) -> World {
        World {
            reactor: Rc::new(Reactor::new(shared)),
            holds: Holds::default(),
            late_timers: Cell::new(false),
        }
    }
}

// ANCHOR: holds
/// The timers of [`to_thread`](crate::to_thread) whose thread may still run, with the flag
/// each thread sets when it has finished. While one of them is due and its
/// thread is not done, the loop fires no timer and does not move the clock.
#[derive(Default)]
pub(crate) struct Holds(RefCell<BTreeMap<TimerKey, Arc<AtomicBool>>>);

impl Holds {
    pub(crate) fn hold(&self, timer: TimerKey, done: Arc<AtomicBool>) {
        self.0.borrow_mut().insert(timer, done);
    }

    pub(crate) fn release(&self, timer: TimerKey) {
        self.0.borrow_mut().remove(&timer);
    }

    /// Whether a thread whose timer is due at `time` (or earlier) still
    /// runs.
    ///
    /// A thread sets its flag before it ends its outside work: so if the
    /// loop, holding the queue's lock, reads a flag unset and then finds
    /// no outside work, that cannot be.
    pub(crate) fn block(&self, time: u64) -> bool {
        self.0
            .borrow()
            .range(..=(time, u64::MAX))
            .any(|(_, done)| !done.load(Ordering::Acquire))
    }

    /// Whether a thread's timer is due at `time` (or earlier), its thread
    /// done or not: in virtual time, the loop waits for it until then.
    pub(crate) fn due(&self, time: u64) -> bool {
        self.0.borrow().range(..=(time, u64::MAX)).next().is_some()
    }
}
// ANCHOR_END: holds
