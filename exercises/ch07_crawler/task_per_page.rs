//! Exercise `task_per_page` (implement). Page: "A task per page" (concurrent.md).
//!
//! Write `crawl(start)`: fetch every page reachable from `start` at once,
//! each page in a task of its own, named after its URL, in one
//! `aio::TaskGroup`, and follow each link once. Return the responses in
//! the order they came back. The page's Python is the program to
//! translate.
//!
//! You may use: `clone`, `to_string`, `group.spawn` with an `async move`
//! block, `fetch`, `borrow_mut`, `insert`, `push`, `group.join`, `take`.
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use crate::{Response, fetch};

/// What the tasks of one crawl share. Cloning it clones the handles, so
/// every clone is the same crawl.
/// (`allow`: until your code reads its fields.)
#[allow(dead_code)]
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
        let _ = (url, fetch); // quiets "unused" warnings: delete this line as you write yours
        todo!(
            "spawn a task named after the URL in self.group: fetch it, visit its new links, keep the response"
        )
    }
}

pub async fn crawl(start: &str) -> Vec<Response> {
    let crawl = Crawl {
        group: aio::TaskGroup::new(),
        seen: Rc::new(RefCell::new(HashSet::from([start.to_string()]))),
        visited: Rc::default(),
    };
    crawl.visit(start);
    todo!("wait for the whole group, return what was visited")
}
