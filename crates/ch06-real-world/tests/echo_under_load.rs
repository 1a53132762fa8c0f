//! The reference echo server (solutions/ch06_real_world/echo_server.rs,
//! on aio::net) under load and bad clients: a thousand connections
//! dropped abruptly, some after half a line, some before reading their
//! answer; a client that sends a lot and never reads. The server must
//! stay up, answer well-behaved clients throughout, and free every
//! connection: the process's open file descriptors come back to what
//! they were before the first client.
//!
//! Loopback only; the clients are plain blocking `std::net` sockets on
//! the test's thread, with timeouts, while the loop runs on a thread of
//! its own. Only with the solutions: `cargo test -p ch06-real-world
//! --features solutions --test echo_under_load`.

#![cfg(feature = "solutions")]

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use aio::net::TcpListener;
use ch06_real_world::echo_server::serve;

/// Connections dropped abruptly, in batches held open together.
const ABRUPT: usize = 1_000;
const BATCH: usize = 100;
/// A well-behaved client after each batch, and one while the greedy
/// client has filled every buffer.
const GOOD: usize = ABRUPT / BATCH + 1;
const GREEDY: usize = 1;
/// How much the greedy client may send at most, whatever the buffers.
const GREEDY_LIMIT: usize = 64 << 20;
const PATIENCE: Duration = Duration::from_secs(3);

fn open_descriptors() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .expect("/proc/self/fd (Linux)")
        .count()
}

fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect_timeout(&addr, PATIENCE).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.set_write_timeout(Some(PATIENCE)).unwrap();
    stream
}

/// A client that says a line and reads the answer, twice, then closes.
fn well_behaved(addr: SocketAddr, n: usize) {
    let stream = connect(addr);
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    for word in ["hello", "bye"] {
        writeln!(writer, "{word} from {n}").unwrap();
        let mut answer = String::new();
        reader
            .read_line(&mut answer)
            .unwrap_or_else(|e| panic!("well-behaved client {n} got no answer: {e}"));
        assert_eq!(answer, format!("{} FROM {n}\n", word.to_uppercase()));
    }
}

/// Wait until the process has `wanted` descriptors open again.
fn descriptors_come_back_to(wanted: usize) -> Result<(), String> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let now = open_descriptors();
        if now <= wanted {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!(
                "{} connections still open {PATIENCE:?} after every client closed",
                now - wanted
            ));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn the_echo_server_survives_bad_clients_and_frees_every_connection() {
    let started = Instant::now();
    let (address, take_address) = mpsc::channel();
    let (finished, wait_for_the_end) = mpsc::channel::<()>();
    let server = std::thread::spawn(move || {
        let trace = trace::Trace::new();
        aio::try_run(&trace, async move {
            let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
            address.send(listener.local_addr().unwrap()).unwrap();
            let clients = ABRUPT + GOOD + GREEDY;
            let server = aio::spawn("server", serve(listener, clients));
            // The clients' thread says when it is done; the loop serves
            // its sockets meanwhile.
            aio::to_thread(1, move || wait_for_the_end.recv())
                .await
                .ok();
            server.await;
        })
        .map_err(|e| e.to_string())?;
        // A handler that kept the loop to itself (one greedy client
        // stalls all the others), or a task left behind.
        Ok::<_, String>(aio::take_warnings())
    });
    let addr = take_address.recv().expect("the server's address");
    // The loop's poller and the listener are open now; no connection is.
    let before = open_descriptors();

    let mut good = 0;
    for batch in 0..ABRUPT / BATCH {
        let mut open = Vec::new();
        for n in 0..BATCH {
            let mut stream = connect(addr);
            let said: &[u8] = match n % 4 {
                0 => b"",                         // connect, then go
                1 => b"half a line, and no end",  // no newline, then close
                2 => b"a line I will not read\n", // the answer finds it closed
                _ => b"\xff\xfe not text\n",      // not UTF-8
            };
            stream.write_all(said).unwrap();
            open.push(stream);
        }
        drop(open); // all at once
        good += 1;
        well_behaved(addr, batch);
    }

    // Sends lines and never reads: the server's answers fill the buffers
    // both ways, until a write here would block.
    let mut greedy = connect(addr);
    greedy.set_nonblocking(true).unwrap();
    let line = [b"x".repeat(1023), b"\n".to_vec()].concat();
    let (mut sent, mut stuck_since) = (0, None);
    while sent < GREEDY_LIMIT {
        match greedy.write(&line) {
            Ok(n) => {
                sent += n;
                stuck_since = None;
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                // Blocked for a while: every buffer on the way is full.
                let since = *stuck_since.get_or_insert_with(Instant::now);
                if since.elapsed() > Duration::from_millis(200) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => panic!("the greedy client could not write: {e}"),
        }
    }
    assert!(sent > 0);
    // The server waits to write to the greedy client, and answers others.
    good += 1;
    well_behaved(addr, 999);
    let mut unread = [0; 16];
    assert!(greedy.read(&mut unread).is_ok(), "the answers are waiting");
    drop(greedy); // with answers unread: the server's next write fails
    assert_eq!(good, GOOD);

    let freed = descriptors_come_back_to(before);
    finished.send(()).unwrap();
    let ran = server.join().expect("the loop's thread");
    assert_eq!(
        ran,
        Ok(vec![]),
        "the server must end without a failed task or a warning"
    );
    freed.unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
}
