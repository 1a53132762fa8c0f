//! blocking.md: a blocking call inside a task. The heartbeat beats every
//! tick, until `main` makes a call that takes 3 ticks without giving way:
//! nothing beats meanwhile, and the beat that was due comes late.
use crate::resize;
use trace::Trace;

// ANCHOR: heartbeat
/// A beat every tick: while it beats, the loop is free to run tasks.
async fn heartbeat(beats: u32) {
    for _ in 0..beats {
        aio::say("beat");
        aio::sleep(1).await;
    }
}
// ANCHOR_END: heartbeat

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let beating = aio::spawn("heartbeat", heartbeat(6));
        aio::sleep(2).await;
        aio::say("resizing photo.png");
        aio::block(3); // slow work, 3 ticks: Python's time.sleep(3)
        let thumb = resize("photo.png");
        aio::say(format!("made {thumb}"));
        beating.await;
    });
}
// ANCHOR_END: main
