//! Exercise `crawl_until` (implement). Page: "Stopping on time" (deadline.md).
//!
//! The crawler of `task_per_page`, with a deadline: when `deadline` ticks
//! have passed, the crawl stops, its tasks are cancelled, and `crawl`
//! says `deadline: gave up on` and the URLs still in flight, in the order
//! they were asked for. It returns what came back by then.
//!
//! You may use: what `task_per_page` used, and `aio::timeout`,
//! `aio::Elapsed`, `retain`, `join` on a `Vec<String>`, `aio::say`.
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use crate::{Response, fetch};

#[derive(Clone)]
struct Crawl {
    group: aio::TaskGroup,
    seen: Rc<RefCell<HashSet<String>>>,
    visited: Rc<RefCell<Vec<Response>>>,
    /// The URLs asked for and not back yet, in the order they were asked.
    in_flight: Rc<RefCell<Vec<String>>>,
}

impl Crawl {
    fn visit(&self, url: &str) {
        let crawl = self.clone();
        let url = url.to_string();
        self.group.spawn(&url.clone(), async move {
            crawl.in_flight.borrow_mut().push(url.clone());
            let response = fetch(&url).await;
            crawl.in_flight.borrow_mut().retain(|asked| *asked != url);
            for link in &response.links {
                if crawl.seen.borrow_mut().insert(link.clone()) {
                    crawl.visit(link);
                }
            }
            crawl.visited.borrow_mut().push(response);
        });
    }
}

pub async fn crawl(start: &str, deadline: u64) -> Vec<Response> {
    let crawl = Crawl {
        group: aio::TaskGroup::new(),
        seen: Rc::new(RefCell::new(HashSet::from([start.to_string()]))),
        visited: Rc::default(),
        in_flight: Rc::default(),
    };
    crawl.visit(start);
    // Dropping the join future at the deadline cancels the group's tasks.
    match aio::timeout(deadline, crawl.group.join()).await {
        Ok(finished) => finished.expect("no page task fails"),
        Err(aio::Elapsed) => aio::say(format!(
            "deadline: gave up on {}",
            crawl.in_flight.borrow().join(" ")
        )),
    }
    crawl.visited.take()
}
