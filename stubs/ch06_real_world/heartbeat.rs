//! Exercise `heartbeat` (fix). Page: "Blocking calls" (blocking.md).
//!
//! While thumbnails are made (2 ticks of slow work each), the heartbeat
//! should keep beating every tick. It falls silent. Find out why and
//! repair it.
//!
//! You may use: `aio::to_thread` with a `move` closure.
use crate::resize;
use trace::Trace;

async fn heartbeat(beats: u32) {
    for _ in 0..beats {
        aio::say("beat");
        aio::sleep(1).await;
    }
}

async fn thumbnails(images: &[&'static str]) -> Vec<String> {
    let mut thumbs = Vec::new();
    for &image in images {
        aio::say(format!("resizing {image}"));
        aio::block(2); // the slow work takes 2 ticks
        let thumb = resize(image);
        thumbs.push(thumb);
    }
    thumbs
}

pub fn program(t: &Trace) {
    aio::run(t, async {
        let beating = aio::spawn("heartbeat", heartbeat(5));
        let thumbs = aio::spawn("thumbnails", thumbnails(&["a.png", "b.png"])).await;
        aio::say(format!("made {}", thumbs.join(", ")));
        beating.await;
    });
}
