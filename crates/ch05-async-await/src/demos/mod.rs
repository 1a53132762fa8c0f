//! The programs the book shows, one module each. Every module has a
//! `pub fn main(t: &Trace)`: `examples/<name>.rs` runs it and prints the
//! trace, `tests/demos.rs` checks it against `snapshots/<name>.snap`, and
//! `python/<name>.py` prints the same lines with CPython's asyncio.
//!
//! The `// ANCHOR:` comments mark the parts the book includes; keep them
//! around whole items so a page never shows half a function.
//!
//! Three of them run on tokio too, unchanged: `tests/tokio.rs` compiles
//! their files a second time (`include!`) where the name `aio` means a
//! small module over tokio's current-thread runtime. So those files use
//! only what that module has (`run`, `say`, `sleep`, `spawn`,
//! `yield_now`, `timeout`, and `crate::OnDrop`), and they start with `//`
//! comments instead of `//!`, which `include!` refuses; their docs are here.

pub mod as_completed;
pub mod async_gen;
/// streams.md: `asend`, `athrow`, `aclose` and an async comprehension.
pub mod async_gen_methods;
/// asyncio-future.md: `Slot`, a future set once, as asyncio's Future:
/// a waker and done callbacks, told in the order they came.
pub mod asyncio_future;
pub mod borrow_across_await;
pub mod borrow_across_await_fixed;
/// call-stack.md: the frames of `outer > middle > inner` are on the
/// thread's stack only while the task is polled, and again after it wakes.
pub mod call_stack;
pub mod condition_orders;
pub mod event_start;
pub mod gather_cancel;
pub mod gather_failure;
pub mod lost_update;
/// aio.md: a whole executor in the shape of the Tokio tutorial's
/// mini-tokio, std only, running `say_after` tasks in asyncio's order.
pub mod mini_loop;
pub mod no_async_drop;
/// aio.md: two tasks that give way with `yield_now` take turns, as in
/// chapter 4. Runs on tokio too.
pub mod ping_pong;
pub mod poll_by_hand;
/// aio.md: chapter 4's `say_after_tasks`, on aio instead of genloop: the
/// same program, the same trace. Runs on tokio too.
pub mod ported;
pub mod shared_list;
/// waiting.md: a job of 3 ticks, given 4, 3 and 2 ticks by a timeout;
/// its clean-up runs when its future is dropped. Runs on tokio too.
pub mod timeout;
pub mod wait_gather;
