//! Properties of every run, checked on random programs: tasks that say,
//! sleep, spawn and await their children, nested, on either loop (and, on
//! `aio`, cancel their children and call the wakers of finished tasks).
//!
//! A program is a list of [`Op`]s, made by [`programs`]; each loop's
//! `tests/properties.rs` interprets them ([`RandomPrograms`]) and makes
//! the properties its tests with [`crate::properties_of_every_run!`].
//! What an interpreter says, which the properties read:
//!
//! - every line a task says starts with `#n`, that task's own count, from 0;
//! - [`Op::Sleep`] of more than 0 says `timer K set for DEADLINE` before it
//!   sleeps and `timer K fired` after (timers numbered across the run, in
//!   the order they are set), and [`Op::Sleep`] of 0 says nothing;
//! - [`Op::Spawn`] says `spawns TK` (tasks numbered across the run);
//! - [`Op::Join`] says `joined TK` once it has awaited child `TK` (then
//!   maybe more words, such as how the child ended).
//!
//! main runs the program and then awaits its children, so that most of
//! the program runs before the loop stops (grandchildren may not finish).

use std::collections::HashMap;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use trace::{Line, Trace};

/// One step of a random program.
#[derive(Clone, Debug)]
pub enum Op {
    Say,
    Sleep(u64),
    Spawn(Vec<Op>),
    /// Await one of the children spawned so far (by index, modulo).
    Join(usize),
    /// Cancel one of the children spawned so far (by index, modulo).
    /// `aio` only.
    Cancel(usize),
    /// Call the wakers of every task that has finished. `aio` only.
    WakeTheFinished,
}

/// A loop that runs random programs.
pub trait RandomPrograms {
    /// How many programs each property runs.
    const CASES: u32;
    /// The steps this loop's programs are made of, [`Op::Spawn`] aside.
    fn leaf() -> BoxedStrategy<Op>;
    /// Run `ops` as main, which awaits its children at the end.
    fn run(ops: &[Op]) -> Trace;
}

/// Programs of `P`'s steps, with tasks nested up to three deep.
pub fn programs<P: RandomPrograms>() -> impl Strategy<Value = Vec<Op>> {
    let leaf = P::leaf();
    vec(leaf.clone(), 1..8).prop_recursive(3, 40, 8, move |child| {
        vec(prop_oneof![leaf.clone(), child.prop_map(Op::Spawn)], 1..8)
    })
}

/// `cases` programs each. A failure prints its smallest program; no
/// regression file is written into the tree.
pub fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

pub fn time(line: &Line) -> u64 {
    line.stamp.as_ref().expect("stamped").time
}

pub fn task(line: &Line) -> &str {
    &line.stamp.as_ref().expect("stamped").task
}

/// `"#3 timer 5 fired"` → `["3", "timer", "5", "fired"]`.
pub fn words(line: &Line) -> Vec<&str> {
    line.text.trim_start_matches('#').split(' ').collect()
}

/// Check `property` on [`RandomPrograms::CASES`] programs of `P`, as
/// `proptest!` would.
fn check<P: RandomPrograms>(property: impl Fn(&[Op]) -> Result<(), TestCaseError>) {
    let mut runner = TestRunner::new(config(P::CASES));
    if let Err(failure) = runner.run(&programs::<P>(), |ops| property(&ops)) {
        panic!("{failure}\n{runner}");
    }
}

pub fn the_same_program_says_the_same_trace<P: RandomPrograms>() {
    check::<P>(|ops| {
        prop_assert_eq!(P::run(ops).render(), P::run(ops).render());
        Ok(())
    });
}

pub fn every_task_says_its_lines_in_program_order<P: RandomPrograms>() {
    check::<P>(|ops| {
        let lines = P::run(ops).lines();
        let mut said: HashMap<&str, usize> = HashMap::new();
        for line in &lines {
            let next = said.entry(task(line)).or_default();
            prop_assert_eq!(words(line)[0], next.to_string(), "{}", line.text);
            *next += 1;
        }
        Ok(())
    });
}

pub fn the_clock_never_goes_back<P: RandomPrograms>() {
    check::<P>(|ops| {
        let lines = P::run(ops).lines();
        for pair in lines.windows(2) {
            prop_assert!(time(&pair[0]) <= time(&pair[1]), "{:?}", pair);
        }
        Ok(())
    });
}

pub fn timers_fire_at_their_deadline_earliest_first_ties_in_setting_order<P: RandomPrograms>() {
    check::<P>(|ops| {
        let lines = P::run(ops).lines();
        let mut deadlines = HashMap::new();
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
        Ok(())
    });
}

pub fn a_task_is_joined_after_its_last_line<P: RandomPrograms>() {
    check::<P>(|ops| {
        let lines = P::run(ops).lines();
        for (at, line) in lines.iter().enumerate() {
            if let ["joined", child, ..] = words(line)[1..] {
                prop_assert!(lines[at..].iter().all(|later| task(later) != child));
            }
        }
        Ok(())
    });
}

/// The properties above, as `#[test]`s of the loop whose
/// [`RandomPrograms`] is `$programs`: `properties_of_every_run!(Aio);`
#[macro_export]
macro_rules! properties_of_every_run {
    ($programs:ty) => {
        $crate::properties_of_every_run!($programs:
            the_same_program_says_the_same_trace,
            every_task_says_its_lines_in_program_order,
            the_clock_never_goes_back,
            timers_fire_at_their_deadline_earliest_first_ties_in_setting_order,
            a_task_is_joined_after_its_last_line,
        );
    };
    ($programs:ty: $($property:ident),+ $(,)?) => {
        $(
            #[test]
            fn $property() {
                $crate::properties::$property::<$programs>();
            }
        )+
    };
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    use trace::Stamp;

    use super::*;

    /// A "loop" whose clock goes back a tick at every line main says.
    struct Backwards;

    impl RandomPrograms for Backwards {
        const CASES: u32 = 4;

        fn leaf() -> BoxedStrategy<Op> {
            Just(Op::Say).boxed()
        }

        fn run(ops: &[Op]) -> Trace {
            let t = Trace::new();
            let clock = Arc::new(AtomicU64::new(100));
            t.set_stamper(move || Stamp {
                time: clock.fetch_sub(1, Ordering::Relaxed),
                task: "main".into(),
            });
            for said in 0..=ops.len() {
                t.say(format!("#{said} says"));
            }
            t
        }
    }

    #[test]
    #[should_panic(expected = "minimal failing input")]
    fn a_property_that_does_not_hold_fails_its_test() {
        the_clock_never_goes_back::<Backwards>();
    }

    #[test]
    fn the_other_properties_hold_for_it() {
        every_task_says_its_lines_in_program_order::<Backwards>();
        a_task_is_joined_after_its_last_line::<Backwards>();
    }
}
