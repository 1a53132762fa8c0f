//! Exercise `half_a_frame` (fix). Page: "The branch that loses" (select.md).
//!
//! The reader takes frames from `parts`, two parts a frame, and ticks from
//! `ticks`, whichever comes first, until both channels are closed. Every
//! frame must arrive whole and in order, `a1+a2` then `b1+b2`, on every
//! schedule; the ticks may fall anywhere between them. On some schedules a
//! part goes missing: make every frame arrive whole.
//!
//! You may use: `Option` and `take`, a `&mut` parameter; keep the
//! `select!` and its branches.
use many::{say, spawn};
use tokio::sync::mpsc;
use trace::Trace;

/// A frame: two parts, read one after the other.
async fn read_frame(parts: &mut mpsc::Receiver<&'static str>) -> Option<String> {
    let first = parts.recv().await?;
    let second = parts.recv().await?;
    Some(format!("{first}+{second}"))
}

pub async fn program(t: Trace) {
    let (send_part, mut parts) = mpsc::channel(1);
    let (send_tick, mut ticks) = mpsc::channel(1);
    let sender = spawn(async move {
        for part in ["a1", "a2", "b1", "b2"] {
            send_part.send(part).await.unwrap();
        }
    });
    let ticker = spawn(async move {
        for _ in 0..2 {
            send_tick.send(()).await.unwrap();
        }
    });
    // ANCHOR: select
    loop {
        tokio::select! {
            biased;
            Some(frame) = read_frame(&mut parts) => say(&t, format!("frame {frame}")).await,
            Some(()) = ticks.recv() => say(&t, "tick").await,
            else => break,
        }
    }
    // ANCHOR_END: select
    sender.await.unwrap();
    ticker.await.unwrap();
    say(&t, "done").await;
}
