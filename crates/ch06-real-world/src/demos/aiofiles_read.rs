//! files.md: what aiofiles does, in Rust: every file call runs on a
//! thread (`aio::to_thread`), as `tokio::fs` does too. `main` writes a
//! file and reads it back; another task runs while `main` waits for the
//! thread. No time passes: the twin, on the real aiofiles, runs on
//! threads the virtual clock cannot time, so the calls here take 0
//! ticks.
use std::path::PathBuf;

use trace::Trace;

async fn meanwhile() {
    aio::say("runs while main waits for the file");
}

// ANCHOR: main
pub fn main(t: &Trace) {
    let file = scratch_file();
    let scratch = file.clone();
    aio::run(t, async move {
        let other = aio::spawn("other", meanwhile());
        let path = file.clone();
        let text = "first line\nsecond line\n";
        aio::to_thread(0, move || std::fs::write(path, text))
            .await
            .expect("write");
        let path = file.clone();
        let text = aio::to_thread(0, move || std::fs::read_to_string(path))
            .await
            .expect("read");
        aio::say(format!("read {} lines", text.lines().count()));
        other.await;
    });
    let _ = std::fs::remove_file(scratch);
}
// ANCHOR_END: main

/// A file of this process's own in the system's temporary folder.
fn scratch_file() -> PathBuf {
    std::env::temp_dir().join(format!("wb-aiofiles-{}.txt", std::process::id()))
}
