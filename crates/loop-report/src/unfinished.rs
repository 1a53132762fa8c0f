//! What a run left unfinished: the panic that ended a task, and one line
//! per task still pending, for the deadlock and runaway messages.

use std::any::Any;

/// What a panic said, from the payload `catch_unwind` returns.
pub fn panic_message(payload: Box<dyn Any + Send>) -> String {
    panic_text(&*payload)
}

/// What a panic said, from a payload borrowed (a panic hook's, or one to
/// be raised again).
pub fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else if let Some(message) = payload.downcast_ref::<&str>() {
        message.to_string()
    } else {
        "(a panic without a message)".into()
    }
}

/// What an unfinished task was doing when the run stopped.
pub enum Doing {
    /// In the ready queue.
    Ready,
    /// Pending, with nothing kept that could wake it.
    Lost,
    /// Waiting, for one of these (most tasks wait for one thing).
    Waits(Vec<Wait>),
}

/// One thing a task waits for.
pub enum Wait {
    /// A timer, due at this time.
    Timer(u64),
    /// These tasks, all of them (`await b`, gather).
    All(Vec<String>),
    /// The first of these tasks (wait for the first, as_completed).
    Any(Vec<String>),
    /// A thread, and the timer at this deadline (`to_thread`).
    Thread(u64),
    /// A socket, to do this ("read", "accept a connection", …).
    Socket(&'static str),
    /// Anything else, said in words: "an item in an empty queue (get)".
    For(String),
}

/// `A is ready`, `B sleeps until 5`, `C waits for A and B`.
pub fn unfinished_line(task: &str, doing: &Doing) -> String {
    format!("{task} {}", doing_words(doing))
}

/// What a task does, without its name: `is ready`, `sleeps until 5`.
pub fn doing_words(doing: &Doing) -> String {
    match doing {
        Doing::Ready => "is ready".to_string(),
        Doing::Lost => "is pending, and no task or timer will wake it \
                        (did a future return Pending without keeping its waker?)"
            .to_string(),
        Doing::Waits(waits) => {
            let waits: Vec<String> = waits.iter().map(wait_words).collect();
            waits.join(" or ")
        }
    }
}

fn wait_words(wait: &Wait) -> String {
    match wait {
        Wait::Timer(deadline) => format!("sleeps until {deadline}"),
        Wait::All(names) => format!("waits for {}", names.join(" and ")),
        Wait::Any(names) => format!("waits for {}", names.join(" or ")),
        Wait::Thread(deadline) => format!("waits for a thread, until {deadline}"),
        Wait::Socket(what) => format!("waits on a socket, to {what}"),
        Wait::For(what) => format!("waits for {what}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_wait_in_words() {
        let names = |n: &[&str]| n.iter().map(|n| n.to_string()).collect();
        let lines = [
            unfinished_line("A", &Doing::Ready),
            unfinished_line("B", &Doing::Waits(vec![Wait::Timer(5)])),
            unfinished_line("C", &Doing::Waits(vec![Wait::All(names(&["A", "B"]))])),
            unfinished_line(
                "D",
                &Doing::Waits(vec![Wait::Any(names(&["A", "B"])), Wait::Thread(9)]),
            ),
            unfinished_line("E", &Doing::Waits(vec![Wait::Socket("read")])),
        ];
        assert_eq!(
            lines,
            [
                "A is ready",
                "B sleeps until 5",
                "C waits for A and B",
                "D waits for A or B or waits for a thread, until 9",
                "E waits on a socket, to read",
            ]
        );
        assert!(unfinished_line("F", &Doing::Lost).starts_with("F is pending, and no task"));
    }

    #[test]
    fn a_panic_says_its_message_whatever_its_type() {
        let caught = |f: fn()| panic_message(std::panic::catch_unwind(f).unwrap_err());
        assert_eq!(caught(|| panic!("boom")), "boom");
        assert_eq!(caught(|| panic!("{}", 42)), "42");
        assert_eq!(
            caught(|| std::panic::panic_any(7_u8)),
            "(a panic without a message)"
        );
    }
}
