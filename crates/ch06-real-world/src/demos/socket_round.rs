//! sockets.md: when a socket's task runs. A ticker says a line each
//! round; a reader waits for a line from a real socket, which a writer
//! sends. The loop sees the data at the start of the round after the
//! write, and the reader runs in the round after that, as in asyncio.
use aio::net::{TcpListener, TcpStream};
use aio::say;
use trace::Trace;

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        // A connection with both ends in main: `near` writes, `far` reads.
        let mut listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut near = TcpStream::connect(listener.local_addr().unwrap())
            .await
            .unwrap();
        let (mut far, _) = listener.accept().await.unwrap();
        let far_socket = socket_of(&far);

        let ticker = aio::spawn("ticker", async {
            for i in 0..4 {
                say(format!("round {}", i + 1));
                aio::yield_now().await;
            }
        });
        let reader = aio::spawn("reader", async move {
            say("waits for a line");
            let mut line = String::new();
            far.read_line(&mut line).await.unwrap();
            say(format!("got '{}'", line.trim_end()));
        });
        let writer = aio::spawn("writer", async move {
            near.write_all(b"hello\n").await.unwrap();
            until_readable(&far_socket);
            say("sent a line");
        });
        ticker.await;
        reader.await;
        writer.await;
    });
}
// ANCHOR_END: main

/// A second handle on `stream`'s socket, for [`until_readable`].
fn socket_of(stream: &TcpStream) -> std::net::TcpStream {
    #[cfg(unix)]
    let socket = std::os::fd::AsFd::as_fd(stream).try_clone_to_owned();
    #[cfg(windows)]
    let socket = std::os::windows::io::AsSocket::as_socket(stream).try_clone_to_owned();
    std::net::TcpStream::from(socket.expect("a second handle on the socket"))
}

/// Wait, for real, until `socket` has data to read: so the trace does not
/// depend on how fast the system delivers it. (The socket is aio's, so it
/// does not block: peek until it has a byte.)
fn until_readable(socket: &std::net::TcpStream) {
    while let Err(error) = socket.peek(&mut [0]) {
        assert_eq!(error.kind(), std::io::ErrorKind::WouldBlock, "{error}");
        std::thread::yield_now();
    }
}
