//! aio's functions, written over tokio: what the programs in `mod.rs` call
//! when they say `aio::…`. Only what those programs use.
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::Instant;
use trace::{Stamp, Trace};

/// One tick of aio's clock is one millisecond of tokio's.
const TICK: Duration = Duration::from_millis(1);

thread_local! {
    /// The trace `run` writes to. A current-thread runtime polls every
    /// task on the thread that called `run`.
    static TRACE: RefCell<Option<Trace>> = const { RefCell::new(None) };
}

// ANCHOR: run
/// `asyncio.run(main())`: a current-thread runtime, whose clock starts
/// paused and jumps to the next timer when every task waits; `main` runs
/// as a task named `main`, as asyncio's does.
pub fn run<F>(trace: &Trace, main: F) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a tokio runtime");
    let trace = trace.clone();
    runtime.block_on(async move {
        let start = Instant::now();
        trace.set_stamper(move || Stamp {
            time: (Instant::now() - start).as_millis() as u64,
            task: NAME.try_with(String::clone).unwrap_or_default(),
        });
        TRACE.set(Some(trace));
        spawn("main", main).await
    })
}
// ANCHOR_END: run

pub fn say(text: impl std::fmt::Display) {
    TRACE.with_borrow(|trace| trace.as_ref().expect("inside run").say(text));
}

// ANCHOR: spawn
tokio::task_local! {
    /// The running task's name: set around each task's future, for `say`.
    static NAME: String;
}

pub fn spawn<F>(name: &str, future: F) -> Task<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    Task(tokio::spawn(NAME.scope(name.to_string(), future)))
}

/// A `JoinHandle` whose `.await` gives what the task returned, as aio's
/// `Task` does (tokio's gives a `Result`).
pub struct Task<T>(tokio::task::JoinHandle<T>);

impl<T> Future for Task<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        Pin::new(&mut self.0)
            .poll(cx)
            .map(|result| result.expect("the task failed"))
    }
}
// ANCHOR_END: spawn

// ANCHOR: time
pub async fn sleep(ticks: u64) {
    tokio::time::sleep(TICK * ticks as u32).await;
}

pub async fn yield_now() {
    tokio::task::yield_now().await;
}

pub async fn timeout<F: Future>(
    ticks: u64,
    future: F,
) -> Result<F::Output, tokio::time::error::Elapsed> {
    tokio::time::timeout(TICK * ticks as u32, future).await
}
// ANCHOR_END: time
