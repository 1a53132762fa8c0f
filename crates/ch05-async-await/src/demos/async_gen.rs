//! streams.md: an async generator, Python's `async def` with `yield`,
//! built from a future and a one-value slot. It runs inside the task that
//! asks it for a value, as a genawaiter generator runs inside `resume`.
use std::cell::Cell;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;

use super::poll_by_hand::pause;
use trace::Trace;

// ANCHOR: async_gen
/// What the generator's body is given: `co.yield_(x).await` hands `x` to
/// whoever called `next`.
pub struct Co<T> {
    slot: Rc<Cell<Option<T>>>,
}

impl<T> Co<T> {
    pub async fn yield_(&self, value: T) {
        self.slot.set(Some(value));
        pause().await; // Pending once: `next` finds the value in the slot
    }
}

/// A body that yields values of type `T`, and `next` to get them.
pub struct AsyncGen<T> {
    slot: Rc<Cell<Option<T>>>,
    /// `None` once the body has returned.
    body: Option<Pin<Box<dyn Future<Output = ()>>>>,
}

impl<T: 'static> AsyncGen<T> {
    pub fn new<F: Future<Output = ()> + 'static>(body: impl FnOnce(Co<T>) -> F) -> AsyncGen<T> {
        let slot = Rc::new(Cell::new(None));
        let body = Box::pin(body(Co { slot: slot.clone() }));
        AsyncGen {
            slot,
            body: Some(body),
        }
    }

    /// `__anext__`: run the body until it yields (`Some`) or returns (`None`).
    pub async fn next(&mut self) -> Option<T> {
        poll_fn(|cx| {
            let Some(body) = self.body.as_mut() else {
                return Poll::Ready(None);
            };
            // The body is polled with this task's `cx`: a timer it sets
            // will wake this task.
            if body.as_mut().poll(cx).is_ready() {
                self.body = None;
                return Poll::Ready(None);
            }
            match self.slot.take() {
                Some(value) => Poll::Ready(Some(value)), // it yielded
                None => Poll::Pending,                   // it waits for a timer
            }
        })
        .await
    }
}
// ANCHOR_END: async_gen

// ANCHOR: ticker
/// PEP 525's example: yields 0, 1, …, `to - 1`, sleeping `delay` after each.
async fn ticker(co: Co<u32>, delay: u64, to: u32) {
    for i in 0..to {
        aio::say(format!("ticker: yields {i}"));
        co.yield_(i).await;
        aio::sleep(delay).await;
    }
    aio::say("ticker: done");
}
// ANCHOR_END: ticker

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let mut ticks = AsyncGen::new(|co| ticker(co, 2, 3));
        while let Some(i) = ticks.next().await {
            aio::say(format!("got {i}"));
        }
        aio::say("the loop is over");
    });
}
// ANCHOR_END: main
