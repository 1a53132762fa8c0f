//! How a check decides whether an exercise passes.
//!
//! `cargo wb check` runs each test of an exercise in a process of its own
//! (the *child*). The child runs the learner's program, and the harness in
//! it writes down what the program *said* in a [`record`]: its trace, its
//! prediction, the loop's warnings, or why it could not finish. It never
//! writes a verdict. The *judge* (`cargo wb`, which links none of the
//! learner's code) reads that record once the child has ended, compares it
//! with the answer key, and decides ([`judge::judge`]). So nothing the
//! learner's code prints, and no way it exits, can make a failing exercise
//! pass: a pass needs the right trace, in the record, and a child that
//! ended well.
//!
//! The parts: [`record`] (the child's side, and its format), [`judge`]
//! (the decision, and what it says), [`diff`] (a wrong order, line by
//! line), [`prediction`] (a "predict" exercise's answer, judged without
//! giving the answer away), [`orders`] (chapter 8: the set of orders a
//! program may print under every schedule). `cargo test -p chNN` uses the last two through
//! the harness, so both ways of running a test say the same words.

pub mod diff;
pub mod judge;
pub mod orders;
pub mod prediction;
pub mod record;
