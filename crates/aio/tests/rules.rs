//! asyncio's scheduling rules on `aio`, one test each, with the exact
//! trace. (Chapter 4's programs check the same rules against CPython's
//! traces in `ch04_programs.rs`; the behaviours chapter 4 has not got are
//! checked against CPython in `cpython.rs`.) The rules `genloop` keeps
//! too (`mod order`) are checked by `crates/loop-tests` (`rules`), on the
//! programs here.

#[path = "support/on_aio.rs"]
mod on_aio;

use std::cell::{Cell, RefCell};
use std::future::{Future, poll_fn};
use std::rc::Rc;
use std::task::Poll;

use aio::{ReturnWhen, Task, gather, say, sleep, spawn, timeout, yield_now};
use loop_tests::{lines, rules};
use on_aio::{Aio, program};
use trace::Trace;

fn trace_of<F: Future<Output = ()> + 'static>(main: F) -> String {
    loop_tests::trace_of::<Aio>(program(main))
}

async fn says_runs() {
    say("runs");
}

/// Says "cleans up" when dropped: Rust's `finally`.
struct CleansUp;

impl Drop for CleansUp {
    fn drop(&mut self) {
        say("cleans up");
    }
}

/// Sleeps `start`, then counts turns: `tick 0`, `tick 1`, …
async fn ticker(start: u64, ticks: u32) {
    sleep(start).await;
    for i in 0..ticks {
        say(format!("tick {i}"));
        sleep(0).await;
    }
}

/// The trace of the two "given up" tests: main gives up at 1 and then
/// awaits C, which finishes at 3, one turn after B, D and itself woke.
fn gave_up_and_saw_c_end() -> String {
    lines(&[
        "  1 [main] Err(Elapsed)",
        "  3 [D] tick 0",
        "  3 [D] tick 1",
        "  3 [D] tick 2",
        "  3 [main] saw C end",
        "  3 [D] tick 3",
    ])
}

mod order {
    use super::*;

    #[test]
    fn new_tasks_run_when_the_current_one_gives_way_in_creation_order() {
        rules::new_tasks_run_when_the_current_one_gives_way_in_creation_order::<Aio>(program(
            async {
                for name in ["A", "B", "C"] {
                    spawn(name, says_runs());
                }
                say("spawned three");
                yield_now().await;
                say("back");
            },
        ));
    }

    #[test]
    fn sleep_0_goes_to_the_back_of_the_queue() {
        rules::sleep_0_goes_to_the_back_of_the_queue::<Aio>(program(async {
            spawn("A", async {
                spawn("C", says_runs());
                say("spawned C, gives way");
                sleep(0).await;
                say("back");
            });
            spawn("B", says_runs());
            sleep(1).await;
        }));
    }

    #[test]
    fn awaiting_a_finished_task_does_not_give_way() {
        rules::awaiting_a_finished_task_does_not_give_way::<Aio>(program(async {
            let a = spawn("A", async {
                say("runs");
                1
            });
            say(format!("I am {}", aio::current_name()));
            sleep(1).await; // A finishes meanwhile
            let b = spawn("B", says_runs());
            let one = a.await; // A has finished: no turn for B
            say(format!("A gave {one}, before B runs"));
            b.await;
        }));
    }

    #[test]
    fn the_clock_jumps_to_the_next_timer_and_equal_deadlines_fire_in_setting_order() {
        fn wakes() {
            say(format!("wakes at {}", aio::now()));
        }
        rules::the_clock_jumps_to_the_next_timer_and_equal_deadlines_fire_in_setting_order::<Aio>(
            program(async {
                let a = spawn("A", async {
                    say("sleeps 50");
                    sleep(50).await;
                    wakes();
                });
                let b = spawn("B", async {
                    sleep(30).await;
                    say("sleeps 20 more");
                    sleep(20).await;
                    wakes();
                });
                let c = spawn("C", async {
                    sleep(0).await;
                    say("sleeps 50");
                    sleep(50).await;
                    wakes();
                });
                gather(&[a, b, c]).await;
            }),
        );
    }

    #[test]
    fn a_task_that_finishes_wakes_its_waiters_in_the_order_they_started_waiting() {
        rules::a_task_that_finishes_wakes_its_waiters_in_the_order_they_started_waiting::<Aio>(
            program(async {
                let c = spawn("C", async {
                    sleep(1).await;
                    say("ends");
                });
                let c1 = c.clone();
                let a = spawn("A", async move {
                    sleep(0).await; // B starts waiting first
                    c1.await;
                    say("saw C end");
                });
                let b = spawn("B", async move {
                    c.await;
                    say("saw C end");
                });
                a.await;
                b.await;
            }),
        );
    }

    #[test]
    fn gather_of_finished_tasks_still_gives_way_twice() {
        rules::gather_of_finished_tasks_still_gives_way_twice::<Aio>(program(async {
            let a = spawn("A", says_runs());
            sleep(0).await;
            spawn("T", async {
                for i in 0..4 {
                    say(format!("tick {i}"));
                    sleep(0).await;
                }
            });
            gather(&[a]).await;
            say("gathered A");
            say(format!("gathered nothing: {:?}", gather::<()>(&[]).await));
        }));
    }

    #[test]
    fn gather_returns_results_in_the_order_given() {
        rules::gather_returns_results_in_the_order_given::<Aio>(program(async {
            let tasks: Vec<Task<String>> = [("A", 3), ("B", 1), ("C", 2)]
                .into_iter()
                .map(|(name, ticks)| {
                    spawn(name, async move {
                        sleep(ticks).await;
                        say("done");
                        format!("{name} slept {ticks}")
                    })
                })
                .collect();
            gather(&tasks).await
        }));
    }

    #[test]
    fn every_awaiter_gets_the_result() {
        rules::every_awaiter_gets_the_result::<Aio>(program(async {
            let answer = spawn("A", async {
                sleep(1).await;
                String::from("forty-two")
            });
            let again = answer.clone();
            let b = spawn("B", async move {
                let got = again.await;
                say(format!("got {got}"));
            });
            let got = answer.clone().await;
            say(format!("got {got}"));
            b.await;
            say(format!("and again {}", answer.await));
        }));
    }

    #[test]
    fn run_returns_mains_result_and_drops_the_tasks_left_in_spawning_order() {
        // aio only: genloop drops the tasks left without a word.
        let t = Trace::new();
        let result = aio::run(&t, async {
            for name in ["S", "R"] {
                spawn(name, async {
                    let _finally = CleansUp;
                    say("sleeps 10");
                    sleep(10).await;
                    say("never said");
                });
            }
            sleep(2).await;
            say("returns");
            7
        });
        assert_eq!(result, 7);
        // asyncio.run cancels the tasks left, and their `finally` runs.
        assert_eq!(
            t.render(),
            lines(&[
                "  0 [S] sleeps 10",
                "  0 [R] sleeps 10",
                "  2 [main] returns",
                "  2 [S] cleans up",
                "  2 [R] cleans up",
            ])
        );
    }

    #[test]
    fn the_trace_knows_the_time_and_the_task_that_runs() {
        rules::the_trace_knows_the_time_and_the_task_that_runs::<Aio>(|during| {
            program(async move {
                let b = spawn("B", async move {
                    sleep(2).await;
                    during.stamp()
                });
                b.await
            })
        });
    }
}

mod laziness {
    use super::*;

    async fn says_hello() {
        say("hello");
    }

    #[test]
    fn an_async_fn_called_without_await_or_spawn_never_runs() {
        let ran = Rc::new(Cell::new(false));
        let flag = ran.clone();
        let trace = trace_of(async move {
            #[allow(unused_must_use)]
            says_hello(); // made and dropped: not one line of it runs
            let kept = async move { flag.set(true) };
            say("made them");
            sleep(1).await;
            drop(kept);
            say("dropped them");
        });
        assert!(!ran.get());
        assert_eq!(
            trace,
            lines(&["  0 [main] made them", "  1 [main] dropped them"])
        );
    }

    #[test]
    fn a_sleep_not_awaited_sets_no_timer() {
        let trace = trace_of(async {
            let _never = sleep(100);
            sleep(1).await;
            say(format!("the clock says {}", aio::now()));
        });
        assert_eq!(trace, lines(&["  1 [main] the clock says 1"]));
    }
}

mod wakers {
    use super::*;
    use std::sync::{Arc, Mutex};
    use std::task::Waker;
    use std::time::Duration;

    #[test]
    fn waking_a_task_twice_queues_it_once_at_its_first_place() {
        let polls = Rc::new(Cell::new(0));
        let counted = polls.clone();
        let trace = trace_of(async move {
            spawn("A", async move {
                poll_fn(|cx| {
                    counted.set(counted.get() + 1);
                    if counted.get() == 1 {
                        spawn("B", says_runs());
                        cx.waker().wake_by_ref(); // queued: behind B
                        spawn("C", says_runs());
                        cx.waker().wake_by_ref(); // queued already: stays before C
                        #[allow(clippy::waker_clone_wake, reason = "waking by value, too")]
                        cx.waker().clone().wake();
                        return Poll::Pending;
                    }
                    Poll::Ready(())
                })
                .await;
                say("back");
            })
            .await;
        });
        assert_eq!(polls.get(), 2);
        assert_eq!(
            trace,
            lines(&["  0 [B] runs", "  0 [A] back", "  0 [C] runs"])
        );
    }

    #[test]
    fn a_waker_called_after_its_task_finished_does_nothing() {
        let kept: Rc<RefCell<Option<Waker>>> = Rc::default();
        let slot = kept.clone();
        let polled_after_done = Rc::new(Cell::new(false));
        let flag = polled_after_done.clone();
        let trace = trace_of(async move {
            let mut done = false;
            let a = spawn(
                "A",
                poll_fn(move |cx| {
                    flag.set(flag.get() || done);
                    *slot.borrow_mut() = Some(cx.waker().clone());
                    done = true;
                    Poll::Ready(())
                }),
            );
            a.await;
            let waker = kept.borrow_mut().take().expect("A kept its waker");
            waker.wake_by_ref();
            std::thread::spawn(move || waker.wake()).join().unwrap();
            sleep(1).await;
            say("nothing happened");
        });
        assert!(!polled_after_done.get(), "A was polled after it finished");
        assert_eq!(trace, lines(&["  1 [main] nothing happened"]));
    }

    /// A minimal `to_thread`: run `work` on a thread, wake the task when
    /// it is done. What chapter 6 builds on `aio::external`.
    async fn on_a_thread<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
        let result = Arc::new(Mutex::new(None));
        let mut work = Some(work);
        poll_fn(|cx| {
            if let Some(work) = work.take() {
                let outside = aio::external();
                let (waker, slot) = (cx.waker().clone(), result.clone());
                std::thread::spawn(move || {
                    *slot.lock().unwrap() = Some(work());
                    outside.wake(&waker);
                });
            }
            match result.lock().unwrap().take() {
                Some(value) => Poll::Ready(value),
                None => Poll::Pending,
            }
        })
        .await
    }

    #[test]
    fn a_task_woken_from_another_thread_wakes_the_idle_loop() {
        let t = Trace::new();
        let answer = aio::run(&t, async {
            let b = spawn("B", async {
                say("waits for the thread");
                let answer = on_a_thread(|| {
                    std::thread::sleep(Duration::from_millis(5));
                    42
                })
                .await;
                say(format!("the thread gave {answer}"));
                answer
            });
            b.await
        });
        assert_eq!(answer, 42);
        assert_eq!(
            t.render(),
            lines(&["  0 [B] waits for the thread", "  0 [B] the thread gave 42"])
        );
    }

    #[test]
    fn outside_work_that_ends_without_waking_anyone_is_then_a_deadlock() {
        let error = aio::try_run(&Trace::new(), async {
            let outside = aio::external();
            std::thread::spawn(move || drop(outside));
            poll_fn(|_| Poll::<()>::Pending).await;
        })
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "deadlock at time 0: every task waits and no timer is set; \
             main is pending, and no task or timer will wake it (did a future return Pending without keeping its waker?). (asyncio would hang here forever.)"
        );
    }
}

mod cancellation {
    use super::*;

    /// The task's handle, for the task itself (`asyncio.current_task()`).
    type Me = Rc<RefCell<Option<Task<&'static str>>>>;

    #[test]
    fn a_task_cancelled_before_it_started_never_runs_but_what_it_owns_is_dropped() {
        let trace = trace_of(async {
            let owned = CleansUp; // made by main, owned by B
            let b = spawn("B", async move {
                let _owned = owned;
                say("never said");
            });
            say(format!("cancels B: {}", b.cancel()));
            say(format!("{:?}", b.outcome().await));
        });
        assert_eq!(
            trace,
            lines(&[
                "  0 [main] cancels B: true",
                "  0 [B] cleans up",
                "  0 [main] Err(Cancelled { task: \"B\" })",
            ])
        );
    }

    #[test]
    fn a_task_that_cancels_itself_goes_on_until_it_gives_way() {
        let me: Me = Rc::default();
        let handle = me.clone();
        let trace = trace_of(async move {
            let a = spawn("A", async move {
                let _finally = CleansUp;
                say("cancels itself");
                let me = handle.borrow().clone().expect("main put it there");
                me.cancel();
                say("goes on until it gives way");
                sleep(0).await;
                say("never said");
                "never returned"
            });
            *me.borrow_mut() = Some(a.clone());
            spawn("B", says_runs());
            say(format!("{:?}", a.outcome().await));
        });
        assert_eq!(
            trace,
            lines(&[
                "  0 [A] cancels itself",
                "  0 [A] goes on until it gives way",
                "  0 [B] runs",
                "  0 [A] cleans up",
                "  0 [main] Err(Cancelled { task: \"A\" })",
            ])
        );
    }

    #[test]
    fn a_task_that_returns_after_it_was_asked_to_cancel_ends_cancelled() {
        // asyncio: "Task is cancelled right before coro stops."
        let me: Me = Rc::default();
        let handle = me.clone();
        let trace = trace_of(async move {
            let a = spawn("A", async move {
                let me = handle.borrow().clone().expect("main put it there");
                say(format!("cancels itself: {}", me.cancel()));
                "returned anyway"
            });
            *me.borrow_mut() = Some(a.clone());
            say(format!("{:?}", a.outcome().await));
            say(format!("cancel a finished task: {}", a.cancel()));
        });
        assert_eq!(
            trace,
            lines(&[
                "  0 [A] cancels itself: true",
                "  0 [main] Err(Cancelled { task: \"A\" })",
                "  0 [main] cancel a finished task: false",
            ])
        );
    }

    #[test]
    fn a_cancelled_sleeper_leaves_no_timer_behind() {
        // If B's timer stayed, the loop would wait for it (until 10)
        // before it saw the deadlock.
        let error = aio::try_run(&Trace::new(), async {
            let b = spawn("B", sleep(10));
            sleep(1).await;
            b.cancel();
            poll_fn(|_| Poll::<()>::Pending).await;
        })
        .unwrap_err();
        assert!(
            error.to_string().starts_with("deadlock at time 1:"),
            "{error}"
        );
    }

    #[test]
    fn awaiting_a_cancelled_task_fails_with_its_name() {
        let error = aio::try_run(&Trace::new(), async {
            let b = spawn("B", sleep(5));
            b.cancel();
            b.await;
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "task main failed: task B was cancelled");
    }

    #[test]
    fn gather_fails_when_a_task_is_cancelled() {
        let error = aio::try_run(&Trace::new(), async {
            let a = spawn("A", sleep(5));
            let b = spawn("B", sleep(1));
            a.cancel();
            gather(&[b, a]).await;
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "task main failed: task A was cancelled");
    }

    #[test]
    fn cancelling_the_task_that_awaits_leaves_the_awaited_one_running() {
        // Not as asyncio: there, `await b` passes A's cancellation on to B,
        // and B cleans up first. Here a handle is only a handle.
        let trace = trace_of(async {
            let b = spawn("B", async {
                let _finally = CleansUp;
                sleep(5).await;
                say("finishes");
            });
            let awaited = b.clone();
            let a = spawn("A", async move {
                let _finally = CleansUp;
                awaited.await;
            });
            sleep(1).await;
            a.cancel();
            b.await;
        });
        assert_eq!(
            trace,
            lines(&["  1 [A] cleans up", "  5 [B] finishes", "  5 [B] cleans up"])
        );
    }
}

mod timeouts {
    use super::*;

    #[test]
    fn a_future_on_time_gives_its_output_and_the_timeout_leaves_no_timer() {
        let error = aio::try_run(&Trace::new(), async {
            let result = timeout(10, async {
                sleep(1).await;
                "on time"
            })
            .await;
            say(format!("{result:?}"));
            poll_fn(|_| Poll::<()>::Pending).await;
        })
        .unwrap_err();
        assert!(
            error.to_string().starts_with("deadlock at time 1:"),
            "{error}"
        );
    }

    #[test]
    fn timeout_0_lets_the_future_run_to_its_first_wait() {
        let trace = trace_of(async {
            let quick = timeout(0, async { "at once" }).await;
            say(format!("{quick:?}"));
            let slow = timeout(0, async {
                say("starts");
                sleep(0).await;
                say("never said");
            })
            .await;
            say(format!("{slow:?}"));
        });
        assert_eq!(
            trace,
            lines(&[
                "  0 [main] Ok(\"at once\")",
                "  0 [main] starts",
                "  0 [main] Err(Elapsed)",
            ])
        );
    }

    #[test]
    fn a_timeout_that_gave_up_on_a_task_is_not_woken_when_it_ends() {
        // If the dropped `b.await` were still in B's list, B's end would
        // queue main early, before D, and C's end (same round) would not
        // move it back behind D: "saw C end" would come before "tick 1".
        let trace = trace_of(async {
            let b = spawn("B", sleep(3));
            spawn("D", ticker(3, 3));
            let c = spawn("C", sleep(3));
            say(format!("{:?}", timeout(1, b).await));
            c.await;
            say("saw C end");
        });
        assert_eq!(
            trace,
            lines(&[
                "  1 [main] Err(Elapsed)",
                "  3 [D] tick 0",
                "  3 [D] tick 1",
                "  3 [main] saw C end",
                "  3 [D] tick 2",
            ])
        );
    }

    #[test]
    fn a_timeout_that_gave_up_on_a_gather_is_not_woken_by_its_callback() {
        // B ends in the round the timeout fires, so gather's callback is
        // already on its way when the gather is dropped: it must do
        // nothing when it comes.
        let trace = trace_of(async {
            let b = spawn("B", sleep(3));
            sleep(0).await; // B's timer first, then main's deadline
            spawn("D", ticker(3, 4));
            let c = spawn("C", async {
                sleep(3).await;
                sleep(0).await;
            });
            say(format!("{:?}", timeout(3, gather(&[b])).await));
            c.await;
            say("saw C end");
        });
        assert_eq!(
            trace,
            lines(&[
                "  3 [main] Err(Elapsed)",
                "  3 [D] tick 0",
                "  3 [D] tick 1",
                "  3 [D] tick 2",
                "  3 [main] saw C end",
                "  3 [D] tick 3",
            ])
        );
    }

    #[test]
    fn a_timeout_on_a_task_leaves_the_task_running() {
        // asyncio's wait_for would cancel B. Dropping `b.await` does not.
        let trace = trace_of(async {
            let b = spawn("B", async {
                sleep(3).await;
                say("finishes");
            });
            let result = timeout(1, b.clone()).await;
            say(format!("{result:?}"));
            b.await;
        });
        assert_eq!(
            trace,
            lines(&["  1 [main] Err(Elapsed)", "  3 [B] finishes"])
        );
    }
}

mod waiting {
    use super::*;

    #[test]
    fn wait_for_all_returns_failures_without_raising_them() {
        let t = Trace::new();
        let outcome = aio::try_run(&t, async {
            let a = spawn("A", async {
                sleep(1).await;
                panic!("boom")
            });
            let b = spawn("B", async { 2 });
            let (done, pending) = aio::wait(vec![a, b], ReturnWhen::AllCompleted).await;
            say(format!("{} done, {} pending", done.len(), pending.len()));
            for task in &done {
                say(format!("{}: {:?}", task.name(), task.outcome().await));
            }
        });
        assert_eq!(outcome, Ok(()));
        assert_eq!(
            t.render(),
            lines(&[
                "  1 [main] 2 done, 0 pending",
                "  1 [main] A: Err(Failed { task: \"A\", message: \"boom\" })",
                "  1 [main] B: Ok(2)",
            ])
        );
    }

    #[test]
    fn wait_on_nothing_is_a_mistake() {
        let error = aio::try_run(&Trace::new(), async {
            aio::wait(Vec::<Task<()>>::new(), ReturnWhen::AllCompleted).await;
        })
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "task main failed: aio::wait needs at least one task. \
             (asyncio would raise ValueError: Set of Tasks/Futures is empty.)"
        );
    }

    #[test]
    fn as_completed_passes_a_failure_on() {
        let error = aio::try_run(&Trace::new(), async {
            let a = spawn("A", async {
                sleep(2).await;
                1
            });
            let b = spawn("B", async {
                sleep(1).await;
                panic!("boom")
            });
            let mut finished = aio::as_completed(vec![a, b]);
            while let Some(result) = finished.next().await {
                say(format!("got {result}"));
            }
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "task main failed: task B failed: boom");
    }

    #[test]
    fn as_completed_given_up_in_a_timeout_wakes_nobody_later() {
        // If the abandoned `next()` still woke main when B finished, main
        // would be queued early, and C's wake would not move it back
        // behind D: "saw C end" would come before "tick 2".
        let trace = trace_of(async {
            let b = spawn("B", sleep(3));
            spawn("D", ticker(3, 4));
            let c = spawn("C", async {
                sleep(3).await;
                sleep(0).await;
            });
            let mut finished = aio::as_completed(vec![b]);
            say(format!("{:?}", timeout(1, finished.next()).await));
            c.await;
            say("saw C end");
        });
        assert_eq!(trace, gave_up_and_saw_c_end());
    }
}
