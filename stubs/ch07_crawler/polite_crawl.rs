//! Exercise `polite_crawl` (implement). Page: "K requests at a time" (limits.md).
//!
//! Make the crawler of `task_per_page` polite: however many tasks there
//! are, at most `LIMIT` requests may be in flight at a time. Each task
//! takes a permit of the crawl's `aio::Semaphore` for its `fetch`, and
//! only for it.
//!
//! You may use: what `task_per_page` used, and `limit.acquire`, `drop`.
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use crate::{Response, fetch};

/// Requests in flight at most.
pub const LIMIT: usize = 2;

/// (`allow`: until your code reads its fields.)
#[allow(dead_code)]
#[derive(Clone)]
struct Crawl {
    group: aio::TaskGroup,
    limit: aio::Semaphore,
    seen: Rc<RefCell<HashSet<String>>>,
    visited: Rc<RefCell<Vec<Response>>>,
}

impl Crawl {
    fn visit(&self, url: &str) {
        let _ = (url, fetch); // quiets "unused" warnings: delete this line as you write yours
        todo!("as in task_per_page, with a permit of self.limit held around the fetch")
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
    todo!("wait for the whole group, return what was visited")
}
