//! One module per exercise, named by its id; `workbook.toml` lists these
//! tests by their full names (`lazy_futures::prediction`). Each module uses only
//! its own exercise's file, the chapter's shared pieces and aio.

mod countdown_future {
    use ch05_async_await::countdown_future::Countdown;

    #[test]
    fn takes_turns_with_a_ticker() {
        harness::exercise!("countdown_future").check("countdown_future", |t| {
            aio::run(t, async {
                let ticker = aio::spawn("ticker", async {
                    for tick in 1..=3 {
                        aio::say(format!("tick {tick}"));
                        aio::yield_now().await;
                    }
                });
                let result = Countdown::new(3).await;
                aio::say(format!("got {result}"));
                ticker.await;
            });
        });
    }
}

mod countdown_async {
    use ch05_async_await::countdown_async::countdown;

    #[test]
    fn takes_turns_with_a_ticker() {
        harness::exercise!("countdown_async").check("countdown_async", |t| {
            aio::run(t, async {
                let ticker = aio::spawn("ticker", async {
                    for tick in 1..=3 {
                        aio::say(format!("tick {tick}"));
                        aio::yield_now().await;
                    }
                });
                let result = countdown(3).await;
                aio::say(format!("got {result}"));
                ticker.await;
            });
        });
    }
}

mod lazy_futures {
    use ch05_async_await::lazy_futures::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("lazy_futures").check_prediction("lazy_futures", PREDICTION, program);
    }
}

mod lazy_pair {
    use ch05_async_await::lazy_pair::program;

    #[test]
    fn both_downloads_at_once() {
        harness::exercise!("lazy_pair").check("lazy_pair", program);
    }
}

mod first_done {
    use ch05_async_await::first_done::fastest;

    #[test]
    fn the_fastest_mirror_wins_and_the_others_are_cancelled() {
        // A winner that leaves the others running gives the same trace (the
        // loop drops them when main returns), but not without a warning.
        harness::exercise!("first_done")
            .failing_on_loop_warnings()
            .check("first_done", |t| {
                aio::run(t, async {
                    let answer = fastest(&[("east", 3), ("west", 1), ("north", 2)]).await;
                    aio::say(format!("got {answer}"));
                });
            });
    }
}

mod cancel_order {
    use ch05_async_await::cancel_order::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("cancel_order").check_prediction("cancel_order", PREDICTION, program);
    }
}

mod cancel_not_immediate {
    use ch05_async_await::cancel_not_immediate::program;

    #[test]
    fn the_file_is_closed_before_it_is_reopened() {
        harness::exercise!("cancel_not_immediate").check("cancel_not_immediate", program);
    }
}

mod data_stream {
    use ch05_async_await::data_stream::DataStream;

    #[test]
    fn items_arrive_one_tick_apart() {
        harness::exercise!("data_stream").check("data_stream", |t| {
            aio::run(t, async {
                let mut stream = DataStream::new(&[10, 20, 30]);
                while let Some(item) = stream.next().await {
                    aio::say(format!("got {item}"));
                }
                aio::say("the stream is done");
            });
        });
    }
}

mod with_db {
    use ch05_async_await::with_db::with_db;

    #[test]
    fn disconnects_after_the_body() {
        harness::exercise!("with_db").check("with_db", |t| {
            aio::run(t, async {
                let rows = with_db(async |db| db.query("SELECT users").await).await;
                aio::say(format!("{rows} rows"));
            });
        });
    }

    #[test]
    fn disconnects_when_a_timeout_gives_up() {
        harness::exercise!("with_db").check("with_db_timeout", |t| {
            aio::run(t, async {
                let slow = with_db(async |db| {
                    db.query("SELECT everything").await;
                    db.query("SELECT everything else").await
                });
                match aio::timeout(4, slow).await {
                    Ok(rows) => aio::say(format!("{rows} rows")),
                    Err(_) => aio::say("gave up after 4 ticks"),
                }
            });
        });
    }

    /// Given up while it connects: never connected, so nothing to
    /// disconnect (Python's `__aexit__` runs only after `__aenter__`).
    #[test]
    fn never_connected_never_disconnects() {
        harness::exercise!("with_db").check("with_db_not_connected", |t| {
            aio::run(t, async {
                let rows = with_db(async |db| db.query("SELECT users").await);
                match aio::timeout(0, rows).await {
                    Ok(rows) => aio::say(format!("{rows} rows")),
                    Err(_) => aio::say("gave up before it connected"),
                }
            });
        });
    }
}

mod partial_results {
    use ch05_async_await::partial_results::program;

    #[test]
    fn every_page_is_reported_even_when_one_fails() {
        harness::exercise!("partial_results").check("partial_results", program);
    }
}

mod shared_balance {
    use ch05_async_await::shared_balance::program;

    #[test]
    fn a_payment_the_balance_does_not_cover_is_refused() {
        harness::exercise!("shared_balance").check("shared_balance", program);
    }
}
