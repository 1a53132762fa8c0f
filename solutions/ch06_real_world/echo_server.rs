//! Exercise `echo_server` (implement). Page: "Real sockets" (sockets.md).
//!
//! `serve(listener, clients)` accepts `clients` connections, one after the
//! other, and serves each in its own task, so that they are all served at
//! once: read a line, write it back in capitals, until the client closes
//! its side (a read of 0 bytes). It returns once it has accepted them all.
//! It says nothing: with real sockets, which client gets served first is
//! up to the network.
//!
//! You may use: `listener.accept`, `aio::spawn`, `stream.read_line`,
//! `stream.write_all`, `str::to_uppercase`.
use aio::net::{TcpListener, TcpStream};

pub async fn serve(mut listener: TcpListener, clients: usize) {
    for n in 1..=clients {
        let (stream, _) = listener.accept().await.expect("accept");
        aio::spawn(&format!("handler {n}"), handle(stream));
    }
}

async fn handle(mut stream: TcpStream) {
    let mut line = String::new();
    loop {
        line.clear();
        // 0: the client closed its side. An error (the client reset the
        // connection, or sent bytes that are not text) ends this client
        // too: one bad client must not bring the server down.
        match stream.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        if stream
            .write_all(line.to_uppercase().as_bytes())
            .await
            .is_err()
        {
            return; // it went away without reading its answer
        }
    }
}
