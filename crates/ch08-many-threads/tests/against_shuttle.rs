#![cfg(feature = "solutions")]
//! Every answer key of this chapter comes from `many::explore`. Here an
//! explorer written by others, shuttle's depth-first walk, runs the same
//! programs (the demos, the solutions, and the stubs that run to the
//! end), and must find exactly the same orders: none missing from a key,
//! none in it that cannot happen. (`many`'s own tests compare the two
//! explorers on random programs.)

use std::future::Future;

use ch08_many_threads::{SCHEDULES, demos};
use trace::Trace;

#[path = "../../../solutions/ch08_many_threads"]
#[allow(dead_code)] // `which_orders`'s PREDICTION: only the programs run here
mod solutions {
    pub mod half_a_frame;
    pub mod hand_off;
    pub mod left_running;
    pub mod lost_update;
    pub mod which_orders;
}

/// The stubs as they come, racy (`hand_off`'s stops at its `todo!()`).
#[path = "../../../stubs/ch08_many_threads"]
mod stubs {
    pub mod half_a_frame;
    pub mod left_running;
    pub mod lost_update;
}

fn same_orders<F, Fut>(program: F)
where
    F: Fn(Trace) -> Fut + Copy + Send + Sync + std::panic::RefUnwindSafe + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    many::against_shuttle::assert_same_orders(SCHEDULES, program);
}

#[test]
fn the_demos() {
    same_orders(demos::two_tasks::program);
    same_orders(demos::names::program);
    same_orders(demos::news::program);
}

#[test]
fn the_solutions() {
    same_orders(solutions::which_orders::program);
    same_orders(solutions::lost_update::program);
    same_orders(solutions::hand_off::program);
    same_orders(solutions::half_a_frame::program);
    same_orders(solutions::left_running::program);
}

#[test]
fn the_racy_stubs() {
    same_orders(stubs::lost_update::program);
    same_orders(stubs::half_a_frame::program);
    same_orders(stubs::left_running::program);
}
