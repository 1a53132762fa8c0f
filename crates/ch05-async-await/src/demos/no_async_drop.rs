//! context-managers.md: a socket that `Drop` closes is closed however the
//! function ends. A goodbye written after the body, which has to await, is
//! skipped by an early return (`?`), and when a timeout drops the future.
use trace::Trace;

// ANCHOR: socket
/// A connection. Dropping it closes it, as dropping a `std::fs::File`
/// closes the file: RAII, a synchronous clean-up.
struct Socket;

impl Socket {
    async fn connect() -> Socket {
        aio::say("connected");
        Socket
    }

    /// Two ticks of network time. An empty chunk is an error.
    async fn send(&self, chunk: &str) -> Result<(), String> {
        if chunk.is_empty() {
            return Err("empty chunk".into());
        }
        aio::sleep(2).await;
        aio::say(format!("sent {chunk}"));
        Ok(())
    }
}

impl Drop for Socket {
    fn drop(&mut self) {
        aio::say("socket closed");
    }
}
// ANCHOR_END: socket

// ANCHOR: upload
async fn upload(chunks: &[&str]) -> Result<usize, String> {
    let socket = Socket::connect().await;
    for chunk in chunks {
        socket.send(chunk).await?;
    }
    // An asynchronous clean-up, after the body: say goodbye to the server.
    aio::sleep(1).await;
    aio::say("said goodbye");
    Ok(chunks.len())
}
// ANCHOR_END: upload

// ANCHOR: main
fn report(outcome: Result<usize, String>) {
    match outcome {
        Ok(chunks) => aio::say(format!("uploaded {chunks} chunk(s)")),
        Err(error) => aio::say(format!("failed: {error}")),
    }
}

pub fn main(t: &Trace) {
    aio::run(t, async {
        report(upload(&["a"]).await);
        report(upload(&[""]).await);
        match aio::timeout(1, upload(&["a"])).await {
            Ok(outcome) => report(outcome),
            Err(_) => aio::say("gave up after 1 tick"),
        }
    });
}
// ANCHOR_END: main
