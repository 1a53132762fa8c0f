//! The pretend web over real sockets: a small HTTP/1.1 server on
//! 127.0.0.1 that serves [`WEB`](crate::WEB)'s pages, and a client that
//! fetches them, on `aio::net`. Just enough HTTP for a crawler: `GET`, a
//! status line, `Content-Length`, one connection a request
//! (`Connection: close`).
//!
//! Neither says anything in the trace: over real sockets, which request
//! is served first depends on the network, so only what the crawl found
//! is certain, not its order.

use std::cell::RefCell;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::rc::Rc;

use aio::net::{TcpListener, TcpStream};

use crate::{Fetcher, Response, find_page};

/// The path of every request the server has answered, in the order it
/// read them: a test counts how often each page was asked for.
pub type Requests = Rc<RefCell<Vec<String>>>;

// ANCHOR: serve
/// Answer every connection `listener` accepts, each in a task of its own,
/// forever (the loop drops the task when `main` ends). Each request's path
/// goes to `requests`.
pub async fn serve(mut listener: TcpListener, requests: Requests) {
    let mut connections = 0;
    loop {
        let (stream, _) = listener.accept().await.expect("accept a connection");
        connections += 1;
        let requests = requests.clone();
        aio::spawn(&format!("connection {connections}"), async move {
            answer(stream, requests)
                .await
                .expect("answer an HTTP request");
        });
    }
}

/// Read one request and answer it: the page's links, one a line, with
/// 200; 404 for a page the web does not have; 500 for a failing one.
async fn answer(mut stream: TcpStream, requests: Requests) -> io::Result<()> {
    let mut request_line = String::new();
    stream.read_line(&mut request_line).await?;
    skip_headers(&mut stream).await?;
    let path = request_line
        .split_whitespace()
        .nth(1)
        .ok_or_else(|| bad_data(format!("not an HTTP request: {request_line:?}")))?;
    requests.borrow_mut().push(path.to_string());
    let (status, reason, body) = match find_page(path) {
        Some(page) if page.status == 200 => (200, "OK", page.links.join("\n")),
        Some(page) => (page.status, "Internal Server Error", String::new()),
        None => (404, "Not Found", String::new()),
    };
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await
    // Dropping the stream closes the connection.
}
// ANCHOR_END: serve

// ANCHOR: client
/// `GET path` from the server at `addr`: its status, and with 200 the
/// links in its body, one a line.
pub async fn get(addr: SocketAddr, path: &str) -> io::Result<Response> {
    let mut stream = TcpStream::connect(addr).await?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut status_line = String::new();
    stream.read_line(&mut status_line).await?;
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| bad_data(format!("not an HTTP status line: {status_line:?}")))?;
    skip_headers(&mut stream).await?;
    // `Connection: close`: the body ends where the stream does.
    let mut body = Vec::new();
    let mut chunk = [0; 4096];
    loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let body = String::from_utf8(body).map_err(bad_data)?;
    let links = match status {
        200 => body.lines().map(str::to_string).collect(),
        _ => Vec::new(),
    };
    Ok(Response {
        url: path.to_string(),
        status,
        links,
    })
}

/// The HTTP client as a crawler's [`Fetcher`]: the server at `addr`.
#[derive(Clone, Copy, Debug)]
pub struct Client {
    pub addr: SocketAddr,
}

impl Fetcher for Client {
    fn get(&self, url: &str) -> impl Future<Output = Response> + 'static {
        let (addr, url) = (self.addr, url.to_string());
        async move {
            get(addr, &url)
                .await
                .unwrap_or_else(|error| panic!("GET {url}: {error}"))
        }
    }
}
// ANCHOR_END: client

/// Read header lines up to the blank line that ends them.
async fn skip_headers(stream: &mut TcpStream) -> io::Result<()> {
    loop {
        let mut header = String::new();
        if stream.read_line(&mut header).await? == 0 || header.trim().is_empty() {
            return Ok(());
        }
    }
}

fn bad_data(why: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why)
}
