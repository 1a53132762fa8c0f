//! Exercise `range_by_hand` (implement). Page: "What yield saves you"
//! (state-machines.md).
//!
//! `gen_range` again, without a generator: a struct that implements
//! `Iterator`. Between two calls to `next` none of its code runs, so the
//! struct holds all that `next` needs.
//!
//! You may use: struct fields, `if`, `<` and `>`, `+=`, `Some`, `None`.

/// Python's `range(start, stop, step)`, by hand.
pub struct RangeByHand {
    /// The number the next call gives (if it is not past `stop`): what the
    /// generator kept in its local variable `n`.
    next: i64,
    stop: i64,
    step: i64,
}

pub fn range_by_hand(start: i64, stop: i64, step: i64) -> RangeByHand {
    // A step of 0 would give `start` forever; Python refuses it too.
    assert!(step != 0, "range_by_hand: step must not be zero");
    RangeByHand {
        next: start,
        stop,
        step,
    }
}

impl Iterator for RangeByHand {
    type Item = i64;

    fn next(&mut self) -> Option<i64> {
        let before_stop = if self.step > 0 {
            self.next < self.stop
        } else {
            self.next > self.stop
        };
        if !before_stop {
            return None;
        }
        let n = self.next;
        self.next += self.step;
        Some(n)
    }
}
