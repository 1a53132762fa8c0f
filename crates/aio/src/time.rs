//! Time: `sleep`, `yield_now` and `timeout`, on the loop's virtual clock.

use std::fmt;
use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::task::{Context, Poll};

use crate::running;
use crate::task::Wait;
use crate::timers::TimerKey;

// ANCHOR: sleep
/// The future [`sleep`] returns. Nothing happens until it is polled: the
/// first poll sets the timer, as asyncio's `sleep` calls `call_later`
/// when the coroutine runs, not when it is made.
#[must_use = "a sleep does nothing unless you `.await` it"]
pub struct Sleep {
    ticks: u64,
    state: SleepState,
}

enum SleepState {
    New,
    /// `sleep(0)` has given way once.
    GaveWay,
    /// Waiting for this timer.
    Timer(TimerKey),
    Done,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.state {
            // sleep(0): asyncio's bare `yield`. Wake ourselves, so the loop
            // puts us at the back of the ready queue, and return Pending.
            SleepState::New if self.ticks == 0 => {
                self.state = SleepState::GaveWay;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            SleepState::New => {
                let (ticks, waker) = (self.ticks, cx.waker().clone());
                let key = running::with("sleep()", |l| {
                    let key = l.set_timer(ticks, waker);
                    l.note_wait(Wait::Timer(key.0)); // key.0: its deadline
                    key
                });
                self.state = SleepState::Timer(key);
                Poll::Pending
            }
            SleepState::Timer(key) => {
                let pending = running::with("sleep()", |l| {
                    let pending = l.timer_pending(key, cx.waker());
                    if pending {
                        l.note_wait(Wait::Timer(key.0));
                    }
                    pending
                });
                if pending {
                    return Poll::Pending; // woken for something else
                }
                self.state = SleepState::Done;
                Poll::Ready(())
            }
            SleepState::GaveWay | SleepState::Done => {
                self.state = SleepState::Done;
                Poll::Ready(())
            }
        }
    }
}

// ANCHOR: sleep_drop
impl Drop for Sleep {
    fn drop(&mut self) {
        // Dropped before its time (its task was cancelled, or a timeout
        // fired): take the timer out, so it wakes nobody.
        if let SleepState::Timer(key) = self.state {
            running::try_with(|l| l.cancel_timer(key));
        }
    }
}
// ANCHOR_END: sleep_drop

/// `asyncio.sleep(ticks)`: resume `ticks` from now; other tasks run
/// meanwhile. `sleep(0)` lets every task that is ready run first.
pub fn sleep(ticks: u64) -> Sleep {
    Sleep {
        ticks,
        state: SleepState::New,
    }
}
// ANCHOR_END: sleep

/// `asyncio.sleep(0)`: give way to the tasks that are ready, and go to the
/// back of the queue.
pub fn yield_now() -> Sleep {
    sleep(0)
}

/// [`timeout`] gave up: the deadline came first. (asyncio raises
/// `TimeoutError`.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Elapsed;

impl fmt::Display for Elapsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the deadline passed before the future finished")
    }
}

impl std::error::Error for Elapsed {}

// ANCHOR: timeout
/// `asyncio.wait_for(future, ticks)`: `future`'s output, or [`Elapsed`] if
/// it has not finished `ticks` from now. Then `future` is dropped, so its
/// clean-up runs at once, in this task (Python cancels it and waits for
/// its `finally`).
///
/// The future runs inside the task that awaits the timeout, as in Python
/// 3.12's `wait_for` and `async with asyncio.timeout(…)`. (Python 3.11's
/// `wait_for` runs a coroutine as a task of its own, named `Task-2` or so,
/// one turn later: a Python twin on 3.11 uses `asyncio.timeout`.)
pub async fn timeout<F: Future>(ticks: u64, future: F) -> Result<F::Output, Elapsed> {
    let mut deadline = sleep(ticks);
    let mut future = pin!(future);
    poll_fn(|cx| {
        // The deadline first. Its timer was set before any the future
        // sets, so when both are due, asyncio's timeout fires first too.
        if Pin::new(&mut deadline).poll(cx).is_ready() {
            return Poll::Ready(Err(Elapsed));
        }
        future.as_mut().poll(cx).map(Ok)
    })
    .await
    // Returning drops `future`, and `deadline` with its timer.
}
// ANCHOR_END: timeout
