//! Exercise `range_by_hand` (implement). Page: "What yield saves you"
//! (state-machines.md).
//!
//! `gen_range` again, without a generator: a struct that implements
//! `Iterator`. Between two calls to `next` none of its code runs, so the
//! struct must hold all that `next` needs. Add its fields, then fill in
//! `range_by_hand` and `next`.
//!
//! You may use: struct fields, `if`, `<` and `>`, `+=`, `Some`, `None`.

/// Python's `range(start, stop, step)`, by hand.
pub struct RangeByHand {
    // What must `next` know each time it is called? Put it here.
}

pub fn range_by_hand(start: i64, stop: i64, step: i64) -> RangeByHand {
    // A step of 0 would give `start` forever; Python refuses it too.
    assert!(step != 0, "range_by_hand: step must not be zero");
    let _ = (start, stop); // quiets "unused" warnings: delete this line as you write yours
    todo!("return a RangeByHand that starts at `start`")
}

impl Iterator for RangeByHand {
    type Item = i64;

    fn next(&mut self) -> Option<i64> {
        todo!("give the current number and move on by `step`, or None once past `stop`")
    }
}
