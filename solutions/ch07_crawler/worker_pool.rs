//! Exercise `worker_pool` (implement). Page: "A pool of workers" (pool.md).
//!
//! `crawl(start, workers)` crawls with a fixed number of tasks, `w1`,
//! `w2`, …: each `worker` takes a URL from the queue, fetches it, puts
//! the links nobody has seen yet in the queue, and marks the URL done.
//! `crawl` waits until every URL put has been done, then cancels the
//! workers, which wait for URLs that will never come.
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
    loop {
        let url = queue.get().await;
        let response = fetch(&url).await;
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

pub async fn crawl(start: &str, workers: usize) -> Vec<Response> {
    let queue = aio::Queue::new(0);
    let seen = Rc::new(RefCell::new(HashSet::from([start.to_string()])));
    let visited = Rc::new(RefCell::new(Vec::new()));
    queue
        .put_nowait(start.to_string())
        .expect("the queue has no limit");
    let tasks: Vec<aio::Task<()>> = (1..=workers)
        .map(|n| {
            let work = worker(queue.clone(), seen.clone(), visited.clone());
            aio::spawn(&format!("w{n}"), work)
        })
        .collect();
    queue.join().await; // every URL put has had its task_done
    for task in &tasks {
        task.cancel();
    }
    visited.take()
}
