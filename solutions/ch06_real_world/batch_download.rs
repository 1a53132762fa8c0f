//! Exercise `batch_download` (implement). Page: "Batch downloads" (downloads.md).
//!
//! `download_all(urls)` downloads every page at the same time, each with
//! `fetch(url)` in a task named after its URL, and returns the pages in
//! the order of `urls`. All of them together take one round trip.
//!
//! You may use: `aio::spawn`, `aio::gather`, `iter`, `map`, `collect`.
use crate::fetch;

pub async fn download_all(urls: &[&'static str]) -> Vec<String> {
    let tasks: Vec<aio::Task<String>> = urls
        .iter()
        .map(|&url| aio::spawn(url, fetch(url)))
        .collect();
    aio::gather(&tasks).await
}
