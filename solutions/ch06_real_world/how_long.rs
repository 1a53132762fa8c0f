//! Exercise `how_long` (predict). Page: "Batch downloads" (downloads.md).
//!
//! `PREDICTION` holds the lines `program` says, in order, one string a
//! line, each as the trace shows it: time, `[task]`, text
//! (`"0 [main] hello"`; extra spaces do not matter). Awaiting `fetch` in
//! `main` waits a whole round trip before the next line; tasks wait theirs
//! at the same time.
//!
//! You may use: what the page says `fetch`, `aio::spawn` and `aio::gather`
//! do; write only `PREDICTION`.
use crate::fetch;
use trace::Trace;

pub fn program(t: &Trace) {
    aio::run(t, async {
        fetch("/a").await;
        fetch("/b").await;
        let tasks: Vec<aio::Task<String>> = ["/c", "/d"]
            .into_iter()
            .map(|url| aio::spawn(url, fetch(url)))
            .collect();
        let pages = aio::gather(&tasks).await;
        aio::say(format!("{} pages", 2 + pages.len()));
    });
}

pub const PREDICTION: &[&str] = &[
    "0 [main] GET /a",
    "3 [main] got /a",
    "3 [main] GET /b",
    "6 [main] got /b",
    "6 [/c] GET /c",
    "6 [/d] GET /d",
    "9 [/c] got /c",
    "9 [/d] got /d",
    "9 [main] 4 pages",
];
