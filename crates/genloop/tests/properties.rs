//! Properties of every run, checked on random programs: tasks that say,
//! sleep, spawn and await their children, nested two deep.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use genloop::{Cx, Task};
use proptest::collection::vec;
use proptest::prelude::*;
use trace::{Line, Trace};

#[derive(Clone, Debug)]
enum Op {
    Say,
    Sleep(u64),
    Spawn(Vec<Op>),
    /// Await one of the children spawned so far (by index, modulo).
    Join(usize),
}

fn program() -> impl Strategy<Value = Vec<Op>> {
    let leaf = prop_oneof![
        Just(Op::Say),
        (0u64..4).prop_map(Op::Sleep),
        any::<usize>().prop_map(Op::Join),
    ];
    vec(leaf.clone(), 1..8).prop_recursive(3, 40, 8, move |child| {
        vec(prop_oneof![leaf.clone(), child.prop_map(Op::Spawn)], 1..8)
    })
}

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
            }
        }
        if await_children {
            cx.gather(&children).await;
        }
    })
}

/// Run `ops` as main, then await main's children, so that most of the
/// program runs before the loop stops. (Grandchildren may not finish.)
fn run(ops: &[Op]) -> Trace {
    let t = Trace::new();
    let ops = ops.to_vec();
    genloop::run(&t, |cx| interpret(cx, ops, Rc::default(), true));
    t
}

fn time(line: &Line) -> u64 {
    line.stamp.as_ref().expect("stamped").time
}

fn task(line: &Line) -> &str {
    &line.stamp.as_ref().expect("stamped").task
}

/// `"#3 timer 5 fired"` → `["3", "timer", "5", "fired"]`.
fn words(line: &Line) -> Vec<&str> {
    line.text.trim_start_matches('#').split(' ').collect()
}

proptest! {
    // Fast enough to run 200 programs each time. A failure prints its
    // smallest program; no regression file is written into the tree.
    #![proptest_config(ProptestConfig {
        cases: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_same_program_says_the_same_trace(ops in program()) {
        prop_assert_eq!(run(&ops).render(), run(&ops).render());
    }

    #[test]
    fn every_task_says_its_lines_in_program_order(ops in program()) {
        let lines = run(&ops).lines();
        let mut said: std::collections::HashMap<&str, usize> = Default::default();
        for line in &lines {
            let next = said.entry(task(line)).or_default();
            prop_assert_eq!(words(line)[0], next.to_string(), "{}", line.text);
            *next += 1;
        }
    }

    #[test]
    fn the_clock_never_goes_back(ops in program()) {
        let lines = run(&ops).lines();
        for pair in lines.windows(2) {
            prop_assert!(time(&pair[0]) <= time(&pair[1]), "{:?}", pair);
        }
    }

    #[test]
    fn timers_fire_at_their_deadline_earliest_first_ties_in_setting_order(ops in program()) {
        let lines = run(&ops).lines();
        let mut deadlines = std::collections::HashMap::new();
        let mut fired = Vec::new(); // (deadline, timer), in the order they fired
        for line in &lines {
            match words(line)[1..] {
                ["timer", timer, "set", "for", deadline] => {
                    deadlines.insert(timer.to_string(), deadline.parse::<u64>().unwrap());
                }
                ["timer", timer, "fired"] => {
                    let deadline = deadlines[timer];
                    prop_assert_eq!(time(line), deadline, "{}", line.text);
                    fired.push((deadline, timer.parse::<usize>().unwrap()));
                }
                _ => {}
            }
        }
        prop_assert!(fired.is_sorted(), "{:?}", fired);
    }

    #[test]
    fn a_task_is_joined_after_its_last_line(ops in program()) {
        let lines = run(&ops).lines();
        for (at, line) in lines.iter().enumerate() {
            if let ["joined", child] = words(line)[1..] {
                prop_assert!(lines[at..].iter().all(|later| task(later) != child));
            }
        }
    }
}
