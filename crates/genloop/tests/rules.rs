//! asyncio's scheduling rules, one test each, with the exact trace.
//! (Chapter 4's demos check the same rules against CPython: each one in
//! `crates/ch04-event-loop/src/demos/` has a Python twin in `python/` that
//! must print the same trace, which `cargo wb verify --only python` checks.)
//!
//! The programs are here, in `genloop`'s words; the trace each must say
//! is in `crates/loop-tests` (`rules`), which `aio`'s tests check too.

#[path = "support/on_genloop.rs"]
mod on_genloop;

use genloop::Cx;
use loop_tests::{lines, rules};
use on_genloop::{Genloop, program};
use trace::Trace;

async fn says_runs(cx: Cx) {
    cx.say("runs");
}

#[test]
fn new_tasks_run_when_the_current_one_gives_way_in_creation_order() {
    rules::new_tasks_run_when_the_current_one_gives_way_in_creation_order::<Genloop>(program(
        |cx| async move {
            for name in ["A", "B", "C"] {
                cx.spawn(name, says_runs).await;
            }
            cx.say("spawned three");
            cx.yield_now().await;
            cx.say("back");
        },
    ));
}

#[test]
fn sleep_0_goes_to_the_back_of_the_queue() {
    rules::sleep_0_goes_to_the_back_of_the_queue::<Genloop>(program(|cx| async move {
        cx.spawn("A", |cx| async move {
            cx.spawn("C", says_runs).await;
            cx.say("spawned C, gives way");
            cx.sleep(0).await;
            cx.say("back");
        })
        .await;
        cx.spawn("B", says_runs).await;
        cx.sleep(1).await;
    }));
}

#[test]
fn requests_that_need_not_wait_are_answered_at_once() {
    rules::awaiting_a_finished_task_does_not_give_way::<Genloop>(program(|cx| async move {
        let a = cx
            .spawn("A", |cx| async move {
                cx.say("runs");
                1
            })
            .await;
        cx.say(format!("I am {}", cx.current().await));
        cx.sleep(1).await; // A finishes meanwhile
        let b = cx.spawn("B", says_runs).await;
        let one = cx.join(&a).await; // A has finished: no turn for B
        cx.say(format!("A gave {one}, before B runs"));
        cx.join(&b).await;
    }));
}

#[test]
fn the_clock_jumps_to_the_next_timer_and_equal_deadlines_fire_in_setting_order() {
    fn wakes(cx: &Cx) {
        cx.say(format!("wakes at {}", cx.now()));
    }
    rules::the_clock_jumps_to_the_next_timer_and_equal_deadlines_fire_in_setting_order::<Genloop>(
        program(|cx| async move {
            let a = cx
                .spawn("A", |cx| async move {
                    cx.say("sleeps 50");
                    cx.sleep(50).await;
                    wakes(&cx);
                })
                .await;
            let b = cx
                .spawn("B", |cx| async move {
                    cx.sleep(30).await;
                    cx.say("sleeps 20 more");
                    cx.sleep(20).await;
                    wakes(&cx);
                })
                .await;
            let c = cx
                .spawn("C", |cx| async move {
                    cx.sleep(0).await;
                    cx.say("sleeps 50");
                    cx.sleep(50).await;
                    wakes(&cx);
                })
                .await;
            cx.gather(&[a, b, c]).await;
        }),
    );
}

#[test]
fn a_task_that_finishes_wakes_its_waiters_in_the_order_they_started_waiting() {
    rules::a_task_that_finishes_wakes_its_waiters_in_the_order_they_started_waiting::<Genloop>(
        program(|cx| async move {
            let c = cx
                .spawn("C", |cx| async move {
                    cx.sleep(1).await;
                    cx.say("ends");
                })
                .await;
            let (c1, c2) = (c.clone(), c.clone());
            let a = cx
                .spawn("A", |cx| async move {
                    cx.sleep(0).await; // B starts waiting first
                    cx.join(&c1).await;
                    cx.say("saw C end");
                })
                .await;
            let b = cx
                .spawn("B", |cx| async move {
                    cx.join(&c2).await;
                    cx.say("saw C end");
                })
                .await;
            cx.join(&a).await;
            cx.join(&b).await;
        }),
    );
}

#[test]
fn gather_of_finished_tasks_still_gives_way_twice() {
    rules::gather_of_finished_tasks_still_gives_way_twice::<Genloop>(program(|cx| async move {
        let a = cx.spawn("A", says_runs).await;
        cx.sleep(0).await;
        cx.spawn("T", |cx| async move {
            for i in 0..4 {
                cx.say(format!("tick {i}"));
                cx.sleep(0).await;
            }
        })
        .await;
        cx.gather(&[a]).await;
        cx.say("gathered A");
        cx.say(format!(
            "gathered nothing: {:?}",
            cx.gather::<()>(&[]).await
        ));
    }));
}

#[test]
fn gather_returns_results_in_the_order_given() {
    rules::gather_returns_results_in_the_order_given::<Genloop>(program(|cx| async move {
        let mut tasks = Vec::new();
        for (name, ticks) in [("A", 3), ("B", 1), ("C", 2)] {
            let task = cx
                .spawn(name, move |cx| async move {
                    cx.sleep(ticks).await;
                    cx.say("done");
                    format!("{name} slept {ticks}")
                })
                .await;
            tasks.push(task);
        }
        cx.gather(&tasks).await
    }));
}

#[test]
fn run_returns_mains_result_and_drops_the_tasks_left() {
    // genloop only: aio's tasks left clean up (`aio/tests/rules.rs`).
    let t = Trace::new();
    let result = genloop::run(&t, |cx| async move {
        let sleeper = cx
            .spawn("S", |cx| async move {
                cx.say("sleeps 10");
                cx.sleep(10).await;
                cx.say("never said");
            })
            .await;
        cx.sleep(2).await;
        cx.say(format!("leaves {} asleep", sleeper.name()));
        7
    });
    assert_eq!(result, 7);
    assert_eq!(
        t.render(),
        lines(&["  0 [S] sleeps 10", "  2 [main] leaves S asleep"])
    );
}

#[test]
fn every_joiner_gets_the_result() {
    rules::every_awaiter_gets_the_result::<Genloop>(program(|cx| async move {
        let answer = cx
            .spawn("A", |cx| async move {
                cx.sleep(1).await;
                String::from("forty-two")
            })
            .await;
        let again = answer.clone();
        let b = cx
            .spawn("B", |cx| async move {
                let got = cx.join(&again).await;
                cx.say(format!("got {got}"));
            })
            .await;
        let got = cx.join(&answer).await;
        cx.say(format!("got {got}"));
        cx.join(&b).await;
        cx.say(format!("and again {}", cx.join(&answer).await));
    }));
}

#[test]
fn the_trace_knows_the_time_and_the_task_that_runs() {
    rules::the_trace_knows_the_time_and_the_task_that_runs::<Genloop>(|during| {
        program(|cx| async move {
            let b = cx
                .spawn("B", |cx| async move {
                    cx.sleep(2).await;
                    during.stamp()
                })
                .await;
            cx.join(&b).await
        })
    });
}
