//! sharing.md: two tasks count visits in one counter. Each reads it,
//! gives way, and writes what it read plus one: half the visits are lost,
//! on one thread.
use std::cell::Cell;
use std::rc::Rc;

use trace::Trace;

// ANCHOR: visit
async fn count_visits(counter: Rc<Cell<u32>>, visits: u32) {
    for _ in 0..visits {
        let seen = counter.get();
        aio::say(format!("reads {seen}"));
        aio::yield_now().await; // a call to the database, say
        counter.set(seen + 1);
        aio::say(format!("writes {}", seen + 1));
    }
}
// ANCHOR_END: visit

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let counter = Rc::new(Cell::new(0));
        let a = aio::spawn("A", count_visits(counter.clone(), 2));
        let b = aio::spawn("B", count_visits(counter.clone(), 2));
        aio::gather(&[a, b]).await;
        aio::say(format!("visits counted: {}, visits made: 4", counter.get()));
    });
}
// ANCHOR_END: main
