//! `Queue`: asyncio's `queues.py` (CPython 3.11), line for line, so that
//! producers and consumers wake in the same order and the same turns.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::rc::Rc;

use crate::sync::Event;
use crate::waiter::{self, Armed, Waiter};

/// `asyncio.Queue(maxsize)`: items handed from producer tasks to consumer
/// tasks, first in first out. `maxsize` 0 is no limit; otherwise
/// [`put`](Queue::put) waits while the queue holds `maxsize` items.
///
/// Clones are the same queue.
///
/// Who runs when, as in asyncio: an item put while consumers wait wakes
/// the one that has waited longest, which runs one turn later. It takes
/// the item if it is still there then; if another task got it first, it
/// waits again, at the back of the line. Taking an item from a full
/// queue wakes the first waiting producer the same way.
///
/// [`join`](Queue::join) waits until every item put has been marked done
/// with [`task_done`](Queue::task_done).
pub struct Queue<T> {
    inner: Rc<QueueInner<T>>,
}

struct QueueInner<T> {
    maxsize: usize,
    items: RefCell<VecDeque<T>>,
    getters: RefCell<VecDeque<Rc<Waiter>>>,
    putters: RefCell<VecDeque<Rc<Waiter>>>,
    unfinished_tasks: Cell<usize>,
    finished: Event,
}

/// [`Queue::put_nowait`] found the queue full; here is the item back.
/// (asyncio raises `QueueFull`.)
pub struct QueueFull<T>(pub T);

/// [`Queue::get_nowait`] found the queue empty. (asyncio raises
/// `QueueEmpty`.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueEmpty;

impl<T> Queue<T> {
    /// A queue that holds at most `maxsize` items; 0 is no limit.
    pub fn new(maxsize: usize) -> Queue<T> {
        let finished = Event::new();
        finished.set();
        Queue {
            inner: Rc::new(QueueInner {
                maxsize,
                items: RefCell::default(),
                getters: RefCell::default(),
                putters: RefCell::default(),
                unfinished_tasks: Cell::new(0),
                finished,
            }),
        }
    }

    /// `q.qsize()`: how many items it holds.
    pub fn qsize(&self) -> usize {
        self.inner.items.borrow().len()
    }

    /// `q.maxsize`: 0 is no limit.
    pub fn maxsize(&self) -> usize {
        self.inner.maxsize
    }

    /// `q.empty()`.
    pub fn empty(&self) -> bool {
        self.inner.items.borrow().is_empty()
    }

    /// `q.full()`: it holds `maxsize` items. Never, with no limit.
    pub fn full(&self) -> bool {
        self.inner.maxsize > 0 && self.qsize() >= self.inner.maxsize
    }

    /// `await q.put(item)`: add `item` at the back, after waiting for room
    /// while the queue is full. If there is room, does not give way.
    pub async fn put(&self, item: T) {
        let inner = &*self.inner;
        while self.full() {
            let putter = Waiter::new();
            inner.putters.borrow_mut().push_back(putter.clone());
            let on_cancel = Armed::new(|| {
                waiter::remove(&mut inner.putters.borrow_mut(), &putter);
                // Woken, but not there to take the room: pass it on.
                if !self.full() && putter.woken() {
                    wakeup_next(&inner.putters);
                }
            });
            putter
                .wait("a queue", {
                    let maxsize = self.maxsize();
                    move || format!("room in a full queue (put; maxsize {maxsize})")
                })
                .await;
            on_cancel.disarm();
        }
        if self.put_nowait(item).is_err() {
            unreachable!("there is room: the loop above saw it");
        }
    }

    /// `q.put_nowait(item)`: add `item` at the back, or give it back in
    /// [`QueueFull`] if the queue is full.
    pub fn put_nowait(&self, item: T) -> Result<(), QueueFull<T>> {
        if self.full() {
            return Err(QueueFull(item));
        }
        let inner = &*self.inner;
        inner.items.borrow_mut().push_back(item);
        inner.unfinished_tasks.set(inner.unfinished_tasks.get() + 1);
        inner.finished.clear();
        wakeup_next(&inner.getters);
        Ok(())
    }

    /// `await q.get()`: take the item at the front, after waiting for one
    /// while the queue is empty. If there is one, does not give way.
    pub async fn get(&self) -> T {
        let inner = &*self.inner;
        while self.empty() {
            let getter = Waiter::new();
            inner.getters.borrow_mut().push_back(getter.clone());
            let on_cancel = Armed::new(|| {
                waiter::remove(&mut inner.getters.borrow_mut(), &getter);
                // Woken, but not there to take the item: pass it on.
                if !self.empty() && getter.woken() {
                    wakeup_next(&inner.getters);
                }
            });
            getter
                .wait("a queue", || "an item in an empty queue (get)".to_string())
                .await;
            on_cancel.disarm();
        }
        match self.get_nowait() {
            Ok(item) => item,
            Err(QueueEmpty) => unreachable!("there is an item: the loop above saw it"),
        }
    }

    /// `q.get_nowait()`: take the item at the front, or [`QueueEmpty`].
    pub fn get_nowait(&self) -> Result<T, QueueEmpty> {
        let item = self
            .inner
            .items
            .borrow_mut()
            .pop_front()
            .ok_or(QueueEmpty)?;
        wakeup_next(&self.inner.putters);
        Ok(item)
    }

    /// `q.task_done()`: the work on an item taken is done. When every item
    /// put has been done, [`join`](Queue::join) returns.
    ///
    /// Panics if called more times than items were put, as asyncio raises
    /// `ValueError`.
    #[track_caller]
    pub fn task_done(&self) {
        let unfinished = self.inner.unfinished_tasks.get();
        assert!(
            unfinished > 0,
            "Queue::task_done was called more times than items were put in the queue: \
             call it once per item taken, when the work on it is done. \
             (asyncio would raise ValueError: task_done() called too many times.)"
        );
        self.inner.unfinished_tasks.set(unfinished - 1);
        if unfinished == 1 {
            self.inner.finished.set();
        }
    }

    /// `await q.join()`: wait until every item put has been marked done
    /// with [`task_done`](Queue::task_done). At once, without giving way,
    /// if they all are.
    pub async fn join(&self)
    where
        T: 'static,
    {
        if self.inner.unfinished_tasks.get() > 0 {
            let queue = self.clone();
            let what = move || {
                let unfinished = queue.inner.unfinished_tasks.get();
                let waiting = queue.qsize();
                format!(
                    "every item put in a queue to be marked done (join: {} taken and not yet \
                     marked with task_done, {waiting} still in the queue)",
                    unfinished - waiting
                )
            };
            self.inner.finished.wait_for("a queue", what).await;
        }
    }
}

/// Wake the first waiter still waiting, taking it out of the line; pass
/// over those cancelled. (asyncio's `_wakeup_next`.)
fn wakeup_next(waiters: &RefCell<VecDeque<Rc<Waiter>>>) {
    loop {
        let Some(waiter) = waiters.borrow_mut().pop_front() else {
            return;
        };
        if !waiter.done() {
            waiter.wake();
            return;
        }
    }
}

impl<T> Clone for Queue<T> {
    fn clone(&self) -> Self {
        Queue {
            inner: self.inner.clone(),
        }
    }
}

impl<T> fmt::Debug for Queue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Queue(maxsize {}, {} items, {} unfinished)",
            self.inner.maxsize,
            self.qsize(),
            self.inner.unfinished_tasks.get()
        )
    }
}

impl<T> fmt::Debug for QueueFull<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("QueueFull(..)")
    }
}

impl<T> fmt::Display for QueueFull<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the queue is full")
    }
}

impl<T> std::error::Error for QueueFull<T> {}

impl fmt::Display for QueueEmpty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the queue is empty")
    }
}

impl std::error::Error for QueueEmpty {}
