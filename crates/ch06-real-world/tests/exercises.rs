//! One module per exercise, named by its id; `workbook.toml` lists these
//! tests by their full names (`bot::answers_at_once`). Each module uses
//! only its own exercise's file, the chapter's pretend world and aio.

mod batch_download {
    use ch06_real_world::batch_download::download_all;

    #[test]
    fn all_pages_in_one_round_trip() {
        harness::exercise!("batch_download").check("batch_download", |t| {
            aio::run(t, async {
                let pages = download_all(&["/1", "/2", "/3", "/4"]).await;
                aio::say(format!("{} pages: {}", pages.len(), pages.join(" ")));
            });
        });
    }
}

mod how_long {
    use ch06_real_world::how_long::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("how_long").check_prediction("how_long", PREDICTION, program);
    }
}

mod bot {
    use ch06_real_world::bot::program;

    #[test]
    fn answers_at_once() {
        harness::exercise!("bot").check("bot", program);
    }
}

mod heartbeat {
    use ch06_real_world::heartbeat::program;
    use ch06_real_world::resized_on_the_loop;

    #[test]
    fn keeps_beating() {
        harness::exercise!("heartbeat").check("heartbeat", |t| {
            resized_on_the_loop(); // from 0
            program(t);
            // An `aio::sleep` in place of the blocking call makes the same
            // trace, and still does the slow work on the loop's thread.
            if let n @ 1.. = resized_on_the_loop() {
                t.say(format!(
                    "resize ran {n} time(s) on the loop's thread: it is slow work, and there nothing else runs until it returns; give it to a thread"
                ));
            }
        });
    }
}

mod late_timers {
    use ch06_real_world::late_timers::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("late_timers").check_prediction("late_timers", PREDICTION, program);
    }
}

mod read_text {
    use ch06_real_world::read_text::read_text;

    #[test]
    fn reads_while_the_loop_goes_on() {
        // A file of our own, named after this process so parallel runs
        // never share it.
        let path = std::env::temp_dir().join(format!("wb-read-text-{}.txt", std::process::id()));
        std::fs::write(&path, "first line\nsecond line\n").expect("write the test file");
        let file = path.clone();
        harness::exercise!("read_text").check("read_text", move |t| {
            aio::run(t, async move {
                let beating = aio::spawn("heartbeat", async {
                    for _ in 0..3 {
                        aio::say("beat");
                        aio::sleep(1).await;
                    }
                });
                let text = read_text(file).await;
                aio::say(format!("read {} lines", text.lines().count()));
                beating.await;
            });
        });
        let _ = std::fs::remove_file(path);
    }
}

/// Every client's lines and the answers it got, said by `main` in client
/// order: with real sockets only the per-client order is certain.
async fn report(clients: Vec<aio::Task<Vec<String>>>) {
    for (n, client) in clients.iter().enumerate() {
        let answers = client.clone().await;
        aio::say(format!("client {}: {}", n + 1, answers.join(" | ")));
    }
}

mod echo_server {
    use aio::net::{TcpListener, TcpStream};
    use ch06_real_world::echo_server::serve;

    async fn client(addr: std::net::SocketAddr, n: usize) -> Vec<String> {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        let mut answers = Vec::new();
        for line in ["hello", "how are you", "bye"] {
            let sent = format!("{line} from {n}\n");
            stream.write_all(sent.as_bytes()).await.expect("write");
            let mut answer = String::new();
            stream.read_line(&mut answer).await.expect("read");
            answers.push(answer.trim_end().to_string());
        }
        stream.shutdown_write().expect("close our side");
        answers
    }

    #[test]
    fn serves_three_clients_at_once() {
        harness::exercise!("echo_server").check("echo_server", |t| {
            aio::run(t, async {
                let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
                let addr = listener.local_addr().expect("address");
                let server = aio::spawn("server", serve(listener, 4));
                // Connects first, then sends nothing and keeps its
                // connection open: a server that serves one client at a
                // time waits for it, and every client behind it waits too.
                let quiet = TcpStream::connect(addr).await.expect("connect");
                let clients: Vec<_> = (1..=3)
                    .map(|n| aio::spawn(&format!("client {n}"), client(addr, n)))
                    .collect();
                // Virtual time: 5 ticks pass at once if nothing else can
                // run. (Not `gather`, which would cancel them on giving up.)
                let all_answered = async {
                    for client in &clients {
                        client.clone().await;
                    }
                };
                match aio::timeout(5, all_answered).await {
                    Ok(_) => aio::say(
                        "clients 1 to 3 were answered while a quiet client, connected first, \
                         said nothing",
                    ),
                    Err(aio::Elapsed) => aio::say(
                        "after 5 ticks clients 1 to 3 still wait for answers: the server \
                         waits for the quiet client that connected first, and serves nobody \
                         else (serve each client in a task of its own)",
                    ),
                }
                drop(quiet);
                server.await;
                aio::say("the server has accepted 4 clients");
                super::report(clients).await;
            });
        });
    }
}

mod echo_client {
    use std::cell::Cell;
    use std::rc::Rc;

    use aio::net::TcpListener;
    use ch06_real_world::echo_client::talk;

    /// A server that answers each line with its length, and counts the
    /// lines it was sent: a client that makes its answers up sends none.
    async fn server(mut listener: TcpListener, clients: usize, lines: Rc<Cell<usize>>) {
        for n in 1..=clients {
            let (mut stream, _) = listener.accept().await.expect("accept");
            let lines = lines.clone();
            aio::spawn(&format!("handler {n}"), async move {
                let mut line = String::new();
                while stream.read_line(&mut line).await.expect("read") > 0 {
                    lines.set(lines.get() + 1);
                    let answer = format!(
                        "{} has {} letters\n",
                        line.trim_end(),
                        line.trim_end().len()
                    );
                    stream.write_all(answer.as_bytes()).await.expect("write");
                    line.clear();
                }
            });
        }
    }

    #[test]
    fn gets_an_answer_per_line() {
        harness::exercise!("echo_client").check("echo_client", |t| {
            aio::run(t, async {
                let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
                let addr = listener.local_addr().expect("address");
                let lines = Rc::new(Cell::new(0));
                let accepting = aio::spawn("server", server(listener, 2, lines.clone()));
                let clients = vec![
                    aio::spawn(
                        "client 1",
                        async move { talk(addr, &["yield", "send"]).await },
                    ),
                    aio::spawn("client 2", async move { talk(addr, &["await"]).await }),
                ];
                super::report(clients).await;
                accepting.await;
                aio::say(format!("the server was sent {} lines", lines.get()));
            });
        });
    }
}
