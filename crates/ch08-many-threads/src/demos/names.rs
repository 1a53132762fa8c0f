//! Two tasks, perhaps on two workers at once, add their names to one
//! list: an `Arc` to share it, a `std::sync::Mutex` to change it, locked
//! and unlocked within one step.

use std::sync::{Arc, Mutex};

use many::{say, spawn, yield_now};
use trace::Trace;

// ANCHOR: program
pub async fn program(t: Trace) {
    let names = Arc::new(Mutex::new(Vec::new()));
    let tasks: Vec<_> = ["A", "B"]
        .into_iter()
        .map(|name| {
            let names = Arc::clone(&names);
            spawn(async move {
                yield_now().await;
                // Locked and unlocked in this one statement: no await
                // while the lock is held.
                names.lock().unwrap().push(name);
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let names = names.lock().unwrap().join(", ");
    say(&t, format!("names: {names}")).await;
}
// ANCHOR_END: program
