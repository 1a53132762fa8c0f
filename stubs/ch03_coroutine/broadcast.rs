//! Exercise `broadcast` (implement). Page: "Pipelines" (pipelines.md).
//!
//! Write `broadcast(targets)`, a pipeline stage that sends every value it
//! is sent on to each of `targets`, in the order they are listed. It says
//! nothing itself.
//!
//! You may use: `loop`, `co.yield_(()).await`, a `for` loop over `&mut`,
//! `clone`, `target.resume_with`.
use crate::{Coroutine, coroutine};

pub fn broadcast<'a, T: Clone + Default + 'a>(
    mut targets: Vec<Coroutine<'a, T>>,
) -> Coroutine<'a, T> {
    coroutine(move |co| async move {
        let _ = (&co, &mut targets); // quiets "unused" warnings: delete this line as you write yours
        todo!(
            "forever: receive a value (`let value: T = co.yield_(()).await;`); send a clone of it to every target, in order"
        )
    })
}
