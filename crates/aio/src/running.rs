//! The loop running on this thread, which `aio::say`, `aio::spawn` and
//! every future of aio reach through [`with`]. (asyncio keeps one too:
//! `asyncio.get_running_loop()`.)

use std::cell::RefCell;
use std::rc::Rc;
use trace::Trace;

use crate::event_loop::Loop;

thread_local! {
    /// The loop running on this thread, for `aio::say`, `aio::spawn`, … .
    /// (asyncio keeps one too: `asyncio.get_running_loop()`.)
    static RUNNING: RefCell<Option<Rc<Loop>>> = const { RefCell::new(None) };
}

/// Call `f` with the running loop, or panic: `what` was called outside
/// `aio::run`.
#[inline]
pub(crate) fn with<R>(what: &str, f: impl FnOnce(&Loop) -> R) -> R {
    match try_with(f) {
        Some(result) => result,
        None => panic!(
            "aio::{what} was called outside aio::run, where there is no loop to run it. \
             (asyncio would raise RuntimeError: no running event loop.)"
        ),
    }
}

/// Call `f` with the running loop, if there is one. Clean-up code uses
/// this: a future dropped after the loop has gone has nothing to undo.
#[inline]
pub(crate) fn try_with<R>(f: impl FnOnce(&Loop) -> R) -> Option<R> {
    // Clone the `Rc` out, so that `f` may call back in here.
    let running = RUNNING.with(|running| running.borrow().clone());
    running.map(|event_loop| f(&event_loop))
}

/// Makes `event_loop` this thread's running loop until it is dropped, even
/// if something panics.
pub(crate) struct Entered(Rc<Loop>);

impl Drop for Entered {
    fn drop(&mut self) {
        RUNNING.with(|running| running.borrow_mut().take());
        // Jobs left in the queue hold wakers, which hold the queue: let go.
        self.0.let_go();
    }
}

impl std::ops::Deref for Entered {
    type Target = Loop;
    fn deref(&self) -> &Loop {
        &self.0
    }
}

/// A new loop at time 0, installed as this thread's running loop, that
/// stamps every line `trace` says from now on.
pub(crate) fn enter(trace: &Trace, budget: u64) -> Entered {
    // Refuse before touching anything, the trace's stamper included.
    assert!(
        RUNNING.with(|running| running.borrow().is_none()),
        "aio::run was called inside a running loop: a task cannot start a loop \
         of its own, it awaits instead. (asyncio would raise RuntimeError: \
         asyncio.run() cannot be called from a running event loop.)"
    );
    let event_loop = Rc::new(Loop::new(trace, budget));
    RUNNING.with(|running| *running.borrow_mut() = Some(event_loop.clone()));
    Entered(event_loop)
}
