//! Exercise `echo_server` (implement). Page: "Real sockets" (sockets.md).
//!
//! Write `serve(listener, clients)`: accept `clients` connections, one
//! after the other, and serve each in its own task, so that they are all
//! served at once: read a line, write it back in capitals, until the
//! client closes its side (a read of 0 bytes). Return once all are
//! accepted. Say nothing: with real sockets, which client gets served
//! first is up to the network.
//!
//! You may use: `listener.accept`, `aio::spawn`, `stream.read_line`,
//! `stream.write_all`, `str::to_uppercase`.
use aio::net::{TcpListener, TcpStream};

pub async fn serve(listener: TcpListener, clients: usize) {
    let _ = (listener, clients, None::<TcpStream>); // quiets "unused" warnings
    todo!(
        "for each client: listener.accept().await, then aio::spawn a task that echoes its lines in capitals"
    )
}
