//! Exercise `countdown_async` (implement). Page: "async fn: the state machine written for you" (async-fn.md).
//!
//! Write `countdown(from)`: what exercise `countdown_future`'s `Countdown`
//! does, as an `async fn`. It says `countdown: N` for N from `from` down
//! to 1, letting the other tasks run after each, then says
//! `countdown: liftoff` and returns `"liftoff"`.
//!
//! You may use: a `for` loop over a range with `rev`, `aio::say`, `format!`,
//! `aio::yield_now`.
pub async fn countdown(from: u32) -> &'static str {
    let _ = from; // quiets the "unused" warning until you use it
    todo!("a for loop over (1..=from).rev() with aio::say and aio::yield_now().await; then liftoff")
}
