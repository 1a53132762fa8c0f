//! Exercise `left_running` (fix). Page: "Shutting down" (shutdown.md).
//!
//! Two workers run until `main` tells them to stop. Each says `starts`,
//! waits for the stop, and says `stops` as its last line; `main` says `all
//! stopped` once both have stopped, and only then.
//!
//! You may use: the `JoinSet`'s `join_next().await` (`None` once every
//! task's end has been taken).
use many::{JoinSet, say};
use tokio::sync::watch;
use trace::Trace;

pub async fn program(t: Trace) {
    let (stop, stopped) = watch::channel(false);
    let mut workers = JoinSet::new();
    for name in ["w1", "w2"] {
        let (t, mut stopped) = (t.clone(), stopped.clone());
        workers.spawn(async move {
            say(&t, format!("{name} starts")).await;
            stopped.changed().await.unwrap();
            say(&t, format!("{name} stops")).await;
        });
    }
    stop.send(true).unwrap();
    while let Some(stopped) = workers.join_next().await {
        stopped.unwrap();
    }
    say(&t, "all stopped").await;
}
