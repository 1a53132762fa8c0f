//! Properties of every run, checked on random programs: tasks that say,
//! sleep, spawn, await and cancel their children, nested three deep, and
//! call the wakers of tasks that have finished. The programs and the
//! properties `genloop` has too are in `crates/loop-tests`
//! (`properties`); here is how `aio` runs a program, and the properties
//! of cancelling and waking, which are `aio`'s alone.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use aio::{Task, say, sleep, spawn};
use loop_tests::properties::{Op, RandomPrograms, config, programs, task, words};
use proptest::prelude::*;
use trace::{Line, Trace};

struct Aio;

impl RandomPrograms for Aio {
    // Each program runs in well under a millisecond.
    const CASES: u32 = 128;

    fn leaf() -> BoxedStrategy<Op> {
        prop_oneof![
            3 => Just(Op::Say),
            3 => (0u64..4).prop_map(Op::Sleep),
            2 => any::<usize>().prop_map(Op::Join),
            2 => any::<usize>().prop_map(Op::Cancel),
            1 => Just(Op::WakeTheFinished),
        ]
        .boxed()
    }

    fn run(ops: &[Op]) -> Trace {
        run_with(ops, true).0
    }
}

loop_tests::properties_of_every_run!(Aio);

/// What the tasks of one run share.
#[derive(Default)]
struct World {
    tasks: Cell<usize>,
    timers: Cell<usize>,
    /// The wakers of finished tasks, kept past their end.
    finished: RefCell<Vec<Waker>>,
    /// Off: `WakeTheFinished` does nothing, for comparison.
    wake_the_finished: bool,
    /// Set if the loop polled a task that had completed.
    polled_after_completion: Cell<bool>,
}

fn next(counter: &Cell<usize>) -> usize {
    let n = counter.get();
    counter.set(n + 1);
    n
}

/// Every line a task says starts with `#n`, its own count.
#[derive(Clone)]
struct Voice(Rc<Cell<usize>>);

impl Voice {
    fn say(&self, text: impl std::fmt::Display) {
        say(format!("#{} {text}", next(&self.0)));
    }
}

/// Made before its task is spawned and owned by it: says `cleans up` when
/// the task's future is dropped, however it ends (even cancelled before it
/// started).
struct CleansUp(Voice);

impl Drop for CleansUp {
    fn drop(&mut self) {
        self.0.say("cleans up");
    }
}

/// Notes it if polled after it returned `Ready`.
struct Checked {
    inner: Pin<Box<dyn Future<Output = ()>>>,
    done: bool,
    world: Rc<World>,
}

impl Future for Checked {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.done {
            self.world.polled_after_completion.set(true);
            return Poll::Pending;
        }
        let ready = self.inner.as_mut().poll(cx);
        self.done = ready.is_ready();
        ready
    }
}

fn spawn_ops(world: &Rc<World>, name: &str, ops: Vec<Op>) -> Task<()> {
    let voice = Voice(Rc::default());
    let finally = CleansUp(voice.clone());
    let body = interpret(ops, world.clone(), voice, false);
    spawn(
        name,
        Checked {
            inner: Box::pin(async move {
                let _finally = finally;
                body.await;
            }),
            done: false,
            world: world.clone(),
        },
    )
}

fn interpret(
    ops: Vec<Op>,
    world: Rc<World>,
    voice: Voice,
    await_children: bool,
) -> Pin<Box<dyn Future<Output = ()>>> {
    Box::pin(async move {
        let mut children: Vec<Task<()>> = Vec::new();
        for op in ops {
            match op {
                Op::Say => voice.say("says"),
                Op::Sleep(0) => sleep(0).await,
                Op::Sleep(ticks) => {
                    let timer = next(&world.timers);
                    voice.say(format!("timer {timer} set for {}", aio::now() + ticks));
                    sleep(ticks).await;
                    voice.say(format!("timer {timer} fired"));
                }
                Op::Spawn(ops) => {
                    let name = format!("T{}", next(&world.tasks));
                    voice.say(format!("spawns {name}"));
                    children.push(spawn_ops(&world, &name, ops));
                }
                Op::Join(_) | Op::Cancel(_) if children.is_empty() => {}
                Op::Join(which) => {
                    let child = &children[which % children.len()];
                    let outcome = child.outcome().await;
                    let how = if outcome.is_ok() { "ok" } else { "cancelled" };
                    voice.say(format!("joined {} {how}", child.name()));
                }
                Op::Cancel(which) => {
                    let child = &children[which % children.len()];
                    voice.say(format!("cancels {} {}", child.name(), child.cancel()));
                }
                Op::WakeTheFinished if world.wake_the_finished => {
                    for waker in world.finished.borrow().iter() {
                        waker.wake_by_ref();
                    }
                }
                Op::WakeTheFinished => {}
            }
        }
        if await_children {
            for child in &children {
                let _ = child.outcome().await;
            }
        }
        // Keep this task's waker: it finishes in this same poll.
        poll_fn(|cx| {
            world.finished.borrow_mut().push(cx.waker().clone());
            Poll::Ready(())
        })
        .await;
    })
}

/// Run `ops` as main, which awaits its children at the end, so that most
/// of the program runs before the loop stops (grandchildren may not
/// finish: the loop drops them, and they clean up).
fn run_with(ops: &[Op], wake_the_finished: bool) -> (Trace, Rc<World>) {
    let t = Trace::new();
    let world = Rc::new(World {
        wake_the_finished,
        ..World::default()
    });
    let main = interpret(ops.to_vec(), world.clone(), Voice(Rc::default()), true);
    aio::run(&t, main);
    (t, world)
}

/// The lines of `ops`, run with the wakers of finished tasks called.
fn run(ops: &[Op]) -> Vec<Line> {
    Aio::run(ops).lines()
}

proptest! {
    #![proptest_config(config(Aio::CASES))]

    #[test]
    fn every_task_cleans_up_exactly_once_as_its_last_line(ops in programs::<Aio>()) {
        let lines = run(&ops);
        let mut spawned = Vec::new();
        let mut last: HashMap<&str, &Line> = HashMap::new();
        let mut clean_ups: HashMap<&str, usize> = HashMap::new();
        for line in &lines {
            if let ["spawns", name] = words(line)[1..] {
                spawned.push(name);
            }
            if words(line)[1..] == ["cleans", "up"] {
                *clean_ups.entry(task(line)).or_default() += 1;
            }
            last.insert(task(line), line);
        }
        for name in spawned {
            prop_assert_eq!(clean_ups.get(name), Some(&1), "{}", name);
            prop_assert_eq!(words(last[name])[1..].join(" "), "cleans up", "{}", name);
        }
    }

    #[test]
    fn a_cancelled_task_only_cleans_up_after_cancel_said_true(ops in programs::<Aio>()) {
        let lines = run(&ops);
        for (at, line) in lines.iter().enumerate() {
            if let ["cancels", name, "true"] = words(line)[1..] {
                for later in lines[at + 1..].iter().filter(|later| task(later) == name) {
                    prop_assert_eq!(words(later)[1..].join(" "), "cleans up", "{}", later.text);
                }
            }
        }
    }

    #[test]
    fn no_task_is_polled_after_it_completed(ops in programs::<Aio>()) {
        let (_, world) = run_with(&ops, true);
        prop_assert!(!world.polled_after_completion.get());
    }

    #[test]
    fn waking_finished_tasks_changes_nothing(ops in programs::<Aio>()) {
        let (woken, _) = run_with(&ops, true);
        let (left_alone, _) = run_with(&ops, false);
        prop_assert_eq!(woken.render(), left_alone.render());
    }
}
