//! round-robin.md: a task that does all its work without yielding keeps
//! every other task waiting until it is done.
use crate::scheduler::round_robin;
use crate::{Task, task};
use trace::Trace;

// ANCHOR: tasks
fn polite<'a>(t: &'a Trace, name: &'static str, steps: u32) -> Task<'a> {
    task(move |co| async move {
        for step in 1..=steps {
            t.say(format!("{name}: step {step}"));
            co.yield_(()).await;
        }
        t.say(format!("{name}: done"));
    })
}

fn hog(t: &Trace) -> Task<'_> {
    task(move |co| async move {
        for chunk in 1..=3 {
            t.say(format!("hog: chunk {chunk}"));
        }
        t.say("hog: done");
        co.yield_(()).await; // a task all the same, but it yields only at the end
    })
}
// ANCHOR_END: tasks

// ANCHOR: main
pub fn main(t: &Trace) {
    round_robin(vec![polite(t, "A", 2), hog(t), polite(t, "B", 2)]);
}
// ANCHOR_END: main
