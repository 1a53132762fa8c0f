//! Real sockets on the loop: TCP over loopback, non-blocking, many at
//! once on one thread. asyncio's streams (`asyncio.start_server`,
//! `asyncio.open_connection`), in the shape of Rust's `std::net`.
//!
//! Each socket is non-blocking and registered with the loop's poller. A
//! `read` with nothing to read gives way, and the loop wakes the task when
//! the poller says the socket is ready: a loop that polls all its sockets
//! serves many clients with one thread.
//!
//! ```
//! use aio::net::{TcpListener, TcpStream};
//!
//! let t = trace::Trace::new();
//! aio::run(&t, async {
//!     let mut listener = TcpListener::bind("127.0.0.1:0").unwrap();
//!     let addr = listener.local_addr().unwrap();
//!     aio::spawn("server", async move {
//!         let (mut client, _) = listener.accept().await.unwrap();
//!         let mut line = String::new();
//!         while client.read_line(&mut line).await.unwrap() > 0 {
//!             client.write_all(line.as_bytes()).await.unwrap(); // echo
//!             line.clear();
//!         }
//!     });
//!     let mut server = TcpStream::connect(addr).await.unwrap();
//!     server.write_all(b"hello\n").await.unwrap();
//!     let mut echo = String::new();
//!     server.read_line(&mut echo).await.unwrap();
//!     aio::say(format!("got {echo:?}"));
//! });
//! assert_eq!(t.render(), "  0 [main] got \"hello\\n\"\n");
//! ```
//!
//! # Sockets and virtual time
//!
//! A socket is real: its data comes when it comes. The loop checks its
//! sockets, without waiting, at the start of every round; a socket found
//! ready queues, at the back of that round, a job that wakes its task, so
//! the task runs in the round after (as in asyncio, whose selector
//! callback completes a future, whose task wakes a round later). When no
//! task is ready:
//!
//! - if a timer is set, the loop has checked the sockets already, and
//!   jumps the clock to the timer. Virtual time does not wait for a
//!   socket: data that has not arrived by then arrives "later". (Only a
//!   thread of [`crate::to_thread`] holds the clock, at its deadline; the
//!   loop serves its sockets meanwhile.)
//! - if no timer is set and a task waits on a socket, the loop waits for
//!   real until a socket is ready or another thread wakes a task. That is
//!   not a deadlock, even if no socket ever becomes ready (asyncio, too,
//!   would wait forever).
//!
//! Over loopback, a write is in the reader's socket when it returns, in
//! practice: an exchange between tasks of one loop happens without the
//! clock moving. What each client gets, in its own order, is
//! deterministic; which client is served first is not, and tests should
//! not depend on it.
//!
//! Only loopback: a listener binds to 127.0.0.1 and nothing else, so that
//! a workbook program never opens a port to the network.

use std::cell::Cell;
use std::fmt;
use std::future::{Future, poll_fn};
use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr};
use std::pin::pin;

use socket2::{Domain, Protocol, Socket, Type};

use crate::reactor::Direction;
use crate::registered::Registered;

// ANCHOR: listener
/// A TCP socket that listens for connections on 127.0.0.1. (asyncio:
/// `asyncio.start_server`, which accepts in a loop and calls a callback;
/// here a task awaits [`TcpListener::accept`] in a loop, and spawns a task
/// per client.)
pub struct TcpListener {
    io: Registered<std::net::TcpListener>,
    ready_in_a_row: Cell<u32>,
}

impl TcpListener {
    /// Listen on `addr`, which must be `127.0.0.1:PORT`; with port 0 the
    /// system chooses a free one ([`TcpListener::local_addr`] says which).
    /// Any other address is refused with an `InvalidInput` error: the
    /// workbook never opens a port to the network.
    ///
    /// Panics if called outside [`crate::run`].
    pub fn bind(addr: &str) -> io::Result<TcpListener> {
        let parsed: SocketAddr = addr.parse().map_err(|_| {
            refused(format!(
                "{addr:?} is not an address such as \"127.0.0.1:0\""
            ))
        })?;
        if parsed.ip() != Ipv4Addr::LOCALHOST {
            return Err(refused(format!("{addr} is not on 127.0.0.1")));
        }
        let listener = std::net::TcpListener::bind(parsed)?;
        listener.set_nonblocking(true)?;
        Ok(TcpListener {
            io: Registered::new(listener, "net::TcpListener::bind()")?,
            ready_in_a_row: Cell::new(0),
        })
    }

    /// The address it listens on, with the port the system chose.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.get().local_addr()
    }

    /// The next connection, and the client's address; gives way until a
    /// client connects.
    pub async fn accept(&mut self) -> io::Result<(TcpStream, SocketAddr)> {
        let accepted = self
            .io
            .io(Direction::Read, "accept a connection", |listener| {
                listener.accept()
            });
        let (stream, addr) = give_way_now_and_then(&self.ready_in_a_row, accepted).await?;
        Ok((TcpStream::new(stream)?, addr))
    }
}
// ANCHOR_END: listener

fn refused(why: String) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "aio::net listens on 127.0.0.1 only, so that a workbook program never opens \
             a port to the network: {why}. Bind to \"127.0.0.1:0\" to let the system \
             choose a free port."
        ),
    )
}

// ANCHOR: stream
/// A TCP connection. (asyncio: the `reader, writer` pair of
/// `asyncio.open_connection`, in one.) Dropping it closes it.
pub struct TcpStream {
    io: Registered<std::net::TcpStream>,
    /// Read from the socket but not yet returned: what [`read_line`]
    /// read past the end of its line.
    ///
    /// [`read_line`]: TcpStream::read_line
    buffer: Vec<u8>,
    ready_in_a_row: Cell<u32>,
}

impl TcpStream {
    fn new(stream: std::net::TcpStream) -> io::Result<TcpStream> {
        // An accepted socket is blocking on some systems whatever its
        // listener is.
        stream.set_nonblocking(true)?;
        // As asyncio does: send small writes at once.
        stream.set_nodelay(true)?;
        Ok(TcpStream {
            io: Registered::new(stream, "net::TcpStream")?,
            buffer: Vec::new(),
            ready_in_a_row: Cell::new(0),
        })
    }

    /// `asyncio.open_connection(host, port)`: connect to `addr`, giving way
    /// until the connection is made. If nobody listens there, the error
    /// says so (its kind is `ConnectionRefused`).
    ///
    /// An address, not a name: resolving a name would block the loop.
    pub async fn connect(addr: SocketAddr) -> io::Result<TcpStream> {
        let failed = |error: io::Error| {
            io::Error::new(
                error.kind(),
                format!("could not connect to {addr}: {error}"),
            )
        };
        let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
        socket.set_nonblocking(true)?;
        match socket.connect(&addr.into()) {
            Ok(()) => {}
            Err(error) if in_progress(&error) => {}
            Err(error) => return Err(failed(error)),
        }
        let stream = TcpStream::new(socket.into())?;
        // The connection is made (or has failed) when the socket becomes
        // writable.
        stream
            .io
            .io(Direction::Write, "connect", |stream| {
                if let Some(error) = stream.take_error()? {
                    return Err(error);
                }
                match stream.peer_addr() {
                    Ok(_) => Ok(()),
                    Err(error) if error.kind() == io::ErrorKind::NotConnected => {
                        Err(io::ErrorKind::WouldBlock.into())
                    }
                    Err(error) => Err(error),
                }
            })
            .await
            .map_err(failed)?;
        Ok(stream)
    }

    /// Read what has come, into `buf`, giving way until something has:
    /// how many bytes, or 0 once the other side has closed (or shut down)
    /// its end.
    pub async fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.buffer.is_empty() {
            let n = buf.len().min(self.buffer.len());
            buf[..n].copy_from_slice(&self.buffer[..n]);
            self.buffer.drain(..n);
            return Ok(n);
        }
        let read = self
            .io
            .io(Direction::Read, "read", |mut stream| stream.read(buf));
        give_way_now_and_then(&self.ready_in_a_row, read).await
    }

    /// `await reader.readline()`: read up to and including the next
    /// `\n`, and append it to `line`. Returns how many bytes it appended:
    /// 0 at the end of the stream. The last line may lack its `\n`. As
    /// `std::io::BufRead::read_line`, with an `InvalidData` error if the
    /// line is not UTF-8.
    pub async fn read_line(&mut self, line: &mut String) -> io::Result<usize> {
        loop {
            if let Some(end) = self.buffer.iter().position(|&byte| byte == b'\n') {
                return take_line(&mut self.buffer, end + 1, line);
            }
            let mut chunk = [0; 4096];
            let read = self.io.io(Direction::Read, "read a line", |mut stream| {
                stream.read(&mut chunk)
            });
            let n = give_way_now_and_then(&self.ready_in_a_row, read).await?;
            if n == 0 {
                let rest = self.buffer.len();
                return take_line(&mut self.buffer, rest, line);
            }
            self.buffer.extend_from_slice(&chunk[..n]);
        }
    }

    /// `writer.write(data); await writer.drain()`: write all of `buf`,
    /// giving way whenever the socket's buffer is full.
    pub async fn write_all(&mut self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            let write = self
                .io
                .io(Direction::Write, "write", |mut stream| stream.write(buf));
            let n = give_way_now_and_then(&self.ready_in_a_row, write).await?;
            if n == 0 {
                return Err(io::ErrorKind::WriteZero.into());
            }
            buf = &buf[n..];
        }
        Ok(())
    }

    /// `writer.write_eof()`: tell the other side that nothing more will
    /// come; its reads return 0 once it has read the rest. Reading goes
    /// on.
    pub fn shutdown_write(&self) -> io::Result<()> {
        self.io.get().shutdown(Shutdown::Write)
    }

    /// This end's address.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.get().local_addr()
    }

    /// The other end's address.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.io.get().peer_addr()
    }
}
// ANCHOR_END: stream

// The socket itself, as for `std::net::TcpStream`: for a program that
// asks the system something aio does not (the book's `socket_round`
// waits, for real, until data has arrived).
#[cfg(unix)]
impl std::os::fd::AsFd for TcpStream {
    fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        self.io.get().as_fd()
    }
}

#[cfg(windows)]
impl std::os::windows::io::AsSocket for TcpStream {
    fn as_socket(&self) -> std::os::windows::io::BorrowedSocket<'_> {
        self.io.get().as_socket()
    }
}

/// How many operations on one socket may go through at once, without
/// waiting, before the task gives way to the others.
const READY_IN_A_ROW: u32 = 64;

/// Run a socket operation, but first give way if the last
/// [`READY_IN_A_ROW`] ones all went through at once. Otherwise a client
/// that sends without pause keeps its handler running, and the loop
/// serves nobody else until the socket's buffers are empty or full: one
/// greedy client would stall every other (tokio's "cooperative budget"
/// does this too).
async fn give_way_now_and_then<F: Future>(ready_in_a_row: &Cell<u32>, op: F) -> F::Output {
    if ready_in_a_row.get() >= READY_IN_A_ROW {
        ready_in_a_row.set(0);
        crate::time::yield_now().await;
    }
    let mut op = pin!(op);
    let mut waited = false;
    let output = poll_fn(|cx| {
        let poll = op.as_mut().poll(cx);
        waited |= poll.is_pending();
        poll
    })
    .await;
    ready_in_a_row.set(if waited { 0 } else { ready_in_a_row.get() + 1 });
    output
}

/// Move the first `len` bytes of `buffer` to the end of `line`.
fn take_line(buffer: &mut Vec<u8>, len: usize, line: &mut String) -> io::Result<usize> {
    let text = std::str::from_utf8(&buffer[..len])
        .map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))?;
    line.push_str(text);
    buffer.drain(..len);
    Ok(len)
}

/// A non-blocking connect that has started and will finish later.
fn in_progress(error: &io::Error) -> bool {
    #[cfg(unix)]
    if error.raw_os_error() == Some(libc::EINPROGRESS) {
        return true;
    }
    error.kind() == io::ErrorKind::WouldBlock
}

impl fmt::Debug for TcpListener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TcpListener")
            .field(&self.local_addr().ok())
            .finish()
    }
}

impl fmt::Debug for TcpStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TcpStream")
            .field("local", &self.local_addr().ok())
            .field("peer", &self.peer_addr().ok())
            .finish()
    }
}
