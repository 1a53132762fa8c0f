//! Exercise `lazy` (predict). Page: "A function that yields" (generators.md).
//!
//! Read `program` without running it and write in `PREDICTION` the lines it
//! says, in order, one string a line. Leave the program as it is: the test
//! checks that it still says what it said when the exercise was written.
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

pub const PREDICTION: &[&str] = &[];
