//! task-state.md: task A holds a `borrow_mut` of the shared list across an
//! `.await`; task B, running meanwhile, borrows it too and panics. The
//! run fails, and the demo says what the loop reports.
use std::cell::RefCell;
use std::rc::Rc;

use trace::{Stamp, Trace};

// ANCHOR: main
pub fn main(t: &Trace) {
    let outcome = aio::try_run(t, async {
        let lines = Rc::new(RefCell::new(vec![String::from("first")]));
        let writer = aio::spawn("A", {
            let lines = Rc::clone(&lines);
            async move {
                let mut guard = lines.borrow_mut(); // borrowed from here…
                aio::say("borrows the list");
                aio::sleep(1).await; // …across this await…
                guard.push(String::from("A was here"));
                aio::say("pushed");
            } // …to here, where `guard` is dropped
        });
        let reader = aio::spawn("B", {
            let lines = Rc::clone(&lines);
            async move {
                aio::say("pushes too");
                lines.borrow_mut().push(String::from("B was here")); // A still holds it: panic
                aio::say("pushed");
            }
        });
        aio::gather(&[writer, reader]).await;
    });
    if let Err(error) = outcome {
        said_by_try_run(t, format!("the run failed: {error}"));
    }
}
// ANCHOR_END: main

/// Say `text` after the run, stamped with the time the loop stopped and
/// the name `try_run` (the loop's own stamp would name the task it polled
/// last).
fn said_by_try_run(t: &Trace, text: String) {
    let time = t.stamp().map_or(0, |stamp| stamp.time);
    t.set_stamper(move || Stamp {
        time,
        task: "try_run".into(),
    });
    t.say(text);
}
