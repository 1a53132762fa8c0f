//! downloads.md's second figure: the reference answer to `batch_download`
//! (solutions/ch06_real_world/batch_download.rs) on a thousand pages. It
//! lives here, and not in the `thousand_pages` demo, because a demo is a
//! file the book sends a reader to, and this is the exercise's answer.
//! Only with the solutions: `cargo test -p ch06-real-world --features
//! solutions --test thousand_pages_at_once`.

#![cfg(feature = "solutions")]

use std::cell::Cell;
use std::rc::Rc;

use ch06_real_world::batch_download::download_all;

#[test]
fn a_thousand_pages_take_one_round_trip() {
    harness::demo!("thousand_pages_at_once").check("thousand_pages_at_once", |t| {
        let urls: Vec<&'static str> = (1..=1000)
            .map(|n| &*Box::leak(format!("/{n}").into_boxed_str()))
            .collect();
        // `fetch` says two lines a page: they go to a trace of their own,
        // so that the figure is the two lines below.
        let downloads = trace::Trace::with_line_limit(4 * urls.len());
        t.say(format!("{} pages, all at once", urls.len()));
        let (pages, ticks) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(0)));
        let (got, took) = (pages.clone(), ticks.clone());
        aio::run(&downloads, async move {
            let start = aio::now();
            got.set(download_all(&urls).await.len());
            took.set(aio::now() - start);
        });
        t.say(format!(
            "got {} pages in {} ticks",
            pages.get(),
            ticks.get()
        ));
    });
}
