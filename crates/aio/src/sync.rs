//! `Lock`, `Semaphore`, `Event` and `Condition`: asyncio's `locks.py` (CPython 3.11),
//! line for line, so that they wake the same tasks in the same turns.
//!
//! Each keeps a line of [`Waiter`]s, one per waiting task, first come
//! first served. Releasing wakes the first waiter; it runs one turn later,
//! like any task woken by a future. What asyncio does in `except
//! CancelledError:` runs here when the waiting future is dropped.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::rc::Rc;

use crate::running;
use crate::waiter::{self, Armed, Waiter};

// ---- Lock

/// `asyncio.Lock()`: one task at a time.
///
/// `async with lock:` is `let _guard = lock.lock().await;`: the lock is
/// released when the guard is dropped, at the end of the block or when the
/// task is cancelled (Python's `__aexit__`).
///
/// As in asyncio, a released lock goes to the task that has waited
/// longest: it is woken, and takes the lock on its turn, one turn later.
/// Until then the lock is not [`locked`](Lock::locked), but a newcomer
/// cannot take it either: it waits behind.
#[derive(Clone, Default)]
pub struct Lock {
    inner: Rc<LockInner>,
}

#[derive(Default)]
struct LockInner {
    locked: Cell<bool>,
    /// The task that took it last, for the deadlock report.
    holder: RefCell<String>,
    waiters: RefCell<VecDeque<Rc<Waiter>>>,
}

/// The lock held: dropping it releases the lock ([`Lock::lock`]).
#[must_use = "the lock is released when the guard is dropped"]
pub struct LockGuard {
    inner: Rc<LockInner>,
}

impl Lock {
    /// An unlocked lock.
    pub fn new() -> Lock {
        Lock::default()
    }

    /// `lock.locked()`: whether a task holds it.
    pub fn locked(&self) -> bool {
        self.inner.locked.get()
    }

    /// `await lock.acquire()`: wait for the lock, then hold it until the
    /// guard is dropped. Takes it at once, without giving way, if it is
    /// free and nobody waits for it.
    pub async fn lock(&self) -> LockGuard {
        let inner = &self.inner;
        let free = !inner.locked.get() && inner.waiters.borrow().iter().all(|w| w.cancelled());
        if !free {
            let fut = Waiter::new();
            inner.waiters.borrow_mut().push_back(fut.clone());
            let on_cancel = Armed::new(|| {
                waiter::remove(&mut inner.waiters.borrow_mut(), &fut);
                if !inner.locked.get() {
                    inner.wake_up_first();
                }
            });
            let lock = inner.clone();
            fut.wait("a lock", move || {
                if lock.locked.get() {
                    format!("a lock that {} holds", lock.holder.borrow())
                } else {
                    "a lock".to_string()
                }
            })
            .await;
            on_cancel.disarm();
            waiter::remove(&mut inner.waiters.borrow_mut(), &fut);
        }
        inner.locked.set(true);
        *inner.holder.borrow_mut() = running::try_with(|l| l.current_name()).unwrap_or_default();
        LockGuard {
            inner: inner.clone(),
        }
    }
}

impl LockInner {
    /// Wake the first waiter, unless it is woken or cancelled already: it
    /// will take the lock, or pass it on.
    fn wake_up_first(&self) {
        let first = self.waiters.borrow().front().cloned();
        if let Some(first) = first
            && !first.done()
        {
            first.wake();
        }
    }
}

impl Drop for LockGuard {
    /// `lock.release()`.
    fn drop(&mut self) {
        self.inner.locked.set(false);
        self.inner.wake_up_first();
    }
}

impl fmt::Debug for Lock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = if self.locked() { "locked" } else { "unlocked" };
        let waiters = self.inner.waiters.borrow().len();
        write!(f, "Lock({state}, {waiters} waiting)")
    }
}

// ---- Semaphore

/// `asyncio.Semaphore(k)`: at most `k` tasks at a time.
///
/// `async with sem:` is `let _permit = sem.acquire().await;`: the permit
/// goes back when it is dropped.
///
/// As in asyncio (3.11.4 and later), a permit given back while tasks wait
/// goes straight to the one that has waited longest: it is woken, and runs
/// one turn later; a newcomer meanwhile waits behind it.
#[derive(Clone)]
pub struct Semaphore {
    inner: Rc<SemaphoreInner>,
}

struct SemaphoreInner {
    /// How many there are, for the deadlock report.
    permits: usize,
    value: Cell<usize>,
    waiters: RefCell<VecDeque<Rc<Waiter>>>,
}

/// One of a [`Semaphore`]'s permits: dropping it gives it back.
#[must_use = "the permit goes back when it is dropped"]
pub struct SemaphorePermit {
    inner: Rc<SemaphoreInner>,
}

impl Semaphore {
    /// A semaphore with `permits` permits.
    pub fn new(permits: usize) -> Semaphore {
        Semaphore {
            inner: Rc::new(SemaphoreInner {
                permits,
                value: Cell::new(permits),
                waiters: RefCell::default(),
            }),
        }
    }

    /// `sem.locked()`: whether [`acquire`](Semaphore::acquire) would wait.
    pub fn locked(&self) -> bool {
        self.inner.locked()
    }

    /// How many permits are free now.
    pub fn available(&self) -> usize {
        self.inner.value.get()
    }

    /// `await sem.acquire()`: wait for a permit. Takes one at once, without
    /// giving way, if one is free and nobody waits.
    pub async fn acquire(&self) -> SemaphorePermit {
        let inner = &self.inner;
        if !inner.locked() {
            inner.value.set(inner.value.get() - 1);
        } else {
            let fut = Waiter::new();
            inner.waiters.borrow_mut().push_back(fut.clone());
            let on_cancel = Armed::new(|| {
                waiter::remove(&mut inner.waiters.borrow_mut(), &fut);
                // Woken already: the permit was ours; give it on.
                if fut.woken() {
                    inner.value.set(inner.value.get() + 1);
                    inner.wake_up_next();
                }
            });
            let permits = inner.permits;
            fut.wait("a semaphore", move || {
                format!("a semaphore (all {permits} permits are taken)")
            })
            .await;
            on_cancel.disarm();
            waiter::remove(&mut inner.waiters.borrow_mut(), &fut);
            if inner.value.get() > 0 {
                inner.wake_up_next();
            }
        }
        SemaphorePermit {
            inner: inner.clone(),
        }
    }
}

impl SemaphoreInner {
    fn locked(&self) -> bool {
        self.value.get() == 0 || self.waiters.borrow().iter().any(|w| !w.cancelled())
    }

    /// Hand a permit to the first waiter not woken yet.
    fn wake_up_next(&self) {
        let next = self.waiters.borrow().iter().find(|w| !w.done()).cloned();
        if let Some(next) = next {
            self.value.set(self.value.get() - 1);
            next.wake();
        }
    }
}

impl Drop for SemaphorePermit {
    /// `sem.release()`.
    fn drop(&mut self) {
        self.inner.value.set(self.inner.value.get() + 1);
        self.inner.wake_up_next();
    }
}

impl fmt::Debug for Semaphore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let waiters = self.inner.waiters.borrow().len();
        write!(
            f,
            "Semaphore({} free, {waiters} waiting)",
            self.inner.value.get()
        )
    }
}

// ---- Event

/// `asyncio.Event()`: a flag that tasks wait for. Setting it wakes every
/// task waiting, in the order they began to wait, each one turn later.
#[derive(Clone, Default)]
pub struct Event {
    inner: Rc<EventInner>,
}

#[derive(Default)]
struct EventInner {
    value: Cell<bool>,
    waiters: RefCell<VecDeque<Rc<Waiter>>>,
}

impl Event {
    /// A flag not set.
    pub fn new() -> Event {
        Event::default()
    }

    /// `event.is_set()`.
    pub fn is_set(&self) -> bool {
        self.inner.value.get()
    }

    /// `event.set()`: set the flag, and wake every task waiting for it.
    pub fn set(&self) {
        if self.inner.value.replace(true) {
            return;
        }
        let waiters: Vec<Rc<Waiter>> = self.inner.waiters.borrow().iter().cloned().collect();
        for waiter in waiters {
            if !waiter.done() {
                waiter.wake();
            }
        }
    }

    /// `event.clear()`: unset the flag; `wait` waits again.
    pub fn clear(&self) {
        self.inner.value.set(false);
    }

    /// `await event.wait()`: until the flag is set. If it is set already,
    /// returns at once, without giving way.
    pub async fn wait(&self) {
        self.wait_for("an event", || "an event to be set".to_string())
            .await;
    }

    /// [`Event::wait`], saying in the deadlock report what the flag stands
    /// for (`Queue::join` waits for its items to be done).
    pub(crate) async fn wait_for(&self, name: &'static str, what: impl Fn() -> String + 'static) {
        if self.inner.value.get() {
            return;
        }
        let fut = Waiter::new();
        self.inner.waiters.borrow_mut().push_back(fut.clone());
        // Python's `finally: self._waiters.remove(fut)`.
        let _finally = Armed::new(|| waiter::remove(&mut self.inner.waiters.borrow_mut(), &fut));
        fut.wait(name, what).await;
    }
}

impl fmt::Debug for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = if self.is_set() { "set" } else { "unset" };
        write!(f, "Event({state})")
    }
}

// ---- Condition

/// `asyncio.Condition()`: a lock, and a line of tasks that wait, while
/// holding it, for another task to say that something changed.
///
/// `async with cond:` is `let guard = cond.lock().await;`. Then
/// `await cond.wait()` is `let guard = cond.wait(guard).await;`: it gives
/// the lock up, waits until another task calls [`notify`](Condition::notify),
/// and takes the lock again before it returns. `notify(n)` wakes the `n`
/// tasks that have waited longest, each one turn later; they take the lock
/// in turn, once its holder has released it.
///
/// Not the same as asyncio: a `wait` dropped while it waits (its task
/// cancelled, or a timeout) does not take the lock again before it goes,
/// as asyncio's does before it re-raises: here nothing would hold the
/// guard to give it back.
#[derive(Clone, Default)]
pub struct Condition {
    lock: Lock,
    waiters: Rc<RefCell<VecDeque<Rc<Waiter>>>>,
}

impl Condition {
    /// A condition with a lock of its own, unlocked.
    pub fn new() -> Condition {
        Condition::default()
    }

    /// `cond.locked()`: whether a task holds its lock.
    pub fn locked(&self) -> bool {
        self.lock.locked()
    }

    /// `await cond.acquire()`, `async with cond:`: [`Lock::lock`] on its lock.
    pub async fn lock(&self) -> LockGuard {
        self.lock.lock().await
    }

    /// `await cond.wait()`: release the lock (`guard`, which must be this
    /// condition's), wait to be notified, and take the lock again.
    pub async fn wait(&self, guard: LockGuard) -> LockGuard {
        assert!(
            Rc::ptr_eq(&guard.inner, &self.lock.inner),
            "Condition::wait: the guard is another lock's. (asyncio would raise \
             RuntimeError: cannot wait on un-acquired lock.)"
        );
        drop(guard); // self.release()
        let fut = Waiter::new();
        self.waiters.borrow_mut().push_back(fut.clone());
        {
            // Python's `finally: self._waiters.remove(fut)`.
            let _finally = Armed::new(|| waiter::remove(&mut self.waiters.borrow_mut(), &fut));
            fut.wait("a condition", || "a condition to be notified".to_string())
                .await;
        }
        self.lock.lock().await
    }

    /// `await cond.wait_for(predicate)`: [`wait`](Condition::wait) until
    /// `predicate()` is true, checked first, and after each wake, with the
    /// lock held.
    pub async fn wait_for(
        &self,
        guard: LockGuard,
        mut predicate: impl FnMut() -> bool,
    ) -> LockGuard {
        let mut guard = guard;
        while !predicate() {
            guard = self.wait(guard).await;
        }
        guard
    }

    /// `cond.notify(n)`: wake the `n` tasks that have waited longest (fewer
    /// if fewer wait). Only while the lock is held, as asyncio asks.
    #[track_caller]
    pub fn notify(&self, n: usize) {
        assert!(
            self.locked(),
            "Condition::notify: the lock is not held. (asyncio would raise \
             RuntimeError: cannot notify on un-acquired lock.)"
        );
        let waiters: Vec<Rc<Waiter>> = self.waiters.borrow().iter().cloned().collect();
        let mut woken = 0;
        for fut in waiters {
            if woken >= n {
                break;
            }
            if !fut.done() {
                woken += 1;
                fut.wake();
            }
        }
    }

    /// `cond.notify_all()`: wake every task that waits.
    #[track_caller]
    pub fn notify_all(&self) {
        self.notify(self.waiters.borrow().len());
    }
}

impl fmt::Debug for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = if self.locked() { "locked" } else { "unlocked" };
        let waiters = self.waiters.borrow().len();
        write!(f, "Condition({state}, {waiters} waiting)")
    }
}
