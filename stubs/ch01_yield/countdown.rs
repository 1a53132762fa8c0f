//! Exercise `countdown` (implement). Page: "Who runs when" (interleaving.md).
//!
//! Make `countdown(t, from)` a generator that yields `from`, `from - 1`, …,
//! `1`. Just before it yields `N` it says `countdown: N`; when it has
//! yielded `1` and is resumed once more, it says `countdown: liftoff`.
//!
//! You may use: a `for` loop over a range with `rev`, `t.say`, `format!`,
//! `co.yield_(…).await`.
use genawaiter::rc::Gen;
use trace::Trace;

pub fn countdown(t: &Trace, from: u32) -> impl Iterator<Item = u32> {
    Gen::new(|co| async move {
        let _ = (&co, t, from); // quiets "unused" warnings: delete this line as you write yours
        todo!("for N from `from` down to 1: say `countdown: N`, yield N; then say `countdown: liftoff`")
    })
    .into_iter()
}
