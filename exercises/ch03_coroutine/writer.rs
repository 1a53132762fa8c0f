//! Exercise `writer` (implement). Page: "Closing and throwing" (closing.md).
//!
//! Write `writer(t)`, a coroutine driven by commands. `Send(line)`: say
//! `writer: LINE`. `Throw(error)`: say `writer: skipped (ERROR)` and carry
//! on. `Close`: say `writer: closed after N lines` (N counts the lines
//! sent) and finish.
//!
//! You may use: `let mut`, `loop`, `match` on `co.yield_(()).await`,
//! `Command::{Send, Throw, Close}`, `t.say`, `format!`, `break`.
use crate::{Command, Coroutine, coroutine};
use trace::Trace;

pub fn writer(t: &Trace) -> Coroutine<'_, Command<&'static str>> {
    coroutine(move |co| async move {
        let _ = (&co, t); // quiets "unused" warnings: delete this line as you write yours
        todo!(
            "receive commands with co.yield_(()).await and match on them; count the lines; on Close, say the last line and stop"
        )
    })
}
