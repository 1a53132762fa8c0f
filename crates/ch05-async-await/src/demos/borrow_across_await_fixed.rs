//! task-state.md: the fix of `borrow_across_await`. Task A borrows the
//! list only for the push, after its await, so task B can push to it
//! meanwhile.
use std::cell::RefCell;
use std::rc::Rc;

use trace::Trace;

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let lines = Rc::new(RefCell::new(vec![String::from("first")]));
        let writer = aio::spawn("A", {
            let lines = Rc::clone(&lines);
            async move {
                let first = lines.borrow()[0].clone(); // take what you need…
                aio::say(format!("reads {first}")); // …the borrow has ended
                aio::sleep(1).await; // no borrow held across the await
                lines.borrow_mut().push(String::from("A was here")); // borrowed for one line
                aio::say("pushed");
            }
        });
        let reader = aio::spawn("B", {
            let lines = Rc::clone(&lines);
            async move {
                aio::say("pushes too");
                lines.borrow_mut().push(String::from("B was here"));
                aio::say("pushed");
            }
        });
        aio::gather(&[writer, reader]).await;
        aio::say(lines.borrow().join(", "));
    });
}
// ANCHOR_END: main
