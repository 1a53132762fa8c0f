//! Exercise `permit_held` (fix). Page: "K requests at a time" (limits.md).
//!
//! A polite crawler that stores every page it fetches. At most `LIMIT`
//! requests may be in flight at a time; storing a page is no request, and
//! should never keep one from going out. The crawl takes longer than it
//! should: the test says how long it should take. Repair it.
//!
//! You may use: `drop`.
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use crate::{Response, fetch, store};

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
            let _permit = crawl.limit.acquire().await;
            let response = fetch(&url).await;
            for link in &response.links {
                if crawl.seen.borrow_mut().insert(link.clone()) {
                    crawl.visit(link);
                }
            }
            store(&response).await;
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
