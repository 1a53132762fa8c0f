//! Exercise `echo_client` (implement). Page: "Real sockets" (sockets.md).
//!
//! `talk(addr, lines)` connects to the echo server at `addr`, and for
//! each line sends it with a `\n` at the end, reads the server's answer
//! up to its `\n`, and keeps the answer without the `\n`. It returns the
//! answers in order.
//!
//! You may use: `TcpStream::connect`, `stream.write_all`,
//! `stream.read_line`, `str::trim_end`.
use aio::net::TcpStream;
use std::net::SocketAddr;

pub async fn talk(addr: SocketAddr, lines: &[&str]) -> Vec<String> {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let mut answers = Vec::new();
    for line in lines {
        stream
            .write_all(format!("{line}\n").as_bytes())
            .await
            .expect("write");
        let mut answer = String::new();
        stream.read_line(&mut answer).await.expect("read");
        answers.push(answer.trim_end().to_string());
    }
    answers
}
