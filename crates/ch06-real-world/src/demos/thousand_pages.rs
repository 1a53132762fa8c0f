//! downloads.md: the article's figure, redone on the virtual clock. A
//! thousand pages, one round trip each, one after the other. The time
//! column is the answer. (All at once is exercise `batch_download`: its
//! reference answer runs on a thousand pages in
//! `tests/thousand_pages_at_once.rs`, with the solutions only.)
use crate::LATENCY;
use trace::Trace;

// ANCHOR: download
/// `fetch` without its two lines: a thousand pages would say four thousand.
/// The same round trip, `LATENCY` ticks.
async fn download(url: String) -> String {
    aio::sleep(LATENCY).await;
    format!("<html>{url}</html>")
}
// ANCHOR_END: download

// ANCHOR: one_after_the_other
async fn one_after_the_other(urls: &[String]) -> Vec<String> {
    let mut pages = Vec::new();
    for url in urls {
        pages.push(download(url.clone()).await);
    }
    pages
}
// ANCHOR_END: one_after_the_other

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let urls: Vec<String> = (1..=1000).map(|n| format!("/{n}")).collect();

        aio::say(format!("{} pages, one after the other", urls.len()));
        let start = aio::now();
        let pages = one_after_the_other(&urls).await;
        let ticks = aio::now() - start;
        aio::say(format!("got {} pages in {ticks} ticks", pages.len()));
    });
}
// ANCHOR_END: main
