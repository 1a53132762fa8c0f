#![cfg(feature = "solutions")]
//! The failure book/src/ch08-many-threads/locks.md shows is the one a
//! learner sees: the stub of `lost_update` (its original, in `stubs/`),
//! under every schedule, against the answer key.

#[path = "../../../stubs/ch08_many_threads/lost_update.rs"]
mod lost_update_stub;

use verdict::orders;

#[test]
fn the_lost_update_failure_the_book_shows() {
    let explored = many::explore(ch08_many_threads::SCHEDULES, lost_update_stub::program);
    let snapshot = include_str!("../snapshots/lost_update.snap");
    let expected: String = snapshot.lines().skip(4).map(|l| format!("{l}\n")).collect();
    let schedules: Vec<String> = explored
        .orders
        .iter()
        .map(orders::render_schedule)
        .collect();
    let message = orders::explain(
        &expected,
        &orders::render(&explored),
        &schedules,
        explored.schedules,
    )
    // As a learner's check names the file: theirs, not the original's.
    .replace(
        "crates/ch08-many-threads/tests/../../../stubs/",
        "exercises/",
    );
    let page = include_str!("../../../book/src/ch08-many-threads/locks.md");
    assert!(
        page.contains(&format!("```text\n{message}\n```")),
        "the page should show:\n{message}"
    );
}
