//! Exercise `count_to_ten` (implement). Page: "The whole loop" (genloop.md).
//!
//! Make `program(t)` run three tasks, `A`, `B` and `C`, that each count
//! from 1 to 10 at the same time, one number a tick, then say `done`;
//! `main` waits for all three and then says `all counted`.
//!
//! You may use: a `for` loop, `cx.say`, `cx.sleep`, `cx.spawn`, `Vec::push`,
//! `cx.gather`.
use genloop::Cx;
use trace::Trace;

/// Says 1, 2, …, `to`, sleeping one tick after each number, then `done`.
async fn count(cx: Cx, to: u32) {
    let _ = (cx, to); // quiets "unused" warnings: delete this line as you write yours
    todo!("for n in 1..=to: say n, then sleep one tick; then say done")
}

pub fn program(t: &Trace) {
    genloop::run(t, |cx| async move {
        let _ = (&cx, count); // quiets "unused" warnings: delete this line as you write yours
        todo!("spawn tasks A, B and C, each running count(cx, 10); gather them; say `all counted`")
    });
}
