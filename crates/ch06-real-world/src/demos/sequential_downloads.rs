// downloads.md: four pages, one after the other. Each `fetch` is awaited
// before the next one starts, so every page waits a whole round trip. No
// `//!` here: tests/tokio.rs includes this file to run it on tokio too (see
// mod.rs).
use crate::fetch;
use trace::Trace;

// ANCHOR: download_all
/// Every page, one after the other.
async fn download_all(urls: &[&'static str]) -> Vec<String> {
    let mut pages = Vec::new();
    for &url in urls {
        pages.push(fetch(url).await);
    }
    pages
}
// ANCHOR_END: download_all

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let pages = download_all(&["/1", "/2", "/3", "/4"]).await;
        aio::say(format!("{} pages: {}", pages.len(), pages.join(" ")));
    });
}
// ANCHOR_END: main
