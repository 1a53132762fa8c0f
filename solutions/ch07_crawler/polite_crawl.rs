//! Exercise `polite_crawl` (implement). Page: "K requests at a time" (limits.md).
//!
//! The crawler of `task_per_page`, polite: however many tasks there are,
//! at most `LIMIT` requests are in flight at a time. Each task takes a
//! permit of the crawl's `aio::Semaphore` for its `fetch`, and only for
//! it.
//!
//! You may use: what `task_per_page` used, and `limit.acquire`, `drop`.
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use crate::{Response, fetch};

/// Requests in flight at most.
pub const LIMIT: usize = 2;

#[derive(Clone)]
struct Crawl {
    group: aio::TaskGroup,
    limit: aio::Semaphore,
    seen: Rc<RefCell<HashSet<String>>>,
    visited: Rc<RefCell<Vec<Response>>>,
}

impl Crawl {
    fn visit(&self, url: &str) {
        let crawl = self.clone();
        let url = url.to_string();
        self.group.spawn(&url.clone(), async move {
            let permit = crawl.limit.acquire().await;
            let response = fetch(&url).await;
            drop(permit); // the next request may go
            for link in &response.links {
                if crawl.seen.borrow_mut().insert(link.clone()) {
                    crawl.visit(link);
                }
            }
            crawl.visited.borrow_mut().push(response);
        });
    }
}

pub async fn crawl(start: &str) -> Vec<Response> {
    let crawl = Crawl {
        group: aio::TaskGroup::new(),
        limit: aio::Semaphore::new(LIMIT),
        seen: Rc::new(RefCell::new(HashSet::from([start.to_string()]))),
        visited: Rc::default(),
    };
    crawl.visit(start);
    crawl.group.join().await.expect("no page task fails");
    crawl.visited.take()
}
