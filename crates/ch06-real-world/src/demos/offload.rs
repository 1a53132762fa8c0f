//! blocking.md: the same slow work as in `blocking`, moved to a thread
//! with `aio::to_thread`. `main` waits for it with `.await`, so the loop
//! goes on, and the heartbeat keeps beating.
use crate::resize;
use trace::Trace;

async fn heartbeat(beats: u32) {
    for _ in 0..beats {
        aio::say("beat");
        aio::sleep(1).await;
    }
}

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let beating = aio::spawn("heartbeat", heartbeat(6));
        aio::sleep(2).await;
        aio::say("resizing photo.png");
        let thumb = aio::to_thread(3, || resize("photo.png")).await;
        aio::say(format!("made {thumb}"));
        beating.await;
    });
}
// ANCHOR_END: main
