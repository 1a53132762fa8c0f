//! Chapter 6's echo server, the reference answer of its exercise
//! `echo_server`, compiled here as it is, and clients for it.
use std::time::Instant;

use super::{Echo, NO_BUDGET, timed};
use crate::{Measured, alloc};
use aio::net::{TcpListener, TcpStream};

#[path = "../../../../solutions/ch06_real_world/echo_server.rs"]
mod echo_server;

/// The line client `n` sends, and the answer it expects.
fn line(n: usize) -> (String, String) {
    let sent = format!("hello from client {n}\n");
    let answer = sent.to_uppercase();
    (sent, answer)
}

/// A client's socket, on any of the runtimes: what [`converse`] needs.
pub(super) trait LineSocket {
    async fn send(&mut self, line: &str) -> std::io::Result<()>;
    async fn receive(&mut self, line: &mut String) -> std::io::Result<usize>;
}

impl LineSocket for TcpStream {
    async fn send(&mut self, line: &str) -> std::io::Result<()> {
        self.write_all(line.as_bytes()).await
    }

    async fn receive(&mut self, line: &mut String) -> std::io::Result<usize> {
        self.read_line(line).await
    }
}

/// Client `n`'s side, on any runtime: `messages` lines, one at a time,
/// each answer checked before the next line is sent.
pub(super) async fn converse(
    socket: &mut impl LineSocket,
    n: usize,
    messages: usize,
) -> Result<(), String> {
    let (sent, expected) = line(n);
    let mut answer = String::new();
    for _ in 0..messages {
        socket.send(&sent).await.map_err(|e| e.to_string())?;
        answer.clear();
        socket
            .receive(&mut answer)
            .await
            .map_err(|e| e.to_string())?;
        if answer != expected {
            return Err(format!("client {n} sent {sent:?} and got {answer:?}"));
        }
    }
    Ok(())
}

async fn client(addr: std::net::SocketAddr, n: usize, messages: usize) -> Result<(), String> {
    let mut stream = TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
    converse(&mut stream, n, messages).await?;
    stream.shutdown_write().map_err(|e| e.to_string())
}

/// The server and its clients on one aio loop, over loopback.
pub fn on_aio(e: Echo) -> Result<Measured, String> {
    let trace = trace::Trace::new();
    aio::try_run_with_budget(&trace, NO_BUDGET, async move {
        let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let base = alloc::start();
        let start = Instant::now();
        let server = aio::spawn("server", echo_server::serve(listener, e.clients));
        let clients: Vec<_> = (1..=e.clients)
            .map(|n| aio::spawn("client", client(addr, n, e.messages)))
            .collect();
        for client in clients {
            client.await?;
        }
        server.await;
        Ok(timed(start, e.round_trips(), base))
    })
    .map_err(|error| error.to_string())?
}
