//! One module per exercise, named by its id; `workbook.toml` lists these
//! tests by their full names (`task_per_page::crawls_in_ten_ticks`). Each
//! module uses only its own exercise's file, the chapter's pretend web and
//! aio. The crawls start at the web's home page, `/`, and `main` ends
//! with the crawl's `report`: how many pages, in how many ticks.

mod task_per_page {
    use ch07_crawler::report;
    use ch07_crawler::task_per_page::crawl;

    #[test]
    fn crawls_in_ten_ticks() {
        harness::exercise!("task_per_page").check("task_per_page", |t| {
            aio::run(t, async {
                let pages = crawl("/").await;
                aio::say(report(&pages));
            });
        });
    }
}

mod seen_too_late {
    use ch07_crawler::report;
    use ch07_crawler::seen_too_late::crawl;

    #[test]
    fn fetches_each_page_once() {
        harness::exercise!("seen_too_late").check("seen_too_late", |t| {
            aio::run(t, async {
                let pages = crawl("/").await;
                aio::say(report(&pages));
            });
        });
    }
}

mod who_gets_the_permit {
    use ch07_crawler::who_gets_the_permit::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("who_gets_the_permit").check_prediction(
            "who_gets_the_permit",
            PREDICTION,
            program,
        );
    }
}

mod polite_crawl {
    use ch07_crawler::polite_crawl::crawl;
    use ch07_crawler::report;

    #[test]
    fn two_requests_at_a_time() {
        harness::exercise!("polite_crawl").check("polite_crawl", |t| {
            aio::run(t, async {
                let pages = crawl("/").await;
                aio::say(report(&pages));
            });
        });
    }
}

mod permit_held {
    use ch07_crawler::permit_held::crawl;
    use ch07_crawler::report;

    #[test]
    fn storing_holds_no_permit() {
        harness::exercise!("permit_held").check("permit_held", |t| {
            aio::run(t, async {
                let pages = crawl("/").await;
                aio::say(report(&pages));
            });
        });
    }
}

mod who_takes_which {
    use ch07_crawler::who_takes_which::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("who_takes_which").check_prediction(
            "who_takes_which",
            PREDICTION,
            program,
        );
    }
}

mod worker_pool {
    use ch07_crawler::report;
    use ch07_crawler::worker_pool::crawl;

    #[test]
    fn three_workers() {
        // Workers wait for work for ever: left running, the loop warns.
        harness::exercise!("worker_pool")
            .failing_on_loop_warnings()
            .check("worker_pool", |t| {
                aio::run(t, async {
                    let pages = crawl("/", 3).await;
                    aio::say(report(&pages));
                });
            });
    }
}

mod forgot_task_done {
    use ch07_crawler::forgot_task_done::crawl;
    use ch07_crawler::report;

    #[test]
    fn join_returns() {
        harness::exercise!("forgot_task_done").check("forgot_task_done", |t| {
            aio::run(t, async {
                let pages = crawl("/", 3).await;
                aio::say(report(&pages));
            });
        });
    }
}

mod crawl_until {
    use ch07_crawler::crawl_until::crawl;
    use ch07_crawler::report;

    #[test]
    fn stops_at_six() {
        harness::exercise!("crawl_until").check("crawl_until", |t| {
            aio::run(t, async {
                let pages = crawl("/", 6).await;
                aio::say(report(&pages));
            });
        });
    }

    /// A deadline the crawl beats: it ends when the last page is in, at
    /// 10, not at the deadline, and gives up on nothing.
    #[test]
    fn ends_early_when_done_before_the_deadline() {
        harness::exercise!("crawl_until").check("crawl_until_in_time", |t| {
            aio::run(t, async {
                let pages = crawl("/", 20).await;
                aio::say(report(&pages));
            });
        });
    }
}
