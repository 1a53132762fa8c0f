//! Exercise `lazy` (predict). Page: "A function that yields" (generators.md).
//!
//! `PREDICTION` holds the lines `program` says, in order, one string a
//! line. Creating the generator runs none of its body; `next` runs it up to
//! the first `yield`, and nothing resumes it after that.
//!
//! You may use: what the page says about when a generator's body runs;
//! write only `PREDICTION`.
use genawaiter::rc::Gen;
use trace::Trace;

fn steps(t: &Trace) -> impl Iterator<Item = u32> {
    Gen::new(|co| async move {
        t.say("steps: started");
        co.yield_(1).await;
        t.say("steps: resumed");
        co.yield_(2).await;
        t.say("steps: finished");
    })
    .into_iter()
}

pub fn program(t: &Trace) {
    t.say("main: calling steps()");
    let mut generator = steps(t);
    t.say("main: got a generator");
    let first = generator.next();
    t.say(format!("main: next gave {first:?}"));
    t.say("main: done");
}

pub const PREDICTION: &[&str] = &[
    "main: calling steps()",
    "main: got a generator",
    "steps: started",
    "main: next gave Some(1)",
    "main: done",
];
