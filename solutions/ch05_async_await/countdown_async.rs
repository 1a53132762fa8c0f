//! Exercise `countdown_async` (implement). Page: "async fn: the state machine written for you" (async-fn.md).
//!
//! `countdown(from)` does what exercise `countdown_future`'s `Countdown`
//! does, as an `async fn`: it says `countdown: N` for N from `from` down
//! to 1, letting the other tasks run after each, then says
//! `countdown: liftoff` and returns `"liftoff"`.
//!
//! You may use: a `for` loop over a range with `rev`, `aio::say`, `format!`,
//! `aio::yield_now`.
pub async fn countdown(from: u32) -> &'static str {
    for n in (1..=from).rev() {
        aio::say(format!("countdown: {n}"));
        aio::yield_now().await;
    }
    aio::say("countdown: liftoff");
    "liftoff"
}
