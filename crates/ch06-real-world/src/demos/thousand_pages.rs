//! downloads.md: the article's figures, redone on the virtual clock. A
//! thousand pages, one round trip each: one after the other, then all at
//! once. The time column is the answer.
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

/// Every page in a task of its own. (Not in the book: it is the answer to
/// exercise `batch_download`.)
async fn all_at_once(urls: &[String]) -> Vec<String> {
    let tasks: Vec<aio::Task<String>> = urls
        .iter()
        .map(|url| aio::spawn(url, download(url.clone())))
        .collect();
    aio::gather(&tasks).await
}

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let urls: Vec<String> = (1..=1000).map(|n| format!("/{n}")).collect();

        aio::say(format!("{} pages, one after the other", urls.len()));
        let start = aio::now();
        let pages = one_after_the_other(&urls).await;
        let ticks = aio::now() - start;
        aio::say(format!("got {} pages in {ticks} ticks", pages.len()));

        aio::say(format!("{} pages, all at once", urls.len()));
        let start = aio::now();
        let pages = all_at_once(&urls).await;
        let ticks = aio::now() - start;
        aio::say(format!("got {} pages in {ticks} ticks", pages.len()));
    });
}
// ANCHOR_END: main
