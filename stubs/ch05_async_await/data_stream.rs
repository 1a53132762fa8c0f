//! Exercise `data_stream` (implement). Page: "Async iteration" (streams.md).
//!
//! Write `next` for `DataStream`, Python's `AsyncDataStream`:
//! `next().await` waits one tick (the data is slow to arrive), says
//! `stream: sending N`, and gives the next item; once every item is sent
//! it gives `None` at once, saying nothing.
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
        let _ = &mut self.items; // quiets the "unused" warning until you use it
        todo!(
            "take the next item (None if there is none); sleep one tick; say `stream: sending N`; give it"
        )
    }
}
