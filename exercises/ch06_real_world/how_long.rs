//! Exercise `how_long` (predict). Page: "Batch downloads" (downloads.md).
//!
//! Read `program` without running it and write in `PREDICTION` the lines it
//! says, in order, one string a line, each as the trace shows it: time,
//! `[task]`, text (`"0 [main] hello"`; extra spaces do not matter).
//! Leave the program as it is: the test checks that it still says what it
//! said when the exercise was written.
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

pub const PREDICTION: &[&str] = &[];
