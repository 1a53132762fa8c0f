//! A `broadcast` channel: every subscriber gets every message, in the
//! order it was sent, whoever reads first.

use many::{say, spawn};
use tokio::sync::broadcast;
use trace::Trace;

// ANCHOR: program
pub async fn program(t: Trace) {
    let (news, _) = broadcast::channel(4);
    let readers: Vec<_> = ["r1", "r2"]
        .into_iter()
        .map(|name| {
            let (t, mut inbox) = (t.clone(), news.subscribe());
            spawn(async move {
                // `Err` once the sender is gone and every message is read.
                while let Ok(item) = inbox.recv().await {
                    say(&t, format!("{name} got {item}")).await;
                }
            })
        })
        .collect();
    for item in ["x", "y"] {
        news.send(item).unwrap();
    }
    drop(news);
    for reader in readers {
        reader.await.unwrap();
    }
    say(&t, "done").await;
}
// ANCHOR_END: program
