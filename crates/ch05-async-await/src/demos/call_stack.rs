//! call-stack.md: a task's frames are on the thread's stack only while
//! it is polled. Each level of `outer > middle > inner` is wrapped in
//! `frame`, which keeps its name on a stack of names while it is polled,
//! and `inner` says that stack before its `sleep` and after it.
use std::cell::RefCell;
use std::future::{Future, poll_fn};
use std::pin::pin;
use trace::Trace;

// ANCHOR: frame
thread_local! {
    /// The names of the frames being polled now.
    static STACK: RefCell<Vec<&'static str>> =
        const { RefCell::new(Vec::new()) };
}

/// `inner`, with `name` on the stack while
/// it is polled.
async fn frame<F>(name: &'static str, inner: F) -> F::Output
where
    F: Future,
{
    let mut inner = pin!(inner);
    poll_fn(|cx| {
        STACK.with_borrow_mut(|s| s.push(name));
        let poll = inner.as_mut().poll(cx);
        STACK.with_borrow_mut(|s| s.pop());
        poll
    })
    .await
}

fn say_stack() {
    let names = STACK.with_borrow(|s| s.join(" > "));
    aio::say(format!("stack: {names}"));
}
// ANCHOR_END: frame

// ANCHOR: chain
async fn outer() {
    frame("middle", middle()).await;
}

async fn middle() {
    frame("inner", inner()).await;
}

async fn inner() {
    say_stack();
    aio::sleep(1).await;
    say_stack();
}

async fn other() {
    frame("inner", inner()).await;
}
// ANCHOR_END: chain

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let a = aio::spawn("A", frame("outer", outer()));
        let b = aio::spawn("B", frame("other", other()));
        a.await;
        b.await;
    });
}
// ANCHOR_END: main
