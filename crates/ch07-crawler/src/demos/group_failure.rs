//! concurrent.md: a task group whose tasks fail. Two of three pages do
//! not come back with 200, and their tasks fail; the group cancels the
//! one still running, waits for it, and reports both failures together.
//! (One, not several: Python's TaskGroup cancels its tasks in the order
//! of a set, which changes from run to run.)
use crate::{Response, fetch};
use trace::Trace;

// ANCHOR: main
/// Says `cancelled` if dropped while armed: a future is cancelled by
/// dropping it, so a `Drop` is Rust's `except CancelledError`.
struct SayIfCancelled {
    armed: bool,
}

impl Drop for SayIfCancelled {
    fn drop(&mut self) {
        if self.armed {
            aio::say("cancelled");
        }
    }
}

async fn fetch_ok(url: &'static str) -> Response {
    let mut cancelled = SayIfCancelled { armed: true };
    let response = fetch(url).await;
    cancelled.armed = false;
    if response.status != 200 {
        panic!("{url} answered {}", response.status);
    }
    response
}

pub fn main(t: &Trace) {
    aio::run(t, async {
        let group = aio::TaskGroup::new();
        for url in ["/broken", "/missing", "/c/slow"] {
            group.spawn(url, fetch_ok(url));
        }
        if let Err(failed) = group.join().await {
            for failure in &failed.failures {
                if let aio::TaskError::Failed { message, .. } = failure {
                    aio::say(format!("failed: {message}"));
                }
            }
        }
        aio::say("the group is over");
    });
}
// ANCHOR_END: main
