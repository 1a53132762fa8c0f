//! fibonacci.md: a generator that never finishes is fine, as long as the
//! consumer stops asking.
use genawaiter::rc::Gen;
use trace::Trace;

// ANCHOR: count_from
fn count_from(start: u64) -> impl Iterator<Item = u64> {
    Gen::new(|co| async move {
        let mut n = start;
        loop {
            co.yield_(n).await;
            n += 1;
        }
    })
    .into_iter()
}
// ANCHOR_END: count_from

// ANCHOR: main
pub fn main(t: &Trace) {
    for n in count_from(10).take(3) {
        t.say(format!("take: {n}"));
    }
    for n in count_from(10) {
        if n > 12 {
            break;
        }
        t.say(format!("break: {n}"));
    }
}
// ANCHOR_END: main
