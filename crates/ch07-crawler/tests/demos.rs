//! The book's programs must keep saying what the book shows: each demo is
//! checked against `snapshots/<name>.snap`, the file its page includes.
//! `python/<name>.py` prints the same trace with CPython's asyncio; `cargo wb
//! verify` compares the two (it needs python3, so it is not part of these
//! tests). `mod loopback` checks the real crawl further.
use ch07_crawler::demos;

#[test]
fn group_failure() {
    harness::demo!("group_failure").check("group_failure", demos::group_failure::main);
}

#[test]
fn loopback_crawl() {
    harness::demo!("loopback_crawl").check("loopback_crawl", demos::loopback_crawl::main);
}

#[test]
fn queue_basics() {
    harness::demo!("queue_basics").check("queue_basics", demos::queue_basics::main);
}

#[test]
fn sequential_crawl() {
    harness::demo!("sequential_crawl").check("sequential_crawl", demos::sequential_crawl::main);
}

/// The crawl over real sockets (loopback.md). Its order depends on the
/// network, so it is checked by what it found: every page reachable from
/// `/` exactly once, each asked of the server exactly once, all within a
/// bound of real time. And the same crawler, given the pretend web,
/// finds the same pages.
mod loopback {
    use std::collections::{BTreeMap, BTreeSet, VecDeque};
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    use aio::net::TcpListener;
    use ch07_crawler::demos::loopback_crawl::crawl;
    use ch07_crawler::http::{self, Requests};
    use ch07_crawler::{Response, Simulated, WEB, find_page};

    /// The real crawl of nine pages takes milliseconds; this is the bound.
    const REAL_TIME_BOUND: Duration = Duration::from_secs(5);

    /// Every URL reachable from `/`, worked out from the web's table (a 404
    /// counts: it is linked to).
    fn reachable() -> BTreeSet<String> {
        let mut found = BTreeSet::from(["/".to_string()]);
        let mut to_visit = VecDeque::from(["/"]);
        while let Some(url) = to_visit.pop_front() {
            for &link in find_page(url).map_or(&[][..], |page| page.links) {
                if found.insert(link.to_string()) {
                    to_visit.push_back(link);
                }
            }
        }
        found
    }

    /// How many times each URL occurs in `urls`.
    fn counts<'a>(urls: impl Iterator<Item = &'a String>) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for url in urls {
            *counts.entry(url.clone()).or_insert(0) += 1;
        }
        counts
    }

    fn once_each(urls: &BTreeSet<String>) -> BTreeMap<String, usize> {
        urls.iter().map(|url| (url.clone(), 1)).collect()
    }

    /// Run the loopback crawl on a thread of its own, and give up after the
    /// bound instead of hanging: the pages, and the requests the server got.
    fn crawl_over_loopback() -> (Vec<Response>, Vec<String>, Duration) {
        let (done, result) = mpsc::channel();
        std::thread::spawn(move || {
            let started = Instant::now();
            let t = trace::Trace::new();
            let outcome = aio::run(&t, async {
                let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
                let addr = listener.local_addr().expect("address");
                let requests = Requests::default();
                aio::spawn("server", http::serve(listener, requests.clone()));
                let pages = crawl(http::Client { addr }, "/", 3).await;
                let requests = requests.borrow().clone();
                (pages, requests)
            });
            let _ = done.send((outcome.0, outcome.1, started.elapsed()));
        });
        result.recv_timeout(REAL_TIME_BOUND).unwrap_or_else(|_| {
            panic!("the loopback crawl did not finish within {REAL_TIME_BOUND:?}")
        })
    }

    #[test]
    fn visits_every_reachable_page_once_within_the_bound() {
        let expected = reachable();
        assert_eq!(expected.len(), 9, "the web has 9 reachable URLs");
        let (pages, requests, took) = crawl_over_loopback();
        assert_eq!(counts(pages.iter().map(|p| &p.url)), once_each(&expected));
        assert_eq!(counts(requests.iter()), once_each(&expected));
        assert!(took < REAL_TIME_BOUND, "took {took:?}");
        for page in &pages {
            let status = find_page(&page.url).map_or(404, |p| p.status);
            assert_eq!(page.status, status, "the status of {}", page.url);
        }
    }

    #[test]
    fn the_same_crawler_on_the_pretend_web() {
        let t = trace::Trace::new();
        let (pages, ticks) = aio::run(&t, async {
            let pages = crawl(Simulated, "/", 3).await;
            (pages, aio::now())
        });
        assert_eq!(
            counts(pages.iter().map(|p| &p.url)),
            once_each(&reachable())
        );
        assert_eq!(ticks, 10, "three workers crawl the pretend web in 10 ticks");
        assert_eq!(WEB.len(), 8);
    }
}
