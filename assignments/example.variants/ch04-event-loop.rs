// Hidden tests of assignments/example.toml for chapter 4: the exercises'
// own functions, called with other inputs than their tests use. `cargo wb
// grade` runs them beside the exercises' tests; an exercise passes only if
// both pass. Their answer keys are the `.snap` files beside this one,
// written from the solutions by `cargo wb bless --variants
// assignments/example.toml`. A course keeps this folder out of the
// repository its learners clone.

mod timers {
    use ch04_event_loop::timers::run;
    use ch04_event_loop::{Clock, sleepy};

    #[test]
    fn other_sleepers() {
        harness::exercise!("timers").check("timers_other_sleepers", |t| {
            let clock = Clock::install(t);
            let a = sleepy(|co| async move {
                t.say("starts");
                co.yield_(3).await;
                t.say("woke");
            });
            let b = sleepy(|co| async move {
                t.say("starts");
                co.yield_(0).await;
                t.say("again");
                co.yield_(3).await;
                t.say("woke");
            });
            let c = sleepy(|co| async move {
                t.say("starts");
                co.yield_(1).await;
                t.say("woke");
                co.yield_(2).await;
                t.say("woke again");
            });
            run(&clock, vec![("A", a), ("B", b), ("C", c)]);
        });
    }
}

mod spawns {
    use ch04_event_loop::spawns::run;
    use ch04_event_loop::{Call, Clock, spawning};

    #[test]
    fn a_task_spawned_by_a_spawned_task_sleeps_first() {
        harness::exercise!("spawns").check("spawns_grandchild", |t| {
            let clock = Clock::install(t);
            let main = spawning(|co| async move {
                t.say("start");
                let x = spawning(|co| async move {
                    t.say("runs");
                    let y = spawning(|co| async move {
                        t.say("runs");
                        co.yield_(Call::Sleep(2)).await;
                        t.say("ends");
                    });
                    co.yield_(Call::Spawn("Y", y)).await;
                    co.yield_(Call::Sleep(1)).await;
                    t.say("ends");
                });
                co.yield_(Call::Sleep(0)).await;
                t.say("gave way once");
                co.yield_(Call::Spawn("X", x)).await;
                co.yield_(Call::Sleep(3)).await;
                t.say("done");
            });
            run(&clock, main);
        });
    }
}
