//! Exercise `batch_download` (implement). Page: "Batch downloads" (downloads.md).
//!
//! Write `download_all(urls)`: download every page at the same time, each
//! with `fetch(url)` in a task named after its URL, and return the pages
//! in the order of `urls`. All of them together take one round trip.
//!
//! You may use: `aio::spawn`, `aio::gather`, `iter`, `map`, `collect`.
use crate::fetch;

pub async fn download_all(urls: &[&'static str]) -> Vec<String> {
    let _ = (urls, fetch); // quiets "unused" warnings: delete this line as you write yours
    todo!("spawn a task per URL, named after it, running fetch(url); then gather them")
}
