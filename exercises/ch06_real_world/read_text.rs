//! Exercise `read_text` (implement). Page: "Files" (files.md).
//!
//! Write `read_text(path)`, the `aiofiles` idea: read the whole file as
//! text on a thread (reading a file blocks; say it takes 2 ticks), so the
//! loop goes on meanwhile, and give the text back.
//!
//! You may use: `aio::to_thread` with a `move` closure,
//! `std::fs::read_to_string`, `expect`.
use std::path::PathBuf;

pub async fn read_text(path: PathBuf) -> String {
    let _ = path; // quiets the "unused" warning until you use it
    todo!("aio::to_thread(2, move || std::fs::read_to_string(&path)…).await")
}
