//! Exercise `data_stream` (implement). Page: "Async iteration" (streams.md).
//!
//! `DataStream` is Python's `AsyncDataStream`: `next().await` waits one
//! tick (the data is slow to arrive), says `stream: sending N`, and gives
//! the next item; once every item is sent it gives `None` at once, saying
//! nothing.
//!
//! You may use: `pop_front`, `?` on an `Option`, `aio::sleep`, `aio::say`,
//! `format!`, `Some`.
use std::collections::VecDeque;

pub struct DataStream {
    items: VecDeque<u32>,
}

impl DataStream {
    pub fn new(items: &[u32]) -> DataStream {
        DataStream {
            items: items.iter().copied().collect(),
        }
    }

    pub async fn next(&mut self) -> Option<u32> {
        let item = self.items.pop_front()?;
        aio::sleep(1).await;
        aio::say(format!("stream: sending {item}"));
        Some(item)
    }
}
