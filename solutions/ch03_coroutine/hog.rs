//! Exercise `hog` (fix). Page: "Taking turns by hand" (round-robin.md).
//!
//! `program(t)` runs a ticker and a compressor side by side. They should
//! take turns: the ticker ticks once between any two files the compressor
//! compresses.
//!
//! You may use: the lines already in `compressor`; no new call is needed.
use crate::scheduler::round_robin;
use crate::{Task, task};
use trace::Trace;

fn ticker(t: &Trace, ticks: u32) -> Task<'_> {
    task(move |co| async move {
        for tick in 1..=ticks {
            t.say(format!("ticker: tick {tick}"));
            co.yield_(()).await;
        }
        t.say("ticker: done");
    })
}

fn compressor<'a>(t: &'a Trace, files: &'a [&'a str]) -> Task<'a> {
    task(move |co| async move {
        for file in files {
            t.say(format!("compressor: {file}"));
            co.yield_(()).await;
        }
        t.say("compressor: done");
    })
}

pub fn program(t: &Trace) {
    let files = ["a.txt", "b.txt", "c.txt"];
    round_robin(vec![ticker(t, 5), compressor(t, &files)]);
}
