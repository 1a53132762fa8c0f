//! Exercise `forgot_task_done` (fix). Page: "A pool of workers" (pool.md).
//!
//! A pool of workers that keeps only the pages that came back (status
//! 200) and follows their links. `crawl` should return once every URL has
//! been dealt with, and cancel the workers. It never returns: the test
//! stops it and says what every task waits for. Repair it.
//!
//! You may use: `queue.task_done`.
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use crate::{Response, fetch};

async fn worker(
    queue: aio::Queue<String>,
    seen: Rc<RefCell<HashSet<String>>>,
    pages: Rc<RefCell<Vec<Response>>>,
) {
    loop {
        let url = queue.get().await;
        let response = fetch(&url).await;
        if response.status != 200 {
            queue.task_done();
            continue; // nothing to keep, no links to follow
        }
        for link in &response.links {
            if seen.borrow_mut().insert(link.clone()) {
                queue
                    .put_nowait(link.clone())
                    .expect("the queue has no limit");
            }
        }
        pages.borrow_mut().push(response);
        queue.task_done();
    }
}

pub async fn crawl(start: &str, workers: usize) -> Vec<Response> {
    let queue = aio::Queue::new(0);
    let seen = Rc::new(RefCell::new(HashSet::from([start.to_string()])));
    let pages = Rc::new(RefCell::new(Vec::new()));
    queue
        .put_nowait(start.to_string())
        .expect("the queue has no limit");
    let tasks: Vec<aio::Task<()>> = (1..=workers)
        .map(|n| {
            let work = worker(queue.clone(), seen.clone(), pages.clone());
            aio::spawn(&format!("w{n}"), work)
        })
        .collect();
    queue.join().await;
    for task in &tasks {
        task.cancel();
    }
    pages.take()
}
