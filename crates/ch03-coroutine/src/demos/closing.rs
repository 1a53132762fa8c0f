//! closing.md: Python's `close()` is a command sent in; its `finally` is a
//! value whose `Drop` runs, on `Close` and also when the coroutine is
//! dropped half-way.
use crate::{Command, Coroutine, OnDrop, coroutine};
use trace::Trace;

// ANCHOR: printer
pub fn printer(t: &Trace) -> Coroutine<'_, Command<&'static str>> {
    coroutine(move |co| async move {
        t.say("printer: started");
        let _cleanup = OnDrop::new(t, "printer: cleanup");
        loop {
            match co.yield_(()).await {
                Command::Send(line) => t.say(format!("printer: {line}")),
                // Nobody catches it: it goes on to whoever resumed us.
                Command::Throw(error) => panic!("printer: {error}"),
                Command::Close => return,
            }
        }
    })
}
// ANCHOR_END: printer

// ANCHOR: main
pub fn main(t: &Trace) {
    let mut p = printer(t);
    p.resume_with(Command::Send("hello"));
    p.resume_with(Command::Close);
    t.say("main: closed p");

    let mut q = printer(t);
    q.resume_with(Command::Send("bye"));
    drop(q);
    t.say("main: dropped q");
}
// ANCHOR_END: main
