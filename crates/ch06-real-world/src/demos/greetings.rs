//! sockets.md: a tiny server and three clients over real TCP, on one
//! thread. Each client sends its name and reads the answer until the
//! server closes the connection. The server serves one client after the
//! other. `main` says what each client got, at the end and in client
//! order: which client the network serves first is not certain, what
//! each one gets is.
use aio::net::{TcpListener, TcpStream};
use std::net::SocketAddr;
use trace::Trace;

// ANCHOR: server
/// Accept `clients` connections, one after the other; read a name from
/// each and answer `hello, NAME`. Dropping `stream` closes the connection.
async fn greeter(mut listener: TcpListener, clients: usize) {
    for _ in 0..clients {
        let (mut stream, _) = listener.accept().await.expect("accept");
        let mut name = String::new();
        stream.read_line(&mut name).await.expect("read");
        let answer = format!("hello, {}\n", name.trim_end());
        stream.write_all(answer.as_bytes()).await.expect("write");
    }
}
// ANCHOR_END: server

// ANCHOR: client
/// Connect, say who we are, and read the answer: everything the server
/// sends until it closes the connection, when `read` gives 0.
async fn visit(addr: SocketAddr, name: &str) -> String {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let hello = format!("{name}\n");
    stream.write_all(hello.as_bytes()).await.expect("write");
    let mut answer = Vec::new();
    let mut buf = [0; 64];
    loop {
        match stream.read(&mut buf).await.expect("read") {
            0 => break,
            n => answer.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&answer).trim_end().to_string()
}
// ANCHOR_END: client

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("address");
        let server = aio::spawn("server", greeter(listener, 3));
        let clients: Vec<aio::Task<String>> = ["Ann", "Bob", "Cy"]
            .into_iter()
            .map(|name| aio::spawn(name, visit(addr, name)))
            .collect();
        for (name, answer) in ["Ann", "Bob", "Cy"].iter().zip(aio::gather(&clients).await) {
            aio::say(format!("{name} got {answer:?}"));
        }
        server.await;
        aio::say("the server has served 3 clients");
    });
}
// ANCHOR_END: main
