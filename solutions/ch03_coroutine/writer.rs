//! Exercise `writer` (implement). Page: "Closing and throwing" (closing.md).
//!
//! `writer(t)` is a coroutine driven by commands. `Send(line)`: say
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
        let mut lines = 0;
        loop {
            match co.yield_(()).await {
                Command::Send(line) => {
                    t.say(format!("writer: {line}"));
                    lines += 1;
                }
                Command::Throw(error) => t.say(format!("writer: skipped ({error})")),
                Command::Close => break,
            }
        }
        t.say(format!("writer: closed after {lines} lines"));
    })
}
