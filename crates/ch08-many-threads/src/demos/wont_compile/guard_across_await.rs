use std::sync::{Arc, Mutex};

// ANCHOR: program
async fn add_one(t: trace::Trace, count: Arc<Mutex<u32>>) {
    let mut count = count.lock().unwrap();
    many::say(&t, format!("reads {count}")).await;
    *count += 1;
}

fn start(t: trace::Trace, count: Arc<Mutex<u32>>) {
    many::spawn(add_one(t, count));
}
// ANCHOR_END: program
