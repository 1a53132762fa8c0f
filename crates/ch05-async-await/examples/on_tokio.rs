//! `cargo run -p ch05-async-await --example on_tokio -- ping_pong`: one of
//! the book's programs on tokio's current-thread runtime (`ported`,
//! `ping_pong` or `timeout`), printing its trace. The same program on aio
//! is `--example ping_pong`.
#[path = "../tests/on_tokio/mod.rs"]
mod on_tokio;

// `crate::OnDrop`, for the programs that use it.
use on_tokio::OnDrop;

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let program = match name.as_str() {
        "ported" => on_tokio::ported::main,
        "ping_pong" => on_tokio::ping_pong::main,
        "timeout" => on_tokio::timeout::main,
        _ => {
            eprintln!("which program? ported, ping_pong or timeout");
            std::process::exit(2);
        }
    };
    let t = trace::Trace::new();
    program(&t);
    print!("{}", t.render());
}
