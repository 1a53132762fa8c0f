//! Chapter 7, "a crawler": queues, semaphores and task groups, on `aio`,
//! in a capstone project.
//!
//! The learner's code is in `exercises/ch07_crawler/`; with the
//! `solutions` feature the crate compiles the files of the same names in
//! `solutions/ch07_crawler/` instead. The tests in `tests/` check either.
//! The book's programs are in [`demos`]; the pretend web the crawlers
//! crawl is below, and [`http`] serves it over real sockets.

pub mod demos;
pub mod http;

use std::future::Future;

// ANCHOR: web
/// A page of the pretend web: how long it takes to come back, its HTTP
/// status and the links on it.
pub struct Page {
    pub url: &'static str,
    /// Ticks from the request to the response.
    pub latency: u64,
    /// 200 for a page; 500 for a server that fails.
    pub status: u16,
    pub links: &'static [&'static str],
}

/// The whole web, from its home page `/`. `/c/slow` is slow, `/broken`
/// fails, `/missing` is linked to but not there, and most links lead back
/// to pages already seen: `/` → `/a` → `/` is a cycle.
pub const WEB: &[Page] = &[
    page("/", 1, 200, &["/a", "/b", "/c"]),
    page("/a", 2, 200, &["/a/1", "/a/2", "/"]),
    page("/b", 3, 200, &["/a", "/c/slow"]),
    page("/c", 1, 200, &["/missing", "/broken"]),
    page("/a/1", 1, 200, &["/a"]),
    page("/a/2", 2, 200, &["/b", "/c/slow"]),
    page("/c/slow", 6, 200, &["/"]),
    page("/broken", 1, 500, &[]),
];

/// How long a request for a page that does not exist takes: its 404
/// comes back after one tick.
pub const NOT_FOUND_LATENCY: u64 = 1;
// ANCHOR_END: web

const fn page(
    url: &'static str,
    latency: u64,
    status: u16,
    links: &'static [&'static str],
) -> Page {
    Page {
        url,
        latency,
        status,
        links,
    }
}

/// The page at `url`, if the web has one.
pub fn find_page(url: &str) -> Option<&'static Page> {
    WEB.iter().find(|page| page.url == url)
}

// ANCHOR: fetch
/// What came back for a URL: its status, and the links on the page (none
/// unless the status is 200).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub url: String,
    pub status: u16,
    pub links: Vec<String>,
}

/// Fetch `url` from the pretend web: say `GET`, wait the page's latency
/// on the virtual clock, say the status. Nothing goes over a wire.
pub async fn fetch(url: &str) -> Response {
    aio::say(format!("GET {url}"));
    let (latency, status, links) = match find_page(url) {
        Some(page) => (page.latency, page.status, page.links),
        None => (NOT_FOUND_LATENCY, 404, &[][..]),
    };
    aio::sleep(latency).await;
    aio::say(format!("{status} {url}"));
    Response {
        url: url.to_string(),
        status,
        links: links.iter().map(|link| link.to_string()).collect(),
    }
}
// ANCHOR_END: fetch

// ANCHOR: report
/// One line about a finished crawl: how many pages, how long it took
/// (the virtual time now) and how they came back.
pub fn report(pages: &[Response]) -> String {
    let count = |status| pages.iter().filter(|page| page.status == status).count();
    format!(
        "{} pages in {} ticks: {} ok, {} not found, {} failed",
        pages.len(),
        aio::now(),
        count(200),
        count(404),
        count(500)
    )
}
// ANCHOR_END: report

// ANCHOR: store
/// Keep a page: a write that takes 2 ticks (a file, a database), and no
/// request.
pub async fn store(page: &Response) {
    aio::sleep(2).await;
    aio::say(format!("stored {}", page.url));
}
// ANCHOR_END: store

// ANCHOR: fetcher
/// Whatever fetches pages for a crawler: the pretend web ([`Simulated`])
/// or a real HTTP client ([`http::Client`]). The future owns what it
/// needs (`'static`), so a task can run it.
pub trait Fetcher: Clone + 'static {
    fn get(&self, url: &str) -> impl Future<Output = Response> + 'static;
}

/// The pretend web, through [`fetch`].
#[derive(Clone, Copy, Debug)]
pub struct Simulated;

impl Fetcher for Simulated {
    fn get(&self, url: &str) -> impl Future<Output = Response> + 'static {
        let url = url.to_string();
        async move { fetch(&url).await }
    }
}
// ANCHOR_END: fetcher

/// One module per exercise, named by its id. Listed once, expanded into
/// whichever folder the build reads.
macro_rules! exercise_modules {
    () => {
        pub mod crawl_until;
        pub mod forgot_task_done;
        pub mod permit_held;
        pub mod polite_crawl;
        pub mod seen_too_late;
        pub mod task_per_page;
        pub mod who_gets_the_permit;
        pub mod who_takes_which;
        pub mod worker_pool;
    };
}

// The learner's folder, or with `--features solutions` the answers' folder.
// Two plain `#[path]`s rather than one `cfg_attr(…, path)`: rustfmt and
// rust-analyzer follow a plain path, and `cargo fmt` must keep working.
#[cfg(not(feature = "solutions"))]
#[path = "../../../exercises/ch07_crawler"]
mod files {
    exercise_modules!();
}
#[cfg(feature = "solutions")]
#[path = "../../../solutions/ch07_crawler"]
mod files {
    exercise_modules!();
}
pub use files::*;
