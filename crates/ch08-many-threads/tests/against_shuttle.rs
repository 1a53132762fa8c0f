#![cfg(feature = "solutions")]
//! Every answer key of this chapter comes from `many::explore`. Here an
//! explorer written by others, shuttle's depth-first walk, runs the same
//! programs (the demos, the solutions, and the stubs that run to the
//! end), and must find exactly the same orders: none missing from a key,
//! none in it that cannot happen.

use std::collections::BTreeSet;
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

/// shuttle walks ten to a hundred times as many schedules as `explore`
/// (52,057 for `hand_off`, where `explore` walks 616).
const SHUTTLE_SCHEDULES: usize = 100 * SCHEDULES;

fn same_orders<F, Fut>(program: F)
where
    F: Fn(Trace) -> Fut + Copy + Send + Sync + std::panic::RefUnwindSafe + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let ours = many::explore(SCHEDULES, program);
    assert!(ours.complete, "explore did not finish");
    let ours: BTreeSet<Vec<String>> = ours.orders.into_iter().map(|o| o.lines).collect();
    let theirs = many::against_shuttle::every_order(SHUTTLE_SCHEDULES, program);
    assert!(
        theirs.schedules < SHUTTLE_SCHEDULES,
        "shuttle did not finish its walk"
    );
    let only_ours: Vec<_> = ours.difference(&theirs.orders).collect();
    let only_theirs: Vec<_> = theirs.orders.difference(&ours).collect();
    assert!(
        only_ours.is_empty() && only_theirs.is_empty(),
        "explore and shuttle disagree.\nOnly explore found: {only_ours:#?}\nOnly shuttle found: {only_theirs:#?}"
    );
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
