//! Exercise `bot` (fix). Page: "The bot" (bot.md).
//!
//! The bot answers every message as soon as it arrives, and does its
//! maintenance once a day (every 24 ticks), both at once.
//!
//! You may use: `aio::sleep`.
use crate::Inbox;
use trace::Trace;

async fn daily_maintenance(days: u32) {
    for day in 1..=days {
        aio::say(format!("maintenance, day {day}"));
        aio::sleep(24).await;
    }
}

async fn answer_messages(mut inbox: Inbox) {
    while let Some(message) = inbox.next().await {
        aio::say(format!("answered {message:?}"));
    }
}

pub fn program(t: &Trace) {
    aio::run(t, async {
        let inbox = Inbox::new(&[(1, "hi"), (5, "help"), (30, "bye")]);
        let maintenance = aio::spawn("maintenance", daily_maintenance(2));
        let answers = aio::spawn("answers", answer_messages(inbox));
        maintenance.await;
        answers.await;
    });
}
