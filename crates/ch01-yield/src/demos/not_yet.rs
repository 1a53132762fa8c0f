//! generators.md: calling a generator function runs none of its body; the
//! first resume (here, the for loop's first `next`) does.
use genawaiter::rc::Gen;
use trace::Trace;

// ANCHOR: greetings
fn greetings(t: &Trace) -> impl Iterator<Item = &'static str> {
    Gen::new(|co| async move {
        t.say("greetings: started");
        co.yield_("Hello").await;
        co.yield_("Bonjour").await;
        co.yield_("Hola").await;
    })
    .into_iter()
}
// ANCHOR_END: greetings

// ANCHOR: main
pub fn main(t: &Trace) {
    t.say("main: calling greetings()");
    let words = greetings(t);
    t.say("main: got a generator; greetings has said nothing yet");
    for word in words {
        t.say(format!("main: {word}"));
    }
}
// ANCHOR_END: main
