//! genloop.md: two tasks that give way with `sleep(0)` take turns, as in
//! chapter 3's round-robin.
use genloop::Cx;
use trace::Trace;

// ANCHOR: player
/// Three times: say `word`, give way.
pub async fn player(cx: Cx, word: &str) {
    for _ in 0..3 {
        cx.say(word);
        cx.sleep(0).await;
    }
}
// ANCHOR_END: player

// ANCHOR: main
pub fn main(t: &Trace) {
    genloop::run(t, |cx| async move {
        let a = cx.spawn("A", |cx| player(cx, "ping")).await;
        let b = cx.spawn("B", |cx| player(cx, "pong")).await;
        cx.join(&a).await;
        cx.join(&b).await;
    });
}
// ANCHOR_END: main
