//! One module per exercise, named by its id; `workbook.toml` lists these
//! tests by their full names (`hello::five_greetings`). Each module uses only
//! its own exercise's file.

mod hello {
    use ch01_yield::hello::hello;

    #[test]
    fn five_greetings() {
        harness::exercise!("hello").check("hello", |t| {
            for line in hello("Reuven") {
                t.say(line);
            }
        });
    }
}

mod return_in_loop {
    use ch01_yield::return_in_loop::greet_all;

    #[test]
    fn one_greeting_a_name() {
        harness::exercise!("return_in_loop").check("return_in_loop", |t| {
            for line in greet_all(&["Ann", "Bob", "Chen"]) {
                t.say(line);
            }
        });
    }
}

mod lazy {
    use ch01_yield::lazy::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("lazy").check_prediction("lazy", PREDICTION, program);
    }
}

mod countdown {
    use ch01_yield::countdown::countdown;
    use harness::Trace;

    /// The consumer: a plain loop that says what it got.
    fn run(t: &Trace, from: u32) {
        for n in countdown(t, from) {
            t.say(format!("loop: got {n}"));
        }
        t.say("loop: over");
    }

    #[test]
    fn from_three() {
        harness::exercise!("countdown").check("countdown_from_3", |t| run(t, 3));
    }

    #[test]
    fn from_zero() {
        harness::exercise!("countdown").check("countdown_from_0", |t| run(t, 0));
    }
}

mod interleaving {
    use ch01_yield::interleaving::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("interleaving").check_prediction("interleaving", PREDICTION, program);
    }
}

mod taking_turns {
    use ch01_yield::taking_turns::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("taking_turns").check_prediction("taking_turns", PREDICTION, program);
    }
}

/// Says one line a call, the way Python shows `list(range(…))`:
/// `gen_range(1, 10, 3) -> [1, 4, 7]`. Shared by `gen_range` and
/// `range_by_hand`, which must both agree with Python's `range`.
fn say_ranges<I: Iterator<Item = i64>>(
    t: &harness::Trace,
    name: &str,
    calls: &[(i64, i64, i64)],
    range: impl Fn(i64, i64, i64) -> I,
) {
    for &(start, stop, step) in calls {
        let values: Vec<i64> = range(start, stop, step).collect();
        t.say(format!("{name}({start}, {stop}, {step}) -> {values:?}"));
    }
}

/// The first three of a range too long to make in full: a range gives
/// its numbers one at a time, when asked, as Python's does. One that
/// builds the whole list first never gets here.
fn say_the_start_of_a_huge_range<I: Iterator<Item = i64>>(
    t: &harness::Trace,
    name: &str,
    range: impl Fn(i64, i64, i64) -> I,
) {
    let first: Vec<i64> = range(0, i64::MAX, 1).take(3).collect();
    t.say(format!("{name}(0, i64::MAX, 1), the first 3 -> {first:?}"));
}

/// Calls with a positive step; the last two give nothing.
const UP: [(i64, i64, i64); 5] = [(0, 5, 1), (1, 10, 3), (2, 3, 5), (5, 0, 1), (4, 4, 1)];
/// Calls with a negative step; the second-last gives nothing.
const DOWN: [(i64, i64, i64); 4] = [(5, 0, -1), (10, 0, -3), (0, 5, -1), (-1, -4, -1)];

mod gen_range {
    use super::{DOWN, UP, say_ranges, say_the_start_of_a_huge_range};
    use ch01_yield::gen_range::gen_range;

    #[test]
    fn counts_up() {
        harness::exercise!("gen_range").check("gen_range_up", |t| {
            say_ranges(t, "gen_range", &UP, gen_range);
            say_the_start_of_a_huge_range(t, "gen_range", gen_range);
        });
    }

    #[test]
    fn counts_down() {
        harness::exercise!("gen_range").check("gen_range_down", |t| {
            say_ranges(t, "gen_range", &DOWN, gen_range)
        });
    }
}

mod range_by_hand {
    use super::{DOWN, UP, say_ranges, say_the_start_of_a_huge_range};
    use ch01_yield::range_by_hand::range_by_hand;

    #[test]
    fn counts_up() {
        harness::exercise!("range_by_hand").check("range_by_hand_up", |t| {
            say_ranges(t, "range_by_hand", &UP, range_by_hand);
            say_the_start_of_a_huge_range(t, "range_by_hand", range_by_hand);
        });
    }

    #[test]
    fn counts_down() {
        harness::exercise!("range_by_hand").check("range_by_hand_down", |t| {
            say_ranges(t, "range_by_hand", &DOWN, range_by_hand)
        });
    }
}

mod fibonacci {
    use ch01_yield::fibonacci::fibonacci;

    #[test]
    fn first_ten() {
        harness::exercise!("fibonacci").check("fibonacci", |t| {
            for n in fibonacci().take(10) {
                t.say(n);
            }
        });
    }

    #[test]
    fn below_a_hundred() {
        harness::exercise!("fibonacci").check("fibonacci_below_100", |t| {
            for n in fibonacci() {
                if n >= 100 {
                    break;
                }
                t.say(n);
            }
        });
    }
}

mod runaway {
    use ch01_yield::runaway::Countdown;

    #[test]
    fn counts_down_and_ends() {
        harness::exercise!("runaway").check("runaway", |t| {
            for n in Countdown::new(3) {
                t.say(format!("loop: got {n}"));
            }
            t.say("loop: over");
        });
    }
}
