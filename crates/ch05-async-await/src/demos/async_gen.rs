//! streams.md: an async generator, Python's `async def` with `yield`,
//! built from a future and two one-value slots (one out, one in). It runs
//! inside the task that asks it for a value, as a genawaiter generator
//! runs inside `resume`. `asend`, `athrow` and `aclose` are in the
//! `two_way` part, which demos/async_gen_methods.rs uses.
use std::cell::Cell;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;

use super::poll_by_hand::pause;
use trace::Trace;

// ANCHOR: async_gen
/// What the generator's body is given: `co.yield_(x).await` hands `x` to
/// whoever called `next`, and gives back what they did next (below).
pub struct Co<T, S = ()> {
    yielded: Rc<Cell<Option<T>>>,
    resumed: Rc<Cell<Option<Resumed<S>>>>,
}

impl<T, S> Co<T, S> {
    pub async fn yield_(&self, value: T) -> Resumed<S> {
        self.yielded.set(Some(value));
        pause().await; // Pending once: `next` finds the value in the slot
        self.resumed
            .take()
            .expect("resumed by the generator's caller")
    }
}

/// A body that yields values of type `T`, and `next` to get them.
pub struct AsyncGen<T, S = ()> {
    yielded: Rc<Cell<Option<T>>>,
    resumed: Rc<Cell<Option<Resumed<S>>>>,
    /// `None` once the body has returned.
    body: Option<Pin<Box<dyn Future<Output = ()>>>>,
    started: bool,
}

impl<T: 'static, S: 'static> AsyncGen<T, S> {
    pub fn new<F>(body: impl FnOnce(Co<T, S>) -> F) -> Self
    where
        F: Future<Output = ()> + 'static,
    {
        let yielded = Rc::new(Cell::new(None));
        let resumed = Rc::new(Cell::new(None));
        let co = Co {
            yielded: yielded.clone(),
            resumed: resumed.clone(),
        };
        AsyncGen {
            yielded,
            resumed,
            body: Some(Box::pin(body(co))),
            started: false,
        }
    }

    /// Run the body until it yields (`Some`) or returns (`None`).
    async fn resume(&mut self, how: Resumed<S>) -> Option<T> {
        if self.started {
            self.resumed.set(Some(how)); // what its `yield_` returns
        }
        self.started = true;
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
            match self.yielded.take() {
                Some(value) => Poll::Ready(Some(value)), // it yielded
                None => Poll::Pending,                   // it waits for a timer
            }
        })
        .await
    }
}

impl<T: 'static> AsyncGen<T> {
    /// `__anext__`: the next value, or `None` at the end.
    pub async fn next(&mut self) -> Option<T> {
        self.resume(Resumed::Sent(())).await
    }
}
// ANCHOR_END: async_gen

// ANCHOR: two_way
/// What the caller did, as the body's `yield_` sees it.
pub enum Resumed<S> {
    /// `asend(value)`, or `next()`, which sends `()`.
    Sent(S),
    /// `athrow(error)`: Python raises `error` at the `yield`.
    Thrown(String),
    /// `aclose()`: Python raises `GeneratorExit` at the `yield`.
    Closing,
}

impl<T: 'static, S: 'static> AsyncGen<T, S> {
    /// The first call runs the body to its first `yield_`, and `value`
    /// goes nowhere: Python's first call must be `asend(None)`.
    pub async fn asend(&mut self, value: S) -> Option<T> {
        self.resume(Resumed::Sent(value)).await
    }

    pub async fn athrow(&mut self, error: &str) -> Option<T> {
        self.resume(Resumed::Thrown(error.to_string())).await
    }

    /// Tell the body to finish, and run it to its end: its clean-up may
    /// await. A body that yields again instead is a mistake, as in Python.
    pub async fn aclose(&mut self) {
        if !self.started {
            self.body = None; // never started: nothing to clean up
        } else if self.resume(Resumed::Closing).await.is_some() {
            panic!("async generator ignored GeneratorExit");
        }
    }
}
// ANCHOR_END: two_way

// ANCHOR: ticker
/// PEP 525's example: yields 0, 1, …, `to - 1`, sleeping `delay` after each.
pub async fn ticker(co: Co<u32>, delay: u64, to: u32) {
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
