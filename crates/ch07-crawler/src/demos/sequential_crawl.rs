//! web.md: the first crawler. One page at a time: fetch it, queue the
//! links not seen yet, go on with the next. Every page waits for the one
//! before, so the crawl takes the sum of all the latencies.
use std::collections::{HashSet, VecDeque};

use crate::{Response, fetch, report};
use trace::Trace;

// ANCHOR: crawl
/// Every page reachable from `start`, one after the other, breadth first.
async fn crawl(start: &str) -> Vec<Response> {
    let mut to_visit = VecDeque::from([start.to_string()]);
    let mut seen = HashSet::from([start.to_string()]);
    let mut visited = Vec::new();
    while let Some(url) = to_visit.pop_front() {
        let response = fetch(&url).await;
        for link in &response.links {
            // `insert` is false for a page seen already: cycles end here.
            if seen.insert(link.clone()) {
                to_visit.push_back(link.clone());
            }
        }
        visited.push(response);
    }
    visited
}
// ANCHOR_END: crawl

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let pages = crawl("/").await;
        aio::say(report(&pages));
    });
}
// ANCHOR_END: main
