//! A socket that always has data must not keep its task running: aio::net
//! gives way after a run of operations that went through at once, so the
//! other tasks get their turn (see `give_way_now_and_then` in net.rs).

use std::cell::Cell;
use std::rc::Rc;

use aio::net::{TcpListener, TcpStream};

const LINES: usize = 4_000;

#[test]
fn a_reader_with_data_always_waiting_still_lets_the_others_run() {
    let t = trace::Trace::new();
    let most_lines_in_one_go = aio::run(&t, async {
        let mut listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let writer = aio::spawn("writer", async move {
            let mut stream = TcpStream::connect(addr).await.unwrap();
            let line = [b"x".repeat(1023), b"\n".to_vec()].concat();
            // Writes until the buffers are full, in one turn.
            stream.write_all(&line.repeat(LINES)).await.unwrap();
            stream.shutdown_write().unwrap();
        });
        let (mut stream, _) = listener.accept().await.unwrap();
        let since_the_tick = Rc::new(Cell::new(0usize));
        let most = Rc::new(Cell::new(0usize));
        let done = Rc::new(Cell::new(false));
        let ticker = aio::spawn("ticker", {
            let (since, done) = (since_the_tick.clone(), done.clone());
            async move {
                while !done.get() {
                    since.set(0);
                    aio::yield_now().await;
                }
            }
        });
        let mut line = String::new();
        let mut read = 0;
        while stream.read_line(&mut line).await.unwrap() > 0 {
            line.clear();
            read += 1;
            since_the_tick.set(since_the_tick.get() + 1);
            most.set(most.get().max(since_the_tick.get()));
        }
        done.set(true);
        assert_eq!(read, LINES);
        writer.await;
        ticker.await;
        most.get()
    });
    // 64 reads of up to 4 KiB in a row: 256 lines of 1 KiB, and a few
    // more left in the buffer.
    assert!(
        most_lines_in_one_go <= 64 * 4 + 4,
        "the reader read {most_lines_in_one_go} lines without letting the ticker run"
    );
}
