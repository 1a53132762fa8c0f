//! Properties of every run, checked on random programs: tasks that say,
//! sleep, spawn and await their children, nested two deep. The programs
//! and the properties are in `crates/loop-tests` (`properties`), which
//! `aio`'s tests check too; here is how `genloop` runs a program.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use genloop::{Cx, Task};
use loop_tests::properties::{Op, RandomPrograms};
use proptest::prelude::*;
use trace::Trace;

/// Numbers the loop's observers agree on: task names and timers, in the
/// order the program makes them.
#[derive(Default)]
struct Counters {
    tasks: Cell<usize>,
    timers: Cell<usize>,
}

impl Counters {
    fn next(counter: &Cell<usize>) -> usize {
        let n = counter.get();
        counter.set(n + 1);
        n
    }
}

/// Run `ops` as a task. Every line starts with `#n`, the task's own count,
/// so the order each task said its lines in can be checked.
fn interpret(
    cx: Cx,
    ops: Vec<Op>,
    counters: Rc<Counters>,
    await_children: bool,
) -> Pin<Box<dyn Future<Output = ()>>> {
    Box::pin(async move {
        let mut said = 0;
        let mut say = |cx: &Cx, text: String| {
            cx.say(format!("#{said} {text}"));
            said += 1;
        };
        let mut children: Vec<Task<()>> = Vec::new();
        for op in ops {
            match op {
                Op::Say => say(&cx, "says".into()),
                Op::Sleep(0) => cx.sleep(0).await,
                Op::Sleep(ticks) => {
                    let timer = Counters::next(&counters.timers);
                    let deadline = cx.now() + ticks;
                    say(&cx, format!("timer {timer} set for {deadline}"));
                    cx.sleep(ticks).await;
                    say(&cx, format!("timer {timer} fired"));
                }
                Op::Spawn(ops) => {
                    let name = format!("T{}", Counters::next(&counters.tasks));
                    let counters = counters.clone();
                    say(&cx, format!("spawns {name}"));
                    let child = move |cx| interpret(cx, ops, counters, false);
                    children.push(cx.spawn(&name, child).await);
                }
                Op::Join(_) if children.is_empty() => {}
                Op::Join(which) => {
                    let child = &children[which % children.len()];
                    cx.join(child).await;
                    say(&cx, format!("joined {}", child.name()));
                }
                Op::Cancel(_) | Op::WakeTheFinished => {
                    unreachable!("genloop's programs are made without them (`leaf`)")
                }
            }
        }
        if await_children {
            cx.gather(&children).await;
        }
    })
}

struct Genloop;

impl RandomPrograms for Genloop {
    // Fast enough to run 200 programs each time.
    const CASES: u32 = 200;

    fn leaf() -> BoxedStrategy<Op> {
        prop_oneof![
            Just(Op::Say),
            (0u64..4).prop_map(Op::Sleep),
            any::<usize>().prop_map(Op::Join),
        ]
        .boxed()
    }

    /// Run `ops` as main, then await main's children, so that most of the
    /// program runs before the loop stops. (Grandchildren may not finish.)
    fn run(ops: &[Op]) -> Trace {
        let t = Trace::new();
        let ops = ops.to_vec();
        genloop::run(&t, |cx| interpret(cx, ops, Rc::default(), true));
        t
    }
}

loop_tests::properties_of_every_run!(Genloop);
