//! futures.md: an `async fn` driven by hand, without a loop: `poll` it
//! until it is `Ready`, as asyncio's Task calls `send(None)` until
//! `StopIteration`.
use std::future::{Future, poll_fn};
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use trace::Trace;

// ANCHOR: pause
/// `Pending` once, then `Ready`: a bare
/// `yield`. It wakes nobody.
pub fn pause() -> impl Future<Output = ()> {
    let mut paused = false;
    poll_fn(move |_cx| {
        if paused {
            Poll::Ready(())
        } else {
            paused = true;
            Poll::Pending
        }
    })
}
// ANCHOR_END: pause

// ANCHOR: steps
async fn steps(t: &Trace) -> u32 {
    t.say("step 1");
    pause().await;
    t.say("step 2");
    pause().await;
    t.say("step 3");
    42
}
// ANCHOR_END: steps

// ANCHOR: main
pub fn main(t: &Trace) {
    // Calling `steps` runs none of it: it makes a future.
    let mut future = pin!(steps(t));
    // A waker that does nothing: no loop here to put the task back in.
    let mut cx = Context::from_waker(Waker::noop());
    for n in 1.. {
        match future.as_mut().poll(&mut cx) {
            Poll::Pending => t.say(format!("poll {n}: Pending")),
            Poll::Ready(value) => {
                t.say(format!("poll {n}: Ready({value})"));
                break;
            }
        }
    }
}
// ANCHOR_END: main
