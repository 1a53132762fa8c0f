//! Two tasks, two lines each, and `main` waits for both: on a runtime
//! with several workers, any of the six ways to shuffle their lines.

use many::{say, spawn};
use trace::Trace;

// ANCHOR: program
pub async fn program(t: Trace) {
    let a = spawn(two_lines(t.clone(), "a"));
    let b = spawn(two_lines(t.clone(), "b"));
    a.await.unwrap();
    b.await.unwrap();
    say(&t, "done").await;
}

async fn two_lines(t: Trace, name: &'static str) {
    say(&t, format!("{name}1")).await;
    say(&t, format!("{name}2")).await;
}
// ANCHOR_END: program
