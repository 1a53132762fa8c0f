//! Exercise `worker_pool` (implement). Page: "A pool of workers" (pool.md).
//!
//! Write a crawl by a fixed number of tasks, `w1`, `w2`, …: each
//! `worker` takes a URL from the queue, fetches it, puts the links nobody
//! has seen yet in the queue, and marks the URL done. `crawl` waits until
//! every URL put has been done, then cancels the workers, which wait for
//! URLs that will never come.
//!
//! You may use: `aio::Queue` (`new`, `put_nowait`, `get`, `task_done`,
//! `join`), `aio::spawn`, `cancel`, `fetch`, `Rc`, `RefCell`, `HashSet`,
//! `insert`, `push`, `take`.
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use crate::{Response, fetch};

async fn worker(
    queue: aio::Queue<String>,
    seen: Rc<RefCell<HashSet<String>>>,
    visited: Rc<RefCell<Vec<Response>>>,
) {
    let _ = (queue, seen, visited, fetch); // quiets "unused" warnings: delete this line as you write yours
    todo!("loop: get a URL, fetch it, put its new links, keep the response, task_done")
}

pub async fn crawl(start: &str, workers: usize) -> Vec<Response> {
    let _ = (start, workers, worker);
    todo!(
        "a queue with the start URL in it; spawn the workers w1, w2, …; join the queue; cancel them"
    )
}
