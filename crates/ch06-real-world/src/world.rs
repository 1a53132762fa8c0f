// The chapter's pretend world: a network and a chat, over whatever `aio`
// means where this file is included (`src/lib.rs`: the crate `aio`;
// `tests/on_tokio/mod.rs`: the same functions over tokio). Included with
// `include!`, so no inner doc comment here.

// ANCHOR: network
/// How long a request takes to come back, in ticks: the round trip.
pub const LATENCY: u64 = 3;

/// Download `url` from a pretend network: the request goes out, and the
/// page comes back one round trip later. Nothing runs for real.
pub async fn fetch(url: &str) -> String {
    aio::say(format!("GET {url}"));
    aio::sleep(LATENCY).await;
    aio::say(format!("got {url}"));
    format!("<html>{url}</html>")
}
// ANCHOR_END: network

// ANCHOR: inbox
/// Messages arriving in a chat: each is (the tick it arrives, its text).
pub struct Inbox {
    messages: std::collections::VecDeque<(u64, &'static str)>,
}

impl Inbox {
    pub fn new(messages: &[(u64, &'static str)]) -> Inbox {
        Inbox {
            messages: messages.iter().copied().collect(),
        }
    }

    /// Wait for the next message; `None` when the chat is over.
    pub async fn next(&mut self) -> Option<&'static str> {
        let (at, text) = self.messages.pop_front()?;
        aio::sleep(at.saturating_sub(aio::now())).await;
        Some(text)
    }
}
// ANCHOR_END: inbox
