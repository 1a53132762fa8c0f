//! One module per exercise, named by its id; `workbook.toml` lists these
//! tests by their full names (`timers::sleepers_wake_in_deadline_order`).
//! Each module uses only its own exercise's file, the chapter's shared
//! pieces and genloop.

mod timers {
    use ch04_event_loop::timers::run;
    use ch04_event_loop::{Clock, sleepy};

    #[test]
    fn sleepers_wake_in_deadline_order() {
        harness::exercise!("timers").check("timers", |t| {
            let clock = Clock::install(t);
            let a = sleepy(|co| async move {
                t.say("starts");
                co.yield_(2).await;
                t.say("woke");
                co.yield_(0).await;
                t.say("again");
            });
            let b = sleepy(|co| async move {
                t.say("starts");
                co.yield_(1).await;
                t.say("ends");
            });
            let c = sleepy(|co| async move {
                t.say("starts");
                co.yield_(2).await;
                t.say("woke");
            });
            run(&clock, vec![("A", a), ("B", b), ("C", c)]);
        });
    }
}

mod wake_order {
    use ch04_event_loop::wake_order::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("wake_order").check_prediction("wake_order", PREDICTION, program);
    }
}

mod spawns {
    use ch04_event_loop::spawns::run;
    use ch04_event_loop::{Call, Clock, spawning};

    #[test]
    fn new_tasks_run_when_their_creator_gives_way() {
        harness::exercise!("spawns").check("spawns", |t| {
            let clock = Clock::install(t);
            let main = spawning(|co| async move {
                t.say("start");
                let a = spawning(|co| async move {
                    t.say("runs");
                    co.yield_(Call::Sleep(1)).await;
                    t.say("ends");
                });
                co.yield_(Call::Spawn("A", a)).await;
                let b = spawning(|co| async move {
                    t.say("runs");
                    let c = spawning(|_co| async move { t.say("runs") });
                    co.yield_(Call::Spawn("C", c)).await;
                    t.say("spawned C");
                    co.yield_(Call::Sleep(0)).await;
                    t.say("again");
                });
                co.yield_(Call::Spawn("B", b)).await;
                t.say("spawned A and B");
                co.yield_(Call::Sleep(2)).await;
                t.say("done");
            });
            run(&clock, main);
        });
    }
}

mod create_task_order {
    use ch04_event_loop::create_task_order::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("create_task_order").check_prediction(
            "create_task_order",
            PREDICTION,
            program,
        );
    }
}

mod count_to_ten {
    use ch04_event_loop::count_to_ten::program;

    #[test]
    fn three_counters_at_once() {
        harness::exercise!("count_to_ten").check("count_to_ten", program);
    }
}

mod gather_order {
    use ch04_event_loop::gather_order::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("gather_order").check_prediction("gather_order", PREDICTION, program);
    }
}

mod sequential_awaits {
    use ch04_event_loop::sequential_awaits::program;

    #[test]
    fn both_pages_in_flight_at_once() {
        harness::exercise!("sequential_awaits").check("sequential_awaits", program);
    }
}

mod never_awaited {
    use ch04_event_loop::never_awaited::program;

    #[test]
    fn saved_before_exiting() {
        harness::exercise!("never_awaited").check("never_awaited", program);
    }
}
