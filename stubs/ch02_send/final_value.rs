//! Exercise `final_value` (predict). Page: "Return values, and driving by hand" (return-values.md).
//!
//! Read `program` without running it and write in `PREDICTION` the lines it
//! says, in order, one string a line. Leave the program as it is: the test
//! checks that it still says what it said when the exercise was written.
//!
//! You may use: the page's rules for `resume_with`, `Yielded` and
//! `Complete`; write only `PREDICTION`.
use genawaiter::GeneratorState::{Complete, Yielded};
use genawaiter::rc::{Co, Gen};
use std::future::Future;
use trace::Trace;

fn tally(t: &Trace) -> Gen<usize, Option<&'static str>, impl Future<Output = usize>> {
    Gen::new(|co: Co<usize, Option<&str>>| async move {
        let mut words = 0;
        let mut letters = 0;
        while let Some(word) = co.yield_(letters).await {
            words += 1;
            letters += word.len();
            t.say(format!("tally: {word}"));
        }
        t.say("tally: returning");
        words
    })
}

pub fn program(t: &Trace) {
    let mut g = tally(t);
    g.resume_with(None);
    for word in [Some("yield"), Some("send"), None, Some("await")] {
        match g.resume_with(word) {
            Yielded(letters) => t.say(format!("main: Yielded({letters})")),
            Complete(words) => {
                t.say(format!("main: Complete({words})"));
                break;
            }
        }
    }
}

pub const PREDICTION: &[&str] = &[];
