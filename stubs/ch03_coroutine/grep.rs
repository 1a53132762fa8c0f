//! Exercise `grep` (implement). Page: "Pipelines" (pipelines.md).
//!
//! Write `grep(pattern, target)`, a pipeline stage: it is sent lines, and
//! sends on to `target` the ones that contain `pattern`, in order. It says
//! nothing itself.
//!
//! You may use: `loop`, `co.yield_(()).await`, `str::contains`,
//! `target.resume_with`.
use crate::{Coroutine, coroutine};

pub fn grep<'a>(pattern: &'a str, mut target: Coroutine<'a, String>) -> Coroutine<'a, String> {
    coroutine(move |co| async move {
        let _ = (&co, pattern, &mut target); // quiets "unused" warnings: delete this line as you write yours
        todo!(
            "forever: receive a line (`let line: String = co.yield_(()).await;`); if it contains the pattern, send it on to target"
        )
    })
}
