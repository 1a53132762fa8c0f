//! Two of the book's programs, unchanged, on tokio's current-thread
//! runtime instead of aio (see `on_tokio/mod.rs`), each checked against
//! `snapshots/<name>_tokio.snap`. swap-the-loop.md shows both traces.
mod on_tokio;

// `crate::fetch` and `crate::Inbox`, for the programs that use them.
use on_tokio::{Inbox, fetch};

// The test names contain `demos`: they are the book's programs, not
// exercises.
mod demos {
    use super::on_tokio;

    #[test]
    fn sequential_downloads() {
        harness::demo!("sequential_downloads_tokio").check(
            "sequential_downloads_tokio",
            on_tokio::sequential_downloads::main,
        );
    }

    #[test]
    fn bot_week() {
        harness::demo!("bot_week_tokio").check("bot_week_tokio", on_tokio::bot_week::main);
    }
}
