//! `cargo run -p ch06-real-world --example on_tokio -- bot_week`: one of
//! the book's programs on tokio's current-thread runtime
//! (`sequential_downloads` or `bot_week`), printing its trace. The same
//! program on aio is `--example bot_week`.
#[path = "../tests/on_tokio/mod.rs"]
mod on_tokio;

// `crate::fetch` and `crate::Inbox`, for the programs that use them.
use on_tokio::{Inbox, fetch};

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let program = match name.as_str() {
        "sequential_downloads" => on_tokio::sequential_downloads::main,
        "bot_week" => on_tokio::bot_week::main,
        _ => {
            eprintln!("which program? sequential_downloads or bot_week");
            std::process::exit(2);
        }
    };
    let t = trace::Trace::new();
    program(&t);
    print!("{}", t.render());
}
