//! Work outside the loop: a thread that will wake a task when it is done.

use std::sync::Arc;
use std::task::Waker;

use crate::ready::Shared;
use crate::running;

// ANCHOR: external
/// Says "something outside the loop may still wake a task". While one is
/// alive, a loop with no task ready and no timer set waits for a waker to
/// be called (from any thread) instead of reporting a deadlock. Make one
/// with [`external`], on the loop's thread, and move it to the thread that
/// does the work.
///
/// The virtual clock does not wait for outside work: if a timer is set,
/// the loop jumps to it as usual.
///
/// A task that awaits a blocking call run on a thread (chapter 6 builds
/// asyncio's `to_thread` this way):
///
/// ```
/// use std::sync::{Arc, Mutex};
/// use std::task::Poll;
///
/// async fn to_thread<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
///     let result = Arc::new(Mutex::new(None));
///     let mut work = Some(work);
///     std::future::poll_fn(|cx| {
///         if let Some(work) = work.take() {
///             // First poll: start the thread, which wakes us when done.
///             let (outside, waker, slot) = (aio::external(), cx.waker().clone(), result.clone());
///             std::thread::spawn(move || {
///                 *slot.lock().unwrap() = Some(work());
///                 outside.wake(&waker);
///             });
///         }
///         match result.lock().unwrap().take() {
///             Some(value) => Poll::Ready(value),
///             None => Poll::Pending,
///         }
///     })
///     .await
/// }
///
/// let t = trace::Trace::new();
/// let answer = aio::run(&t, to_thread(|| 6 * 7));
/// assert_eq!(answer, 42);
/// ```
#[must_use = "the loop waits for outside work only while its guard is alive"]
pub struct External {
    shared: Arc<Shared>,
}

// ANCHOR: external_guard
/// Count one piece of work outside the loop, until the guard is dropped.
pub fn external() -> External {
    let shared = running::with("external()", |l| l.shared.clone());
    shared.outside_started();
    External { shared }
}

impl External {
    /// Wake `waker`, then end this outside work: in that order, so that
    /// the loop never sees "nothing ready, nothing outside" in between.
    pub fn wake(self, waker: &Waker) {
        waker.wake_by_ref();
        drop(self);
    }
}

impl Drop for External {
    fn drop(&mut self) {
        self.shared.outside_ended();
    }
}
// ANCHOR_END: external_guard
// ANCHOR_END: external
