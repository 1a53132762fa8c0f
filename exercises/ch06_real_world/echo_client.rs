//! Exercise `echo_client` (implement). Page: "Real sockets" (sockets.md).
//!
//! Write `talk(addr, lines)`: connect to the echo server at `addr`; for
//! each line, send it with a `\n` at the end, read the server's answer up
//! to its `\n`, and keep the answer without the `\n`. Return the answers
//! in order.
//!
//! You may use: `TcpStream::connect`, `stream.write_all`,
//! `stream.read_line`, `str::trim_end`.
use aio::net::TcpStream;
use std::net::SocketAddr;

pub async fn talk(addr: SocketAddr, lines: &[&str]) -> Vec<String> {
    let _ = (addr, lines, TcpStream::connect); // quiets "unused" warnings
    todo!("TcpStream::connect(addr).await; then write_all each line + \\n and read_line its answer")
}
