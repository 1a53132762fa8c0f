//! Real sockets on the loop, chapter 6: an echo server and its clients as
//! tasks of one loop, on one thread, over loopback.
//!
//! What these tests check is deterministic: what each client gets back,
//! in its own order. Which client the server serves first is not, and no
//! test looks at it.

use std::cell::{Cell, RefCell};
use std::future::poll_fn;
use std::io::{ErrorKind, Read, Write};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::Poll;
use std::thread::{self, ThreadId};
use std::time::Duration;

use aio::net::{TcpListener, TcpStream};
use aio::{Elapsed, Task, gather, say, sleep, spawn, timeout, yield_now};
use trace::Trace;

/// Run `test` on a thread of its own, and fail if it takes more than ten
/// seconds: a bug here would hang, not fail.
fn within_ten_seconds(test: impl FnOnce() + Send + 'static) {
    let (done, finished) = mpsc::channel();
    let runner = thread::spawn(move || {
        test();
        let _ = done.send(());
    });
    match finished.recv_timeout(Duration::from_secs(10)) {
        Ok(()) => runner.join().unwrap(),
        // The test panicked: say why.
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            std::panic::resume_unwind(runner.join().unwrap_err())
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("the test still ran after ten seconds"),
    }
}

/// The echo server: accept forever, and serve each client in a task of
/// its own, named after its number, which echoes every line it reads.
/// Counts the clients it accepted.
fn echo_server(mut listener: TcpListener, accepted: Rc<Cell<usize>>) -> Task<()> {
    spawn("server", async move {
        loop {
            let (mut client, _) = listener.accept().await.expect("accept");
            accepted.set(accepted.get() + 1);
            spawn(&format!("S{}", accepted.get()), async move {
                let mut line = String::new();
                while client.read_line(&mut line).await.expect("read") > 0 {
                    client.write_all(line.as_bytes()).await.expect("write");
                    line.clear();
                }
            });
        }
    })
}

/// A client: send `lines` lines, and read each one's echo before the next.
async fn client(addr: std::net::SocketAddr, me: usize, lines: usize) -> Vec<String> {
    let mut server = TcpStream::connect(addr).await.expect("connect");
    let mut echoes = Vec::new();
    for j in 0..lines {
        let sent = format!("client {me} line {j}\n");
        say(format!("sends {:?}", sent.trim_end()));
        server.write_all(sent.as_bytes()).await.expect("write");
        let mut echo = String::new();
        server.read_line(&mut echo).await.expect("read");
        say(format!("got {:?}", echo.trim_end()));
        echoes.push(echo);
    }
    echoes
}

#[test]
fn an_echo_server_serves_many_clients_on_one_thread() {
    within_ten_seconds(|| {
        const CLIENTS: usize = 10;
        let t = Trace::new();
        let threads: Rc<RefCell<Vec<ThreadId>>> = Rc::default();
        let seen = threads.clone();
        let echoes = aio::run(&t, async move {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = listener.local_addr().unwrap();
            let accepted = Rc::new(Cell::new(0));
            echo_server(listener, accepted.clone());
            let clients: Vec<Task<Vec<String>>> = (0..CLIENTS)
                .map(|me| {
                    let seen = seen.clone();
                    spawn(&format!("C{me}"), async move {
                        seen.borrow_mut().push(thread::current().id());
                        let echoes = client(addr, me, 3).await;
                        seen.borrow_mut().push(thread::current().id());
                        echoes
                    })
                })
                .collect();
            let echoes = gather(&clients).await;
            assert_eq!(accepted.get(), CLIENTS);
            echoes
        });
        for (me, echoes) in echoes.iter().enumerate() {
            let sent: Vec<String> = (0..3).map(|j| format!("client {me} line {j}\n")).collect();
            assert_eq!(echoes, &sent, "client {me}");
            // Its trace, alone: each line's echo before the next is sent.
            let said: Vec<String> = t
                .lines()
                .into_iter()
                .filter(|line| line.stamp.as_ref().unwrap().task == format!("C{me}"))
                .map(|line| line.text)
                .collect();
            let expected: Vec<String> = (0..3)
                .flat_map(|j| {
                    [
                        format!("sends \"client {me} line {j}\""),
                        format!("got \"client {me} line {j}\""),
                    ]
                })
                .collect();
            assert_eq!(said, expected, "client {me}");
        }
        // Every task ran on the thread that called `run`.
        let threads = threads.borrow();
        assert_eq!(threads.len(), 2 * CLIENTS);
        assert!(threads.iter().all(|id| *id == thread::current().id()));
        // No time passed: nothing slept.
        assert!(
            t.lines()
                .iter()
                .all(|line| line.stamp.as_ref().unwrap().time == 0)
        );
    });
}

#[test]
fn a_server_accepts_a_hundred_clients() {
    within_ten_seconds(|| {
        const CLIENTS: usize = 100;
        let (accepted, echoes) = aio::run(&Trace::new(), async {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = listener.local_addr().unwrap();
            let accepted = Rc::new(Cell::new(0));
            echo_server(listener, accepted.clone());
            let clients: Vec<Task<Vec<String>>> = (0..CLIENTS)
                .map(|me| spawn(&format!("C{me}"), client(addr, me, 1)))
                .collect();
            let echoes = gather(&clients).await;
            (accepted.get(), echoes)
        });
        assert_eq!(accepted, CLIENTS);
        for (me, echoes) in echoes.iter().enumerate() {
            assert_eq!(echoes, &[format!("client {me} line 0\n")]);
        }
    });
}

#[test]
fn connecting_to_a_port_nobody_listens_on_is_refused() {
    within_ten_seconds(|| {
        // A port that was free a moment ago, and that nobody listens on.
        let addr = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let t = Trace::new();
        aio::run(&t, async move {
            match TcpStream::connect(addr).await {
                Ok(_) => say("connected?"),
                Err(error) => {
                    assert_eq!(error.kind(), ErrorKind::ConnectionRefused);
                    let message = error.to_string();
                    let expected = format!("could not connect to {addr}: ");
                    assert!(message.starts_with(&expected), "{message}");
                    say("refused");
                }
            }
        });
        assert_eq!(t.render(), "  0 [main] refused\n");
    });
}

#[test]
fn binding_anything_but_127_0_0_1_is_refused() {
    let why = |addr: &str| {
        aio::run(&Trace::new(), {
            let addr = addr.to_string();
            async move {
                let error = TcpListener::bind(&addr).unwrap_err();
                assert_eq!(error.kind(), ErrorKind::InvalidInput);
                error.to_string()
            }
        })
    };
    let help = "Bind to \"127.0.0.1:0\" to let the system choose a free port.";
    for addr in ["0.0.0.0:0", "192.168.1.10:8080", "127.0.0.2:0", "[::1]:0"] {
        assert_eq!(
            why(addr),
            format!(
                "aio::net listens on 127.0.0.1 only, so that a workbook program never opens \
                 a port to the network: {addr} is not on 127.0.0.1. {help}"
            )
        );
    }
    assert_eq!(
        why("localhost:0"),
        format!(
            "aio::net listens on 127.0.0.1 only, so that a workbook program never opens \
             a port to the network: \"localhost:0\" is not an address such as \
             \"127.0.0.1:0\". {help}"
        )
    );
    // And a socket needs a loop.
    let outside = std::panic::catch_unwind(|| TcpListener::bind("127.0.0.1:0").map(drop))
        .unwrap_err()
        .downcast::<String>()
        .unwrap();
    assert_eq!(
        *outside,
        "aio::net::TcpListener::bind() was called outside aio::run, where there is no loop \
         to run it. (asyncio would raise RuntimeError: no running event loop.)"
    );
}

#[test]
fn a_task_waiting_on_a_socket_is_no_deadlock_the_loop_waits_for_it() {
    within_ten_seconds(|| {
        // No timer, no outside work: only a socket. The client is a plain
        // thread that connects 20 ms later, for real.
        let t = Trace::new();
        aio::run(&t, async {
            let mut listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = listener.local_addr().unwrap();
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(20));
                let mut server = std::net::TcpStream::connect(addr).unwrap();
                server.write_all(b"hi from a thread\n").unwrap();
                let mut echo = String::new();
                server.read_to_string(&mut echo).unwrap();
                assert_eq!(echo, "hi from a thread\n");
            });
            say("waits for a client");
            let (mut client, _) = listener.accept().await.unwrap();
            let mut line = String::new();
            client.read_line(&mut line).await.unwrap();
            say(format!("got {:?}", line.trim_end()));
            client.write_all(line.as_bytes()).await.unwrap();
        });
        assert_eq!(
            t.render(),
            "  0 [main] waits for a client\n  0 [main] got \"hi from a thread\"\n"
        );
    });
}

/// A minimal `to_thread`, without a timer: run `work` on a thread, which
/// wakes the task when done (as in `tests/rules.rs`).
async fn on_a_thread<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let result = Arc::new(Mutex::new(None));
    let mut work = Some(work);
    poll_fn(|cx| {
        if let Some(work) = work.take() {
            let outside = aio::external();
            let (waker, slot) = (cx.waker().clone(), result.clone());
            thread::spawn(move || {
                *slot.lock().unwrap() = Some(work());
                outside.wake(&waker);
            });
        }
        match result.lock().unwrap().take() {
            Some(value) => Poll::Ready(value),
            None => Poll::Pending,
        }
    })
    .await
}

#[test]
fn a_wake_from_another_thread_interrupts_the_wait_on_sockets() {
    within_ten_seconds(|| {
        let t = Trace::new();
        aio::run(&t, async {
            let mut listener = TcpListener::bind("127.0.0.1:0").unwrap();
            // Waits on its socket for ever: the idle loop sleeps in the
            // poller, and only the thread's wake can get it out.
            spawn("A", async move {
                let _ = listener.accept().await;
                say("never said");
            });
            let answer = on_a_thread(|| {
                thread::sleep(Duration::from_millis(20));
                42
            })
            .await;
            say(format!("the thread gave {answer}"));
        });
        assert_eq!(t.render(), "  0 [main] the thread gave 42\n");
    });
}

#[test]
fn sockets_are_checked_every_round_so_busy_tasks_cannot_starve_them() {
    within_ten_seconds(|| {
        let spins = aio::run(&Trace::new(), async {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = listener.local_addr().unwrap();
            echo_server(listener, Rc::default());
            let echoed = Rc::new(Cell::new(false));
            // Always ready: the ready queue is never empty while it spins.
            let spinner = spawn("spinner", {
                let echoed = echoed.clone();
                async move {
                    let mut spins = 0;
                    while !echoed.get() && spins < 100_000 {
                        spins += 1;
                        yield_now().await;
                    }
                    spins
                }
            });
            client(addr, 0, 3).await;
            echoed.set(true);
            spinner.await
        });
        assert!(spins < 100_000, "the client was starved");
    });
}

#[test]
fn a_read_line_sees_the_end_of_the_stream() {
    within_ten_seconds(|| {
        let t = Trace::new();
        aio::run(&t, async {
            let mut listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = listener.local_addr().unwrap();
            spawn("client", async move {
                let mut server = TcpStream::connect(addr).await.unwrap();
                server.write_all(b"one\ntwo").await.unwrap();
                server.shutdown_write().unwrap();
                let mut rest = [0; 8];
                let n = server.read(&mut rest).await.unwrap();
                say(format!("read {n}: the server closed"));
            });
            let (mut client, _) = listener.accept().await.unwrap();
            let mut line = String::new();
            loop {
                line.clear();
                let n = client.read_line(&mut line).await.unwrap();
                say(format!("{n} {line:?}"));
                if n == 0 {
                    break;
                }
            }
            drop(client);
            sleep(1).await;
        });
        assert_eq!(
            t.render(),
            "  0 [main] 4 \"one\\n\"\n  0 [main] 3 \"two\"\n  0 [main] 0 \"\"\n  \
             0 [client] read 0: the server closed\n"
        );
    });
}

#[test]
fn a_megabyte_goes_there_and_back() {
    within_ten_seconds(|| {
        const SIZE: usize = 1 << 20;
        let received = aio::run(&Trace::new(), async {
            let mut listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = listener.local_addr().unwrap();
            // Reads everything, then sends it all back reversed.
            spawn("server", async move {
                let (mut client, _) = listener.accept().await.unwrap();
                let mut all = Vec::new();
                let mut chunk = [0; 8192];
                loop {
                    let n = client.read(&mut chunk).await.unwrap();
                    if n == 0 {
                        break;
                    }
                    all.extend_from_slice(&chunk[..n]);
                }
                all.reverse();
                client.write_all(&all).await.unwrap();
            });
            let mut server = TcpStream::connect(addr).await.unwrap();
            let sent: Vec<u8> = (0..SIZE).map(|i| (i % 251) as u8).collect();
            server.write_all(&sent).await.unwrap();
            server.shutdown_write().unwrap();
            let mut received = Vec::new();
            let mut chunk = [0; 8192];
            loop {
                let n = server.read(&mut chunk).await.unwrap();
                if n == 0 {
                    break;
                }
                received.extend_from_slice(&chunk[..n]);
            }
            received.reverse();
            received == sent
        });
        assert!(received);
    });
}

#[test]
fn a_writer_gives_way_while_the_readers_buffer_is_full() {
    within_ten_seconds(|| {
        const SIZE: usize = 8 << 20;
        // The reader is a plain thread, with a small receive buffer, that
        // starts reading 20 ms late: 8 MB cannot fit in the buffers
        // between, so `write_all` must give way until it reads.
        let listener =
            socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
        listener.set_recv_buffer_size(16 << 10).unwrap(); // accepted sockets inherit it
        listener
            .bind(
                &"127.0.0.1:0"
                    .parse::<std::net::SocketAddr>()
                    .unwrap()
                    .into(),
            )
            .unwrap();
        listener.listen(1).unwrap();
        let listener = std::net::TcpListener::from(listener);
        let addr = listener.local_addr().unwrap();
        let reading = Arc::new(AtomicBool::new(false));
        let started = reading.clone();
        let reader = thread::spawn(move || {
            let (mut client, _) = listener.accept().unwrap();
            thread::sleep(Duration::from_millis(20));
            started.store(true, Ordering::SeqCst);
            let mut all = Vec::new();
            client.read_to_end(&mut all).unwrap();
            all.len() == SIZE && all.iter().all(|&byte| byte == 7)
        });
        let t = Trace::new();
        aio::run(&t, async move {
            let mut server = TcpStream::connect(addr).await.unwrap();
            server.write_all(&vec![7; SIZE]).await.unwrap();
            say(format!(
                "wrote it all; the reader had started: {}",
                reading.load(Ordering::SeqCst)
            ));
        });
        assert!(reader.join().unwrap(), "the reader got something else");
        assert_eq!(
            t.render(),
            "  0 [main] wrote it all; the reader had started: true\n"
        );
    });
}

#[test]
fn virtual_time_does_not_wait_for_a_socket() {
    within_ten_seconds(|| {
        // A server that accepts and never answers: the read times out at
        // virtual time 3, at once, for real.
        let t = Trace::new();
        aio::run(&t, async {
            let mut listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = listener.local_addr().unwrap();
            spawn("server", async move {
                let (_client, _) = listener.accept().await.unwrap();
                sleep(10).await;
            });
            let mut server = TcpStream::connect(addr).await.unwrap();
            let mut line = String::new();
            match timeout(3, server.read_line(&mut line)).await {
                Ok(_) => say("got an answer?"),
                Err(Elapsed) => say("timed out"),
            }
        });
        assert_eq!(t.render(), "  3 [main] timed out\n");
    });
}

#[test]
fn a_dropped_read_stops_waiting_on_its_socket() {
    within_ten_seconds(|| {
        // After the timeout dropped the read, no task waits on a socket:
        // a program stuck then is a deadlock again, not a hang.
        let error = aio::try_run(&Trace::new(), async {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let mut server = TcpStream::connect(listener.local_addr().unwrap())
                .await
                .unwrap();
            let mut line = String::new();
            let read = timeout(3, server.read_line(&mut line)).await;
            assert!(matches!(read, Err(Elapsed)));
            poll_fn(|_| Poll::<()>::Pending).await;
        })
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "deadlock at time 3: every task waits and no timer is set; main is pending, \
             and no task or timer will wake it (did a future return Pending without keeping \
             its waker?). (asyncio would hang here forever.)"
        );
    });
}

#[cfg(unix)] // the peek goes through the socket's file descriptor
#[test]
fn a_ready_socket_wakes_its_task_a_round_later() {
    within_ten_seconds(|| {
        // As chapter 6's `socket_round` (its Python twin shows CPython's
        // order): the line is written in round 1, the loop sees it at the
        // start of round 2, and the reader runs in round 3.
        let t = Trace::new();
        aio::run(&t, async {
            let mut listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let mut near = TcpStream::connect(listener.local_addr().unwrap())
                .await
                .unwrap();
            let (mut far, _) = listener.accept().await.unwrap();
            let peek = std::net::TcpStream::from(
                std::os::fd::AsFd::as_fd(&far).try_clone_to_owned().unwrap(),
            );
            let ticker = spawn("ticker", async {
                for round in 1..=4 {
                    say(format!("round {round}"));
                    yield_now().await;
                }
            });
            let reader = spawn("reader", async move {
                let mut line = String::new();
                far.read_line(&mut line).await.unwrap();
                say(format!("got {:?}", line.trim_end()));
            });
            // In round 1, after the reader started waiting.
            let writer = spawn("writer", async move {
                near.write_all(b"hello\n").await.unwrap();
                // Wait, for real, until the line is in `far`: the round
                // the loop sees it must not depend on the system's speed.
                while peek.peek(&mut [0]).is_err() {
                    thread::yield_now();
                }
            });
            ticker.await;
            reader.await;
            writer.await;
        });
        assert_eq!(
            t.render(),
            "  0 [ticker] round 1\n  0 [ticker] round 2\n  0 [ticker] round 3\n  \
             0 [reader] got \"hello\"\n  0 [ticker] round 4\n"
        );
    });
}
