//! Three of the book's programs, unchanged, on tokio's current-thread
//! runtime instead of aio (see `on_tokio/mod.rs`), each checked against
//! `snapshots/<name>_tokio.snap`. aio.md shows both traces and why they
//! differ where they do.
mod on_tokio;

// `crate::OnDrop`, for the programs that use it.
use on_tokio::OnDrop;

// The test names contain `demos`: they are the book's programs, not
// exercises.
mod demos {
    use super::on_tokio;

    #[test]
    fn ported() {
        harness::demo!("ported_tokio").check("ported_tokio", on_tokio::ported::main);
    }

    #[test]
    fn ping_pong() {
        harness::demo!("ping_pong_tokio").check("ping_pong_tokio", on_tokio::ping_pong::main);
    }

    #[test]
    fn timeout() {
        harness::demo!("timeout_tokio").check("timeout_tokio", on_tokio::timeout::main);
    }
}
