// aio.md: two tasks that give way with `yield_now` take turns, as in
// chapter 4. No `//!` here: tests/tokio.rs includes this file to run it on
// tokio too (see mod.rs).
use trace::Trace;

// ANCHOR: player
/// Three times: say `word`, give way.
async fn player(word: &str) {
    for _ in 0..3 {
        aio::say(word);
        aio::yield_now().await;
    }
}
// ANCHOR_END: player

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let a = aio::spawn("A", player("ping"));
        let b = aio::spawn("B", player("pong"));
        a.await;
        b.await;
    });
}
// ANCHOR_END: main
