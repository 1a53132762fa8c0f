//! Blocking work: [`block`], a blocking call made inside a task, which
//! holds up the whole loop; and [`to_thread`], the same work moved to a
//! thread, which does not.
//!
//! Both take the work's duration in ticks, because the clock is virtual:
//! the work itself may take any real time, and the trace must not depend
//! on it.

use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::thread;

use crate::running;
use crate::task::Wait;
use crate::timers::TimerKey;

// ANCHOR: block
/// A blocking call inside a task, such as Python's `time.sleep(ticks)` or
/// `requests.get(url)`: it takes `ticks` of (virtual) time, during which
/// the loop cannot run anything else, because the task never gave way.
///
/// The clock moves forward by `ticks` at once, inside the call: whatever
/// the task says next is stamped `ticks` later. Every other task is held
/// up. Timers that fell due meanwhile fire late, earliest first, at the
/// end of the round after the blocking task gives way; the tasks they wake
/// run in the round after that, behind the tasks that were ready. That is
/// asyncio's order: it runs the callbacks of the timers it finds overdue in
/// one round, and the tasks they wake in the next. (A socket that became
/// ready meanwhile is seen then too.)
///
/// Nothing sleeps for real. To run the same work without holding up the
/// loop, move it to a thread: [`to_thread`].
///
/// ```
/// let t = trace::Trace::new();
/// aio::run(&t, async {
///     aio::spawn("H", async {
///         for _ in 0..3 {
///             aio::say("beat");
///             aio::sleep(1).await;
///         }
///     });
///     aio::sleep(1).await;
///     aio::block(3); // time.sleep(3): nobody beats meanwhile
///     aio::say("unblocked");
///     aio::sleep(3).await;
/// });
/// assert_eq!(
///     t.render(),
///     "  0 [H] beat\n  4 [main] unblocked\n  4 [H] beat\n  5 [H] beat\n"
/// );
/// ```
pub fn block(ticks: u64) {
    running::with("block()", |l| l.block_for(ticks));
}
// ANCHOR_END: block

// ANCHOR: to_thread
/// `await asyncio.to_thread(work)`: run `work` on a thread of its own, and
/// give its result to the awaiting task, which resumes `ticks` from now.
/// Other tasks run meanwhile. If `work` panics, the awaiting task fails
/// with the same message (Python re-raises the exception).
///
/// `ticks` is how long the work takes in virtual time; the thread takes
/// the real time it takes. The two are tied together like this:
///
/// - The awaiting task resumes at exactly now + `ticks` (later only if a
///   [`block`] held up the loop past that time), in its timer's place
///   among the timers due then: as if the thread had taken exactly
///   `ticks`.
/// - It never resumes before the thread has really finished. When the
///   loop reaches that deadline, because the clock would jump to it or
///   past it, and the thread still runs, the loop waits for the thread
///   for real. Meanwhile it serves sockets and wakes from other threads,
///   but fires no timer and does not move the clock.
///
/// So the trace does not depend on how fast the thread is; only how long
/// the program takes in real time does.
///
/// Dropping the future (its task is cancelled, or a [`crate::timeout`]
/// gives up) does not stop the thread, which cannot be stopped from
/// outside, in Python either: it runs to the end, and its result is
/// dropped. `asyncio.run` waits for such threads at its end; [`crate::run`]
/// does not.
///
/// ```
/// let t = trace::Trace::new();
/// aio::run(&t, async {
///     aio::spawn("H", async {
///         for _ in 0..3 {
///             aio::say("beat");
///             aio::sleep(1).await;
///         }
///     });
///     aio::sleep(1).await;
///     let answer = aio::to_thread(3, || 6 * 7).await; // H beats meanwhile
///     aio::say(format!("got {answer}"));
/// });
/// assert_eq!(
///     t.render(),
///     "  0 [H] beat\n  1 [H] beat\n  2 [H] beat\n  4 [main] got 42\n"
/// );
/// ```
pub async fn to_thread<T, F>(ticks: u64, work: F) -> T
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    ToThread {
        state: State::New { ticks, work },
    }
    .await
}
// ANCHOR_END: to_thread

/// The future of [`to_thread`].
struct ToThread<T, F> {
    state: State<T, F>,
}

// Nothing in it is ever pinned: `work` is moved out whole, to the thread.
impl<T, F> Unpin for ToThread<T, F> {}

enum State<T, F> {
    New {
        ticks: u64,
        work: F,
    },
    /// The thread runs, or has finished; the task waits for the timer.
    Running {
        timer: TimerKey,
        result: Arc<Outcome<T>>,
    },
    Done,
}

/// What the thread leaves for the task.
struct Outcome<T> {
    value: Mutex<Option<thread::Result<T>>>,
    /// Set once `value` is in: what the loop reads (see `Holds`, in
    /// `src/world.rs`).
    done: Arc<AtomicBool>,
}

impl<T, F> Future for ToThread<T, F>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let this = self.get_mut();
        match std::mem::replace(&mut this.state, State::Done) {
            State::New { ticks, work } => {
                let result = Arc::new(Outcome {
                    value: Mutex::new(None),
                    done: Arc::new(AtomicBool::new(false)),
                });
                let task = running::with("to_thread()", |l| l.current_name());
                // Outside work, so that a loop with nothing else to do
                // waits for the thread; ended by the thread, after `done`.
                let outside = crate::external::external();
                let slot = result.clone();
                let name = format!("aio to_thread ({task})");
                thread::Builder::new()
                    .name(name)
                    .spawn(move || {
                        let value = panic::catch_unwind(AssertUnwindSafe(work));
                        *slot.value.lock().unwrap_or_else(PoisonError::into_inner) = Some(value);
                        slot.done.store(true, Ordering::Release);
                        // Only now, so the loop never sees the outside work
                        // over and the thread not done. No need to wake
                        // the task: its timer does.
                        drop(outside);
                    })
                    .expect("aio::to_thread could not start a thread");
                let done = result.done.clone();
                let timer = running::with("to_thread()", |l| {
                    let timer = l.set_timer(ticks, cx.waker().clone());
                    l.world.holds.hold(timer, done);
                    l.note_wait(Wait::Thread(timer.0));
                    timer
                });
                this.state = State::Running { timer, result };
                Poll::Pending
            }
            State::Running { timer, result } => {
                let pending = running::with("to_thread()", |l| {
                    let pending = l.timer_pending(timer, cx.waker());
                    if pending {
                        l.note_wait(Wait::Thread(timer.0));
                    } else {
                        l.world.holds.release(timer);
                    }
                    pending
                });
                if pending {
                    this.state = State::Running { timer, result };
                    return Poll::Pending; // woken for something else
                }
                let value = result
                    .value
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take()
                    .expect("the loop fires a thread's timer only once the thread has finished");
                match value {
                    Ok(value) => Poll::Ready(value),
                    // The work's panic, raised again in the awaiting task.
                    Err(payload) => panic::resume_unwind(payload),
                }
            }
            State::Done => panic!("aio::to_thread polled after it returned"),
        }
    }
}

impl<T, F> Drop for ToThread<T, F> {
    fn drop(&mut self) {
        // Dropped while waiting: no timer, no hold on the clock. The thread
        // runs on, and drops its result.
        if let State::Running { timer, .. } = self.state {
            running::try_with(|l| {
                l.cancel_timer(timer);
                l.world.holds.release(timer);
            });
        }
    }
}
