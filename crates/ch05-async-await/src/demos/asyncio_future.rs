//! asyncio-future.md: `Slot`, a future that is set once, as asyncio's
//! Future is: its `poll` keeps the waker of the task that waits, and
//! setting it wakes that task and schedules its done callbacks, all in
//! the order they came.
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use trace::Trace;

// ANCHOR: slot
/// A value set once, and awaited: asyncio's Future.
#[derive(Clone)]
pub struct Slot<T>(Rc<RefCell<State<T>>>);

struct State<T> {
    value: Option<T>,
    waiting: Vec<Waiting<T>>,
}

/// Who is told when the value is set.
enum Waiting<T> {
    Task(Waker),
    Callback(Box<dyn FnOnce(T)>),
}
// ANCHOR_END: slot

// ANCHOR: poll
impl<T: Clone> Future for Slot<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut state = self.0.borrow_mut();
        if let Some(value) = &state.value {
            return Poll::Ready(value.clone());
        }
        let waker = cx.waker().clone();
        state.waiting.push(Waiting::Task(waker));
        Poll::Pending
    }
}
// ANCHOR_END: poll

// ANCHOR: set
impl<T: Clone + 'static> Slot<T> {
    fn new() -> Self {
        let state = State {
            value: None,
            waiting: Vec::new(),
        };
        Slot(Rc::new(RefCell::new(state)))
    }

    fn done(&self) -> bool {
        self.0.borrow().value.is_some()
    }

    /// `fut.add_done_callback(f)`
    fn on_done(&self, f: impl FnOnce(T) + 'static) {
        let f = Waiting::Callback(Box::new(f));
        self.0.borrow_mut().waiting.push(f);
    }

    /// `fut.set_result(value)`
    fn set(&self, value: T) {
        let mut state = self.0.borrow_mut();
        state.value = Some(value.clone());
        for waiting in state.waiting.drain(..) {
            let value = value.clone();
            match waiting {
                // Back on the ready queue.
                Waiting::Task(waker) => waker.wake(),
                // Run in the next round.
                Waiting::Callback(f) => call_soon(move || f(value)),
            }
        }
    }
}

/// `loop.call_soon(f)`, on aio: a task of its own
/// runs `f` in the next round.
fn call_soon(f: impl FnOnce() + 'static) {
    aio::spawn("callback", async { f() });
}
// ANCHOR_END: set

type Log = Rc<RefCell<Vec<String>>>;

fn show(log: &Log) -> String {
    format!("[{}]", log.borrow().join(", "))
}

// ANCHOR: note
/// A done callback: it notes `what` and the value.
fn note(log: Log, what: &'static str) -> impl FnOnce(u32) {
    move |v| log.borrow_mut().push(format!("{what} {v}"))
}
// ANCHOR_END: note

// ANCHOR: tasks
async fn waiter(slot: Slot<u32>, log: Log) {
    aio::say("waits");
    let value = slot.await;
    aio::say(format!("got {value}, log: {}", show(&log)));
}

async fn setter(slot: Slot<u32>, log: Log) {
    aio::sleep(1).await;
    slot.set(42);
    aio::say(format!("set 42, log: {}", show(&log)));
}
// ANCHOR_END: tasks

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let slot = Slot::new();
        let log = Log::default();
        slot.on_done(note(log.clone(), "first"));
        aio::spawn("A", waiter(slot.clone(), log.clone()));
        aio::spawn("B", setter(slot.clone(), log.clone()));
        if !slot.done() {
            aio::say("not done yet");
        }
        aio::yield_now().await; // A starts waiting
        slot.on_done(note(log.clone(), "second"));
        aio::sleep(2).await;
        let value = slot.await;
        aio::say(format!("got {value}, log: {}", show(&log)));
    });
}
// ANCHOR_END: main
