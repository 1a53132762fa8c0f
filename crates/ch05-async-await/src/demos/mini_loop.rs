//! aio.md: a whole executor, std only, in the shape of the Tokio tutorial's
//! mini-tokio: a ready queue of tasks, a waker that puts its task back in
//! the queue, and a virtual clock with timers. Then chapter 4's `say_after`
//! tasks, run on it in asyncio's order.
// ANCHOR: executor
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::fmt::Display;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use trace::{Stamp, Trace};

// ANCHOR: task
type ReadyQueue = Arc<Mutex<VecDeque<Arc<Task>>>>;

/// A task: a name, and a future boxed and pinned in place. A waker must be
/// `Send` and `Sync` (any thread may call it), hence the `Mutex`.
struct Task {
    name: String,
    future: Mutex<Pin<Box<dyn Future<Output = ()> + Send>>>,
    ready: ReadyQueue,
}

/// The task is its own waker: waking it puts it at the back of the queue.
impl Wake for Task {
    fn wake(self: Arc<Self>) {
        let ready = self.ready.clone();
        ready.lock().unwrap().push_back(self);
    }
}
// ANCHOR_END: task

// ANCHOR: loop
#[derive(Default)]
struct MiniLoop {
    ready: ReadyQueue,
    /// The virtual time, and the name of the running task: the trace's stamp.
    clock: Arc<Mutex<(u64, String)>>,
    /// Wakers by deadline; those of one deadline in the order they were set.
    timers: RefCell<BTreeMap<u64, Vec<Waker>>>,
    trace: Trace,
}

thread_local! {
    /// The running loop, for `spawn`, `sleep` and `say` (asyncio keeps one
    /// too: `get_running_loop()`).
    static RUNNING: RefCell<Option<Rc<MiniLoop>>> = const { RefCell::new(None) };
}

fn running<R>(f: impl FnOnce(&MiniLoop) -> R) -> R {
    let running = RUNNING.with(|running| running.borrow().clone());
    f(&running.expect("called inside mini_loop::run"))
}
// ANCHOR_END: loop

// ANCHOR: run
/// Run `main`, and every task it spawns, until no task is ready and no
/// timer is left.
pub fn run(trace: &Trace, main: impl Future<Output = ()> + Send + 'static) {
    let mini_loop = Rc::new(MiniLoop {
        trace: trace.clone(),
        ..MiniLoop::default()
    });
    let clock = mini_loop.clock.clone();
    trace.set_stamper(move || {
        let (time, task) = clock.lock().unwrap().clone();
        Stamp { time, task }
    });
    RUNNING.with(|running| *running.borrow_mut() = Some(mini_loop.clone()));
    spawn("main", main);
    loop {
        let next = mini_loop.ready.lock().unwrap().pop_front();
        if let Some(task) = next {
            mini_loop.clock.lock().unwrap().1.clone_from(&task.name);
            let waker = Waker::from(task.clone());
            let mut future = task.future.lock().unwrap();
            // Pending: the future waits in its task, which its waker holds.
            // Ready: the task is done, and nothing will wake it again.
            let _ = future.as_mut().poll(&mut Context::from_waker(&waker));
        } else if let Some((deadline, wakers)) = mini_loop.timers.borrow_mut().pop_first() {
            // Nothing is ready: jump to the earliest deadline, and wake
            // every task due then, in the order their timers were set.
            mini_loop.clock.lock().unwrap().0 = deadline;
            wakers.into_iter().for_each(Waker::wake);
        } else {
            break;
        }
    }
    RUNNING.with(|running| running.borrow_mut().take());
}
// ANCHOR_END: run

// ANCHOR: calls
/// A new task goes to the back of the queue, as if it had been woken.
pub fn spawn(name: &str, future: impl Future<Output = ()> + Send + 'static) {
    let future = Mutex::new(Box::pin(future) as Pin<Box<_>>);
    let ready = running(|mini_loop| mini_loop.ready.clone());
    let task = Task {
        name: name.into(),
        future,
        ready,
    };
    Arc::new(task).wake();
}

/// `Pending` once, having handed the task's waker to a timer `ticks` from
/// now; `Ready` when polled again, which only that timer makes happen.
pub fn sleep(ticks: u64) -> impl Future<Output = ()> + Send {
    let mut timer_set = false;
    poll_fn(move |cx| {
        if timer_set {
            return Poll::Ready(());
        }
        timer_set = true;
        running(|mini_loop| {
            let deadline = mini_loop.clock.lock().unwrap().0 + ticks;
            let mut timers = mini_loop.timers.borrow_mut();
            timers.entry(deadline).or_default().push(cx.waker().clone());
        });
        Poll::Pending
    })
}

pub fn say(text: impl Display) {
    running(|mini_loop| mini_loop.trace.say(text));
}
// ANCHOR_END: calls
// ANCHOR_END: executor

// ANCHOR: program
async fn say_after(ticks: u64, what: &str) {
    sleep(ticks).await;
    say(what);
}

pub fn main(t: &Trace) {
    run(t, async {
        spawn("A", say_after(2, "hello"));
        spawn("B", say_after(1, "world"));
        spawn("C", say_after(2, "again"));
        say("started");
        sleep(3).await;
        say("finished");
    });
}
// ANCHOR_END: program
