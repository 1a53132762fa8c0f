//! Exercise `lost_update` (fix). Page: "A lock across an await" (locks.md).
//!
//! Two tasks each add one to a shared count, so it must end at 2, on every
//! schedule. Each task says what it read and what it wrote, and says each
//! line while no other task can touch the count, so that the lines tell
//! the truth about when each read and write happened.
//!
//! You may use: `tokio::sync::Mutex` (`lock().await`), `Arc`.
use std::sync::Arc;

use many::{say, spawn};
use tokio::sync::Mutex;
use trace::Trace;

async fn add_one(t: &Trace, name: &str, count: &Mutex<u32>) {
    let mut count = count.lock().await;
    say(t, format!("{name} reads {count}")).await;
    *count += 1;
    say(t, format!("{name} writes {count}")).await;
}

pub async fn program(t: Trace) {
    let count = Arc::new(Mutex::new(0));
    let tasks: Vec<_> = ["A", "B"]
        .into_iter()
        .map(|name| {
            let (t, count) = (t.clone(), count.clone());
            spawn(async move { add_one(&t, name, &count).await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let total = *count.lock().await;
    say(&t, format!("count = {total}")).await;
}
