//! streams.md: an async generator driven with `asend`, `athrow` and
//! `aclose`, whose clean-up awaits; then what Python writes as an async
//! comprehension, as a `while let` loop. All of it runs in `main`'s task.
use trace::Trace;

use super::async_gen::{AsyncGen, Co, Resumed};

// ANCHOR: running_total
/// Yields the total so far; `asend(n)` adds `n` (after a tick),
/// `athrow` sets it back to 0, `aclose` saves it, which takes a tick.
async fn running_total(co: Co<u32, u32>) {
    let mut total = 0;
    loop {
        match co.yield_(total).await {
            Resumed::Sent(value) => {
                aio::sleep(1).await;
                total += value;
                aio::say(format!("adds {value}: {total}"));
            }
            Resumed::Thrown(error) => {
                aio::say(format!("{error} thrown in: total back to 0"));
                total = 0;
            }
            Resumed::Closing => break,
        }
    }
    aio::say("closing: saves the total");
    aio::sleep(1).await;
    aio::say(format!("saved {total}"));
}
// ANCHOR_END: running_total

// ANCHOR: squares
/// 0, 1, 4, … (`to` of them), one a tick.
async fn squares(co: Co<u32>, to: u32) {
    for i in 0..to {
        aio::sleep(1).await;
        co.yield_(i * i).await;
    }
}
// ANCHOR_END: squares

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let mut totals = AsyncGen::new(running_total);
        // `None` where Python raises StopAsyncIteration: not here.
        let first = totals.asend(0).await.unwrap(); // the 0 goes nowhere
        aio::say(format!("started: {first}"));
        let five = totals.asend(5).await.unwrap();
        aio::say(format!("asend(5) gives {five}"));
        let three = totals.asend(3).await.unwrap();
        aio::say(format!("asend(3) gives {three}"));
        let reset = totals.athrow("reset").await.unwrap();
        aio::say(format!("athrow gives {reset}"));
        let four = totals.asend(4).await.unwrap();
        aio::say(format!("asend(4) gives {four}"));
        totals.aclose().await;
        aio::say("closed");

        // [n async for n in squares(5) if n % 2 == 0]
        let mut evens = Vec::new();
        let mut numbers = AsyncGen::new(|co| squares(co, 5));
        while let Some(n) = numbers.next().await {
            if n % 2 == 0 {
                evens.push(n);
            }
        }
        aio::say(format!("even squares: {evens:?}"));
    });
}
// ANCHOR_END: main
