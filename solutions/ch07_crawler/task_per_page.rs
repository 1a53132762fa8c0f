//! Exercise `task_per_page` (implement). Page: "A task per page" (concurrent.md).
//!
//! `crawl(start)` fetches every page reachable from `start` at once: each
//! page in a task of its own, named after its URL, in one
//! `aio::TaskGroup`, and each link followed once. It returns the
//! responses in the order they came back.
//!
//! You may use: `clone`, `to_string`, `group.spawn` with an `async move`
//! block, `fetch`, `borrow_mut`, `insert`, `push`, `group.join`, `take`.
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use crate::{Response, fetch};

/// What the tasks of one crawl share. Cloning it clones the handles, so
/// every clone is the same crawl.
#[derive(Clone)]
struct Crawl {
    group: aio::TaskGroup,
    seen: Rc<RefCell<HashSet<String>>>,
    visited: Rc<RefCell<Vec<Response>>>,
}

impl Crawl {
    /// Start a task, in the group, that fetches `url` and visits the links
    /// on it that nobody has seen yet.
    fn visit(&self, url: &str) {
        let crawl = self.clone();
        let url = url.to_string();
        self.group.spawn(&url.clone(), async move {
            let response = fetch(&url).await;
            for link in &response.links {
                // Checked and marked in one step, before any await.
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
        seen: Rc::new(RefCell::new(HashSet::from([start.to_string()]))),
        visited: Rc::default(),
    };
    crawl.visit(start);
    // Waits for every task of the group, those started meanwhile too.
    crawl.group.join().await.expect("no page task fails");
    crawl.visited.take()
}
