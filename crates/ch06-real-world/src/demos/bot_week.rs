// bot.md: the repaired bot, for a week. A tick is an hour: maintenance
// every 24 ticks, and a message now and then, each answered when it
// arrives. A week of virtual time runs in milliseconds. No `//!` here:
// tests/tokio.rs includes this file to run it on tokio too (see mod.rs).
use crate::Inbox;
use trace::Trace;

// ANCHOR: bot
/// Once a day, for `days` days.
async fn daily_maintenance(days: u32) {
    for day in 1..=days {
        aio::say(format!("maintenance, day {day}"));
        aio::sleep(24).await;
    }
}

/// Every message, as soon as it arrives.
async fn answer_messages(mut inbox: Inbox) {
    while let Some(message) = inbox.next().await {
        aio::say(format!("answered {message:?}"));
    }
}
// ANCHOR_END: bot

// ANCHOR: main
/// A week of messages: (the hour it arrives, its text).
const WEEK: &[(u64, &str)] = &[
    (1, "hi"),
    (9, "what's new?"),
    (26, "help"),
    (48, "are you there?"),
    (75, "thanks"),
    (100, "ping"),
    (121, "status?"),
    (150, "bye"),
];

pub fn main(t: &Trace) {
    aio::run(t, async {
        let maintenance = aio::spawn("maintenance", daily_maintenance(7));
        let answers = aio::spawn("answers", answer_messages(Inbox::new(WEEK)));
        maintenance.await;
        answers.await;
        aio::say("a week has gone by");
    });
}
// ANCHOR_END: main
