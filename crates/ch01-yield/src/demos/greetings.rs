//! generators.md: the first generator. Three yields written one after the
//! other (no loop), so the only new thing is the genawaiter shape.
use trace::Trace;

// ANCHOR: greetings
use genawaiter::rc::Gen;

pub fn greetings() -> impl Iterator<Item = &'static str> {
    Gen::new(|co| async move {
        co.yield_("Hello").await;
        co.yield_("Bonjour").await;
        co.yield_("Hola").await;
    })
    .into_iter()
}
// ANCHOR_END: greetings

// ANCHOR: main
pub fn main(t: &Trace) {
    for word in greetings() {
        t.say(word);
    }
}
// ANCHOR_END: main
