//! Exercise `seen_too_late` (fix). Page: "A task per page" (concurrent.md).
//!
//! A crawler with a task per page, where each task checks for itself
//! whether its page was seen already. It should fetch every page once:
//! nine requests for the nine pages of the web. It asks for some pages
//! more than once. Find out why, and repair it.
//!
//! You may use: the lines already in `visit`; no new call is needed.
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use crate::{Response, fetch};

#[derive(Clone)]
struct Crawl {
    group: aio::TaskGroup,
    seen: Rc<RefCell<HashSet<String>>>,
    visited: Rc<RefCell<Vec<Response>>>,
}

impl Crawl {
    fn visit(&self, url: &str) {
        let crawl = self.clone();
        let url = url.to_string();
        self.group.spawn(&url.clone(), async move {
            if !crawl.seen.borrow_mut().insert(url.clone()) {
                return; // another task has this page
            }
            let response = fetch(&url).await;
            for link in &response.links {
                crawl.visit(link);
            }
            crawl.visited.borrow_mut().push(response);
        });
    }
}

pub async fn crawl(start: &str) -> Vec<Response> {
    let crawl = Crawl {
        group: aio::TaskGroup::new(),
        seen: Rc::default(),
        visited: Rc::default(),
    };
    crawl.visit(start);
    crawl.group.join().await.expect("no page task fails");
    crawl.visited.take()
}
