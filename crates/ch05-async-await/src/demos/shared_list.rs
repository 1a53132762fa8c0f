//! task-state.md: three tasks push to one list that main made. Each task
//! owns a clone of the `Rc`, moved into its `async move` block, so none of
//! them borrows from `main`.
use std::cell::RefCell;
use std::rc::Rc;

use trace::Trace;

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let lines = Rc::new(RefCell::new(Vec::new()));
        let mut tasks = Vec::new();
        for (name, ticks) in [("A", 3), ("B", 1), ("C", 2)] {
            let lines = Rc::clone(&lines); // this task's own handle
            tasks.push(aio::spawn(name, async move {
                aio::sleep(ticks).await;
                lines.borrow_mut().push(format!("{name} after {ticks}"));
                aio::say("pushed");
            }));
        }
        aio::gather(&tasks).await;
        aio::say(lines.borrow().join(", "));
    });
}
// ANCHOR_END: main
