//! Exercise `which_orders` (predict). Page: "Every order at once" (orders.md).
//!
//! Read `program` without running it and write in `PREDICTION` every
//! order of lines it can print when its tasks run on several workers, one
//! string an order, its lines separated by spaces (`"a1 a2 b1 b2 done"`).
//! Each order once; the order of the strings does not matter. Leave the
//! program as it is: the test checks that it can still print what it could
//! when the exercise was written.
//!
//! You may use: the page's rules (a task's lines stay in its order; what a
//! task waits for comes first); write only `PREDICTION`.
use many::{say, spawn};
use tokio::sync::oneshot;
use trace::Trace;

pub async fn program(t: Trace) {
    let (sent, received) = oneshot::channel();
    let a = spawn({
        let t = t.clone();
        async move {
            say(&t, "a1").await;
            sent.send(()).unwrap();
            say(&t, "a2").await;
        }
    });
    let b = spawn({
        let t = t.clone();
        async move {
            say(&t, "b1").await;
            received.await.unwrap();
            say(&t, "b2").await;
        }
    });
    a.await.unwrap();
    b.await.unwrap();
    say(&t, "done").await;
}

pub const PREDICTION: &[&str] = &[
    "a1 a2 b1 b2 done",
    "a1 b1 a2 b2 done",
    "a1 b1 b2 a2 done",
    "b1 a1 a2 b2 done",
    "b1 a1 b2 a2 done",
];
