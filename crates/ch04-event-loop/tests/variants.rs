//! An assignment's hidden tests: `cargo wb grade` copies them from the
//! assignment's `<name>.variants/ch04-event-loop.rs` to the file included
//! here, then builds this with `--features variants`. They are written
//! like tests/exercises.rs, a `mod <id>` per exercise, and their answer
//! keys live beside them (`cargo wb bless --variants ASSIGNMENT`).
include!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../target/wb-variants/ch04-event-loop.rs"
));
