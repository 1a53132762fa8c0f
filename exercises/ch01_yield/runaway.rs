//! Exercise `runaway` (fix). Page: "What yield saves you" (state-machines.md).
//!
//! `Countdown::new(3)` should give 3, 2, 1 to a `for` loop and then end. A
//! loop over it never ends. Find out why and repair it.
//!
//! You may use: the field `self.n`; no new call is needed.

/// Counts down from `n` to 1, by hand.
pub struct Countdown {
    n: u32,
}

impl Countdown {
    pub fn new(n: u32) -> Countdown {
        Countdown { n }
    }
}

impl Iterator for Countdown {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.n == 0 {
            return None;
        }
        let current = self.n;
        Some(current)
    }
}
