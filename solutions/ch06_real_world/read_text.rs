//! Exercise `read_text` (implement). Page: "Files" (files.md).
//!
//! `read_text(path)` is the `aiofiles` idea: it reads the whole file as
//! text on a thread (reading a file blocks; say it takes 2 ticks), so the
//! loop goes on meanwhile, and gives the text back.
//!
//! You may use: `aio::to_thread` with a `move` closure,
//! `std::fs::read_to_string`, `expect`.
use std::path::PathBuf;

pub async fn read_text(path: PathBuf) -> String {
    aio::to_thread(2, move || {
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    })
    .await
}
