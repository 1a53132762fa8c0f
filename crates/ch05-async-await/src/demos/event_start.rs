//! sharing.md: an `Event` as a starting signal. Every task waiting for it
//! is woken when it is set; one that comes later does not wait.
use aio::Event;
use trace::Trace;

// ANCHOR: runner
async fn runner(start: Event) {
    aio::say("on the line");
    start.wait().await;
    aio::say("runs");
}
// ANCHOR_END: runner

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let start = Event::new();
        for name in ["A", "B", "C"] {
            aio::spawn(name, runner(start.clone()));
        }
        aio::sleep(2).await;
        aio::say("go!");
        start.set();
        let late = aio::spawn("late", runner(start.clone()));
        late.await;
        aio::say(format!(
            "still set: {}",
            if start.is_set() { "True" } else { "False" }
        ));
    });
}
// ANCHOR_END: main
