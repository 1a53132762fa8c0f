//! Chapter 8's runtime: the same small async program, run under every
//! schedule a multi-threaded runtime could give its tasks ([`explore`]), or
//! on tokio's own multi-threaded runtime ([`on_tokio`]).
//!
//! A program of chapter 8 is an `async fn program(t: Trace)`. It starts
//! tasks with [`spawn`] (which asks for what `tokio::spawn` asks for:
//! `Send + 'static`), waits for them with their [`JoinHandle`] or a
//! [`JoinSet`], and hands work between them with tokio's own locks and
//! channels (`tokio::sync`), which work under any runtime. It says each
//! line with [`say`], an await: on a runtime with several workers, any
//! other ready task may say something before this line, or between two
//! lines of this one.
//!
//! ```
//! use many::{say, spawn};
//!
//! async fn program(t: trace::Trace) {
//!     let a = spawn({
//!         let t = t.clone();
//!         async move { say(&t, "a").await }
//!     });
//!     say(&t, "main").await;
//!     a.await.unwrap();
//! }
//!
//! let explored = many::explore(100, program);
//! assert!(explored.complete);
//! assert_eq!(explored.orders.len(), 2); // "a" first, or "main" first
//! ```

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use trace::Trace;

pub mod explore;
pub use explore::{explore, explore_watched};
#[cfg(any(test, feature = "shuttle"))]
pub mod against_shuttle;
pub use verdict::orders::{Explored, Order, Step};

/// Let any other ready task go first, then say `line`. On a runtime with
/// several workers, another task may be saying something at this very
/// moment: the yield is where the explorer lets it.
pub async fn say(t: &Trace, line: impl fmt::Display) {
    yield_now().await;
    t.say(line);
}

/// Let any other ready task go first (`tokio::task::yield_now`).
pub async fn yield_now() {
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if yielded {
            return Poll::Ready(());
        }
        yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await
}

// ANCHOR: spawn
/// Start `future` as a task of its own, as `tokio::spawn` does: it may run
/// on any worker, so it must be `Send`, and it may outlive the function
/// that started it, so it must own what it uses (`'static`).
#[track_caller]
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    // ANCHOR_END: spawn
{
    if explore::running() {
        return JoinHandle(Inner::Explored(explore::spawn(future)));
    }
    #[cfg(any(test, feature = "shuttle"))]
    if against_shuttle::running() {
        return JoinHandle(Inner::Shuttle(shuttle::future::spawn(future)));
    }
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => JoinHandle(Inner::Tokio(runtime.spawn(future))),
        Err(_) => panic!("many::spawn was called outside a run: from `explore` or `on_tokio` only"),
    }
}

/// Run the blocking function `f` where it holds up no task, as
/// `tokio::task::spawn_blocking` does (on a thread of tokio's blocking
/// pool; here, as a task that runs it in one turn).
#[track_caller]
pub fn spawn_blocking<F, R>(f: F) -> JoinHandle<R>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    if explore::running() {
        return JoinHandle(Inner::Explored(explore::spawn(async move { f() })));
    }
    #[cfg(any(test, feature = "shuttle"))]
    if against_shuttle::running() {
        return JoinHandle(Inner::Shuttle(shuttle::future::spawn(async move { f() })));
    }
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => JoinHandle(Inner::Tokio(runtime.spawn_blocking(f))),
        Err(_) => panic!("many::spawn_blocking was called outside a run"),
    }
}

/// A task's result, when it comes: `.await` it. Dropping the handle lets
/// the task go on (as in tokio); [`JoinHandle::abort`] stops it.
pub struct JoinHandle<T>(Inner<T>);

enum Inner<T> {
    Explored(explore::Joined<T>),
    Tokio(tokio::task::JoinHandle<T>),
    #[cfg(any(test, feature = "shuttle"))]
    Shuttle(shuttle::future::JoinHandle<T>),
}

impl<T> JoinHandle<T> {
    /// Stop the task at its next await; awaiting the handle then gives a
    /// [`JoinError`] that `is_cancelled`.
    pub fn abort(&self) {
        match &self.0 {
            Inner::Explored(joined) => joined.abort(),
            Inner::Tokio(handle) => handle.abort(),
            #[cfg(any(test, feature = "shuttle"))]
            Inner::Shuttle(handle) => handle.abort(),
        }
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = Result<T, JoinError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match &mut self.get_mut().0 {
            Inner::Explored(joined) => joined.poll(cx),
            Inner::Tokio(handle) => Pin::new(handle).poll(cx).map_err(JoinError::from),
            // shuttle's only JoinError is `Cancelled`.
            #[cfg(any(test, feature = "shuttle"))]
            Inner::Shuttle(handle) => Pin::new(handle)
                .poll(cx)
                .map_err(|_| JoinError::cancelled()),
        }
    }
}

/// Why a task gave no result: it was aborted, or (on tokio) it panicked.
/// Under [`explore`] a panic in any task ends the whole check instead, with
/// the schedule that led to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinError {
    panic: Option<String>,
}

impl JoinError {
    pub(crate) fn cancelled() -> JoinError {
        JoinError { panic: None }
    }

    pub fn is_cancelled(&self) -> bool {
        self.panic.is_none()
    }

    pub fn is_panic(&self) -> bool {
        self.panic.is_some()
    }
}

impl From<tokio::task::JoinError> for JoinError {
    fn from(error: tokio::task::JoinError) -> JoinError {
        JoinError {
            panic: error.try_into_panic().ok().map(loop_report::panic_message),
        }
    }
}

impl fmt::Display for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.panic {
            None => write!(f, "the task was cancelled"),
            Some(message) => write!(f, "the task panicked: {message}"),
        }
    }
}

impl std::error::Error for JoinError {}

/// Tasks whose results are taken as they finish (`tokio::task::JoinSet`).
pub struct JoinSet<T> {
    handles: Vec<JoinHandle<T>>,
}

impl<T: Send + 'static> JoinSet<T> {
    pub fn new() -> JoinSet<T> {
        JoinSet {
            handles: Vec::new(),
        }
    }

    /// Start `future` as a task ([`spawn`]) and keep its handle here.
    #[track_caller]
    pub fn spawn<F>(&mut self, future: F)
    where
        F: Future<Output = T> + Send + 'static,
    {
        self.handles.push(spawn(future));
    }

    pub fn len(&self) -> usize {
        self.handles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.handles.is_empty()
    }

    // ANCHOR: join_next
    /// The result of a task that has finished, waiting for one if none
    /// has; `None` once every task's result has been taken.
    pub async fn join_next(&mut self) -> Option<Result<T, JoinError>> {
        std::future::poll_fn(|cx| {
            if self.handles.is_empty() {
                return Poll::Ready(None);
            }
            for n in 0..self.handles.len() {
                if let Poll::Ready(result) = Pin::new(&mut self.handles[n]).poll(cx) {
                    self.handles.remove(n);
                    return Poll::Ready(Some(result));
                }
            }
            Poll::Pending
        })
        .await
    }
    // ANCHOR_END: join_next
}

impl<T> JoinSet<T> {
    /// Abort every task still in the set; their results (cancelled, or
    /// finished first) are still to be taken with [`JoinSet::join_next`].
    pub fn abort_all(&self) {
        self.handles.iter().for_each(JoinHandle::abort);
    }
}

/// Dropping the set aborts the tasks still in it, as tokio's does.
impl<T> Drop for JoinSet<T> {
    fn drop(&mut self) {
        self.abort_all();
    }
}

impl<T: Send + 'static> Default for JoinSet<T> {
    fn default() -> Self {
        JoinSet::new()
    }
}

/// Run `program` `runs` times on tokio's multi-threaded runtime with
/// `workers` worker threads, and return what each run said. Real threads
/// pick: the orders differ from run to run, and each is one that
/// [`explore`] finds.
pub fn on_tokio<F, Fut>(workers: usize, runs: usize, program: F) -> Vec<Vec<String>>
where
    F: Fn(Trace) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .build()
        .expect("cannot start tokio's runtime");
    (0..runs)
        .map(|_| {
            let t = Trace::new();
            let main = runtime.spawn(program(t.clone()));
            if let Err(error) = runtime.block_on(main) {
                panic!("main failed on tokio: {}", JoinError::from(error));
            }
            t.texts()
        })
        .collect()
}
