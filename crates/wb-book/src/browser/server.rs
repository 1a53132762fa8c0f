//! A small HTTP server on 127.0.0.1 for the built book: the browser reads
//! the pages the way a reader's browser does (not from file://, where
//! fetches and some scripts behave differently). Every 404 is recorded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// A request the server answered with 404: the path, and the page that
/// asked for it (its `Referer`), if it said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound {
    pub path: String,
    pub referer: Option<String>,
}

pub struct Server {
    pub addr: SocketAddr,
    not_found: Arc<Mutex<Vec<NotFound>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `root` on a free port of 127.0.0.1, until dropped.
    pub fn start(root: &Path) -> std::io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let not_found = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (root, not_found, stop) = (root.to_path_buf(), not_found.clone(), stop.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (root, not_found) = (root.clone(), not_found.clone());
                    // One thread a connection: the browser opens several at once.
                    std::thread::spawn(move || {
                        let _ = serve(stream, &root, &not_found);
                    });
                }
            })
        };
        Ok(Server {
            addr,
            not_found,
            stop,
            thread: Some(thread),
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}/{}", self.addr, path.trim_start_matches('/'))
    }

    /// Every 404 so far.
    pub fn not_found(&self) -> Vec<NotFound> {
        self.not_found.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees `stop`.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(stream: TcpStream, root: &Path, not_found: &Mutex<Vec<NotFound>>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut referer = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("referer")
        {
            referer = Some(value.trim().to_string());
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return respond(&mut out, "405 Method Not Allowed", "text/plain", b"", false);
    }
    match file_for(root, path).and_then(|file| Some((std::fs::read(&file).ok()?, file))) {
        Some((body, file)) => respond(
            &mut out,
            "200 OK",
            content_type(&file),
            &body,
            method == "GET",
        ),
        None => {
            not_found.lock().unwrap().push(NotFound {
                path: path.to_string(),
                referer,
            });
            respond(
                &mut out,
                "404 Not Found",
                "text/plain",
                b"not found\n",
                method == "GET",
            )
        }
    }
}

fn respond(
    out: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    write!(
        out,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if with_body {
        out.write_all(body)?;
    }
    out.flush()?;
    let _ = out.shutdown(Shutdown::Write);
    // Let the client read everything before the socket closes.
    let _ = out.read(&mut [0; 64]);
    Ok(())
}

/// The file a URL path names inside `root` (a folder means its index.html),
/// or `None` if there is none or the path tries to leave `root`.
fn file_for(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        // Without it an <img src="x.svg"> does not render.
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "txt" | "md" | "rs" | "py" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The status code of `HEAD path` (with `referer`), asked the way a link
/// checker would; `None` if the server did not answer.
pub fn status_of(addr: SocketAddr, path: &str, referer: &str) -> Option<u16> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "HEAD {path} HTTP/1.1\r\nHost: {addr}\r\nReferer: {referer}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut status_line = String::new();
    BufReader::new(stream).read_line(&mut status_line).ok()?;
    status_line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serves_files_and_records_404s() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/index.html"), "hi").unwrap();
        std::fs::write(dir.path().join("a/b c.svg"), "<svg/>").unwrap();
        let server = Server::start(dir.path()).unwrap();
        assert_eq!(status_of(server.addr, "/a/", "/x"), Some(200));
        assert_eq!(status_of(server.addr, "/a/b%20c.svg", "/x"), Some(200));
        assert_eq!(
            status_of(server.addr, "/a/missing.html", "/from.html"),
            Some(404)
        );
        assert_eq!(status_of(server.addr, "/../etc/passwd", "/x"), Some(404));
        let missing = server.not_found();
        assert_eq!(missing[0].path, "/a/missing.html");
        assert_eq!(missing[0].referer.as_deref(), Some("/from.html"));
        assert_eq!(missing.len(), 2);
    }
}
