//! loopback.md: the worker pool again, written once for any
//! [`Fetcher`], and run against a real HTTP server on 127.0.0.1 that
//! serves the pretend web. Which request the server answers first depends
//! on the sockets, so nothing is said while the crawl runs: `main` says
//! what it found at the end, sorted by URL.
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use aio::net::TcpListener;
use trace::Trace;

use crate::http::{self, Requests};
use crate::{Fetcher, Response, report};

// ANCHOR: crawl
/// Every page reachable from `start`, by `workers` tasks fed by a queue,
/// each page fetched with `fetcher`.
pub async fn crawl<F: Fetcher>(fetcher: F, start: &str, workers: usize) -> Vec<Response> {
    let queue = aio::Queue::new(0);
    let seen = Rc::new(RefCell::new(HashSet::from([start.to_string()])));
    let visited = Rc::new(RefCell::new(Vec::new()));
    queue
        .put_nowait(start.to_string())
        .expect("the queue has no limit");
    let tasks: Vec<aio::Task<()>> = (1..=workers)
        .map(|n| {
            let work = worker(
                fetcher.clone(),
                queue.clone(),
                seen.clone(),
                visited.clone(),
            );
            aio::spawn(&format!("w{n}"), work)
        })
        .collect();
    queue.join().await;
    for task in &tasks {
        task.cancel();
    }
    visited.take()
}

async fn worker<F: Fetcher>(
    fetcher: F,
    queue: aio::Queue<String>,
    seen: Rc<RefCell<HashSet<String>>>,
    visited: Rc<RefCell<Vec<Response>>>,
) {
    loop {
        let url = queue.get().await;
        let response = fetcher.get(&url).await;
        for link in &response.links {
            if seen.borrow_mut().insert(link.clone()) {
                queue
                    .put_nowait(link.clone())
                    .expect("the queue has no limit");
            }
        }
        visited.borrow_mut().push(response);
        queue.task_done();
    }
}
// ANCHOR_END: crawl

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a port on 127.0.0.1");
        let addr = listener.local_addr().expect("the server's address");
        let requests = Requests::default();
        let server = aio::spawn("server", http::serve(listener, requests.clone()));

        let mut pages = crawl(http::Client { addr }, "/", 3).await;
        pages.sort_by(|a, b| a.url.cmp(&b.url));
        for page in &pages {
            aio::say(format!("{} {}", page.status, page.url));
        }
        aio::say(report(&pages));
        aio::say(format!(
            "the server answered {} requests",
            requests.borrow().len()
        ));
        server.cancel(); // it would accept connections forever
    });
}
// ANCHOR_END: main
