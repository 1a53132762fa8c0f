//! interleaving.md: who runs when. The generator and the loop take turns,
//! one line each side of every `yield`.
use genawaiter::rc::Gen;
use trace::Trace;

// ANCHOR: numbers
fn numbers(t: &Trace) -> impl Iterator<Item = u32> {
    Gen::new(|co| async move {
        t.say("gen: started");
        for i in 0..3 {
            t.say(format!("gen: before yield {i}"));
            co.yield_(i).await;
            t.say(format!("gen: after yield {i}"));
        }
        t.say("gen: finished");
    })
    .into_iter()
}
// ANCHOR_END: numbers

// ANCHOR: main
pub fn main(t: &Trace) {
    for i in numbers(t) {
        t.say(format!("loop: got {i}"));
    }
    t.say("loop: over");
}
// ANCHOR_END: main
