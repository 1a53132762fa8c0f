//! The floor: the least a loop of futures can do to run `ping`, for
//! scale. One queue of task numbers, one boxed future and one waker per
//! task, and a `poll` in a loop: no rounds, no `main` task, no task
//! handles, no names, no clock, no step budget, no caught panics, no
//! error messages, no other threads. Neither aio nor tokio can be faster
//! than this at switching tasks; the gap between it and them is what
//! their features cost.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Instant;

use super::{Ping, timed};
use crate::{Measured, alloc};

thread_local! {
    /// The ready queue: which task to poll next.
    static READY: RefCell<VecDeque<usize>> = const { RefCell::new(VecDeque::new()) };
}

/// A task's waker: its number, and whether it is in the queue already.
struct Flag {
    id: usize,
    queued: AtomicBool,
}

impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if !self.queued.swap(true, Ordering::AcqRel) {
            READY.with_borrow_mut(|ready| ready.push_back(self.id));
        }
    }
}

/// `yield_now`: wake yourself, and return `Pending` once.
struct YieldNow(bool);

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

type Task = (Pin<Box<dyn Future<Output = ()>>>, Waker, Arc<Flag>);

pub fn ping(p: Ping) -> Result<Measured, String> {
    let base = alloc::start();
    let start = Instant::now();
    let yields = p.yields;
    let mut tasks: Vec<Option<Task>> = (0..p.tasks)
        .map(|id| {
            let flag = Arc::new(Flag {
                id,
                queued: AtomicBool::new(true),
            });
            READY.with_borrow_mut(|ready| ready.push_back(id));
            let future: Pin<Box<dyn Future<Output = ()>>> = Box::pin(async move {
                for _ in 0..yields {
                    YieldNow(false).await;
                }
            });
            Some((future, Waker::from(flag.clone()), flag))
        })
        .collect();
    while let Some(id) = READY.with_borrow_mut(|ready| ready.pop_front()) {
        let Some((future, waker, flag)) = &mut tasks[id] else {
            continue;
        };
        flag.queued.store(false, Ordering::Release);
        if future
            .as_mut()
            .poll(&mut Context::from_waker(waker))
            .is_ready()
        {
            tasks[id] = None;
        }
    }
    Ok(timed(start, p.switches(), base))
}
