//! Time: `sleep`, `yield_now` and `timeout`, on the loop's virtual clock.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fmt;
use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

use crate::event_loop::{self, TimerKey, Wait};

// ANCHOR: sleep
/// The future [`sleep`] returns. Nothing happens until it is polled: the
/// first poll sets the timer, as asyncio's `sleep` calls `call_later`
/// when the coroutine runs, not when it is made.
#[must_use = "a sleep does nothing unless you `.await` it"]
pub struct Sleep {
    ticks: u64,
    state: SleepState,
}

enum SleepState {
    New,
    /// `sleep(0)` has given way once.
    GaveWay,
    /// Waiting for this timer.
    Timer(TimerKey),
    Done,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.state {
            // sleep(0): asyncio's bare `yield`. Wake ourselves, so the loop
            // puts us at the back of the ready queue, and return Pending.
            SleepState::New if self.ticks == 0 => {
                self.state = SleepState::GaveWay;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            SleepState::New => {
                let (ticks, waker) = (self.ticks, cx.waker().clone());
                let key = event_loop::with("sleep()", |l| {
                    let key = l.set_timer(ticks, waker);
                    l.note_wait(Wait::Timer(key.0));
                    key
                });
                self.state = SleepState::Timer(key);
                Poll::Pending
            }
            SleepState::Timer(key) => {
                let pending = event_loop::with("sleep()", |l| {
                    let pending = l.timer_pending(key, cx.waker());
                    if pending {
                        l.note_wait(Wait::Timer(key.0));
                    }
                    pending
                });
                if pending {
                    return Poll::Pending; // woken for something else
                }
                self.state = SleepState::Done;
                Poll::Ready(())
            }
            SleepState::GaveWay | SleepState::Done => {
                self.state = SleepState::Done;
                Poll::Ready(())
            }
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        // Dropped before its time (its task was cancelled, or a timeout
        // fired): take the timer out, so it wakes nobody.
        if let SleepState::Timer(key) = self.state {
            event_loop::try_with(|l| l.cancel_timer(key));
        }
    }
}

/// `asyncio.sleep(ticks)`: resume `ticks` from now; other tasks run
/// meanwhile. `sleep(0)` lets every task that is ready run first.
pub fn sleep(ticks: u64) -> Sleep {
    Sleep {
        ticks,
        state: SleepState::New,
    }
}
// ANCHOR_END: sleep

/// `asyncio.sleep(0)`: give way to the tasks that are ready, and go to the
/// back of the queue.
pub fn yield_now() -> Sleep {
    sleep(0)
}

/// [`timeout`] gave up: the deadline came first. (asyncio raises
/// `TimeoutError`.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Elapsed;

impl fmt::Display for Elapsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the deadline passed before the future finished")
    }
}

impl std::error::Error for Elapsed {}

// ANCHOR: timeout
/// `asyncio.wait_for(future, ticks)`: `future`'s output, or [`Elapsed`] if
/// it has not finished `ticks` from now. Then `future` is dropped, so its
/// clean-up runs at once, in this task (Python cancels it and waits for
/// its `finally`).
///
/// The future runs inside the task that awaits the timeout, as in Python
/// 3.12's `wait_for` and `async with asyncio.timeout(…)`. (Python 3.11's
/// `wait_for` runs a coroutine as a task of its own, named `Task-2` or so,
/// one turn later: a Python twin on 3.11 uses `asyncio.timeout`.)
pub async fn timeout<F: Future>(ticks: u64, future: F) -> Result<F::Output, Elapsed> {
    let mut deadline = sleep(ticks);
    let mut future = pin!(future);
    poll_fn(|cx| {
        // The deadline first. Its timer was set before any the future
        // sets, so when both are due, asyncio's timeout fires first too.
        if Pin::new(&mut deadline).poll(cx).is_ready() {
            return Poll::Ready(Err(Elapsed));
        }
        future.as_mut().poll(cx).map(Ok)
    })
    .await
    // Returning drops `future`, and `deadline` with its timer.
}
// ANCHOR_END: timeout

// ANCHOR: timers
/// The loop's timers: a binary heap of `(deadline, order)`, earliest
/// first, and the wakers in a list of slots beside it. asyncio keeps a
/// heap too (`heapq` of `TimerHandle`s).
///
/// A timer's key says where its waker is: the low [`SLOT_BITS`] bits of
/// its `order` are its slot. So a sleep asks "has my timer fired?" and
/// takes its timer out (`Drop`) by looking at one slot, without
/// searching. A timer taken out leaves its entry in the heap, dead (its
/// slot no longer has its key), to be skipped when it comes up; asyncio
/// leaves cancelled `TimerHandle`s in its heap the same way.
#[derive(Default)]
pub(crate) struct Timers {
    /// Every timer set and not yet fired, earliest first; some are dead.
    /// (Each key as one `u128`, deadline high: one comparison where a
    /// pair needs two, and popping compares a dozen times.)
    heap: BinaryHeap<Reverse<Entry>>,
    slots: Vec<Slot>,
    /// Slots free to reuse.
    free: Vec<usize>,
    /// How many timers have been set: the next one's place in the order.
    set: u64,
    /// How many entries of `heap` are dead.
    dead: usize,
}

struct Slot {
    /// The key of the timer that uses this slot, or [`NO_KEY`].
    key: TimerKey,
    waker: Option<Waker>,
}

/// How many bits of a timer's `order` name its slot: up to 16 million
/// timers at once, and a trillion timers in one run.
const SLOT_BITS: u32 = 24;
const NO_KEY: TimerKey = (u64::MAX, u64::MAX);

/// A timer's key in the heap: `(deadline, order)` as one number, which
/// sorts as the pair does.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Entry(u128);

impl From<TimerKey> for Entry {
    fn from((deadline, order): TimerKey) -> Entry {
        Entry((deadline as u128) << 64 | order as u128)
    }
}

impl Entry {
    fn key(self) -> TimerKey {
        ((self.0 >> 64) as u64, self.0 as u64)
    }
}

/// Where timer `key`'s waker is.
fn slot_of(key: TimerKey) -> usize {
    (key.1 & ((1 << SLOT_BITS) - 1)) as usize
}

impl Timers {
    /// A timer that calls `waker` at `deadline`. Of timers with the same
    /// deadline, the one set first fires first.
    pub(crate) fn set(&mut self, deadline: u64, waker: Waker) -> TimerKey {
        let slot = self.free.pop().unwrap_or_else(|| {
            self.slots.push(Slot {
                key: NO_KEY,
                waker: None,
            });
            self.slots.len() - 1
        });
        assert!(
            slot < 1 << SLOT_BITS,
            "aio: more than {} timers at once",
            1u64 << SLOT_BITS
        );
        let key = (deadline, self.set << SLOT_BITS | slot as u64);
        self.set += 1;
        self.slots[slot] = Slot {
            key,
            waker: Some(waker),
        };
        self.heap.push(Reverse(Entry::from(key)));
        key
    }

    /// The slot of timer `key`, if it has neither fired nor been taken out.
    fn slot(&mut self, key: TimerKey) -> Option<&mut Slot> {
        let slot = self.slots.get_mut(slot_of(key))?;
        (slot.key == key).then_some(slot)
    }

    /// Whether timer `key` is still to fire; if so, it will call `waker`.
    pub(crate) fn pending(&mut self, key: TimerKey, waker: &Waker) -> bool {
        match self.slot(key).and_then(|slot| slot.waker.as_mut()) {
            Some(set) => {
                if !set.will_wake(waker) {
                    set.clone_from(waker);
                }
                true
            }
            None => false,
        }
    }

    /// Take timer `key` out, if it is still to fire: asyncio's
    /// `TimerHandle.cancel()`. Its entry in the heap dies.
    pub(crate) fn cancel(&mut self, key: TimerKey) {
        if self.free_slot(key).is_some() {
            self.dead += 1;
            self.drop_dead();
        }
    }

    /// Empty timer `key`'s slot, for reuse; its waker, if it was set.
    fn free_slot(&mut self, key: TimerKey) -> Option<Waker> {
        let slot = self.slot(key)?;
        slot.key = NO_KEY;
        let waker = slot.waker.take();
        self.free.push(slot_of(key));
        waker
    }

    fn is_live(&self, key: TimerKey) -> bool {
        self.slots
            .get(slot_of(key))
            .is_some_and(|slot| slot.key == key)
    }

    /// Keep the heap's first entry live, so that [`Timers::next_deadline`]
    /// only looks; and when more than half the heap is dead, sweep it, as
    /// asyncio does, so that timeouts that never fire do not pile up.
    fn drop_dead(&mut self) {
        while let Some(&Reverse(entry)) = self.heap.peek()
            && !self.is_live(entry.key())
        {
            self.heap.pop();
            self.dead -= 1;
        }
        if self.dead > 64 && self.dead * 2 > self.heap.len() {
            let slots = &self.slots;
            self.heap.retain(|&Reverse(entry)| {
                let key = entry.key();
                slots[slot_of(key)].key == key
            });
            self.dead = 0;
        }
    }

    /// The deadline of the next timer to fire.
    pub(crate) fn next_deadline(&self) -> Option<u64> {
        self.heap.peek().map(|&Reverse(entry)| entry.key().0)
    }

    /// Take out every timer due at `now` or before, and put their wakers
    /// in `due`, in firing order: earliest first, then first set first.
    pub(crate) fn take_due(&mut self, now: u64, due: &mut Vec<Waker>) {
        while let Some(&Reverse(entry)) = self.heap.peek()
            && entry.key().0 <= now
        {
            self.heap.pop();
            let key = entry.key();
            match self.free_slot(key) {
                Some(waker) => due.push(waker),
                None => self.dead -= 1,
            }
        }
        self.drop_dead();
    }
}
// ANCHOR_END: timers

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use std::task::Wake;

    /// A waker that writes its number down when called.
    struct Note(usize, Arc<Mutex<Vec<usize>>>);

    impl Wake for Note {
        fn wake(self: Arc<Self>) {
            self.1.lock().unwrap().push(self.0);
        }
    }

    fn waker(n: usize, log: &Arc<Mutex<Vec<usize>>>) -> Waker {
        Waker::from(Arc::new(Note(n, log.clone())))
    }

    /// Fire every timer due by `now`; the numbers of the wakers called.
    fn fire(timers: &mut Timers, now: u64, log: &Arc<Mutex<Vec<usize>>>) -> Vec<usize> {
        let mut due = Vec::new();
        timers.take_due(now, &mut due);
        due.into_iter().for_each(Waker::wake);
        std::mem::take(&mut *log.lock().unwrap())
    }

    #[test]
    fn timers_fire_earliest_first_then_first_set_first() {
        let log = Arc::default();
        let mut timers = Timers::default();
        for (n, deadline) in [(0, 5), (1, 3), (2, 5), (3, 3), (4, 9)] {
            timers.set(deadline, waker(n, &log));
        }
        assert_eq!(timers.next_deadline(), Some(3));
        assert_eq!(fire(&mut timers, 2, &log), [] as [usize; 0]);
        assert_eq!(fire(&mut timers, 5, &log), [1, 3, 0, 2]);
        assert_eq!(timers.next_deadline(), Some(9));
        assert_eq!(fire(&mut timers, 100, &log), [4]);
        assert_eq!(timers.next_deadline(), None);
    }

    #[test]
    fn a_cancelled_timer_wakes_nobody_and_its_slot_is_reused() {
        let log = Arc::default();
        let mut timers = Timers::default();
        let first = timers.set(3, waker(0, &log));
        let second = timers.set(4, waker(1, &log));
        timers.cancel(first);
        assert_eq!(
            timers.next_deadline(),
            Some(4),
            "the dead entry is not the next"
        );
        assert!(!timers.pending(first, &waker(9, &log)));
        // The new timer takes the cancelled one's slot, with a key of its own.
        let third = timers.set(3, waker(2, &log));
        assert_eq!(slot_of(third), slot_of(first));
        assert!(
            !timers.pending(first, &waker(9, &log)),
            "the old key stays dead"
        );
        assert!(timers.pending(third, &waker(2, &log)));
        assert_eq!(fire(&mut timers, 10, &log), [2, 1]);
        assert!(!timers.pending(second, &waker(9, &log)), "fired");
        timers.cancel(second); // after it fired: nothing to do
        assert_eq!(timers.next_deadline(), None);
    }

    #[test]
    fn pending_takes_the_newer_waker() {
        let log = Arc::default();
        let mut timers = Timers::default();
        let key = timers.set(1, waker(0, &log));
        assert!(timers.pending(key, &waker(7, &log)));
        assert_eq!(fire(&mut timers, 1, &log), [7]);
    }

    #[test]
    fn many_cancelled_timers_are_swept() {
        let log = Arc::default();
        let mut timers = Timers::default();
        let keep = timers.set(1, waker(0, &log));
        let keys: Vec<TimerKey> = (0..1000)
            .map(|n| timers.set(1000 + n, waker(1, &log)))
            .collect();
        keys.into_iter().for_each(|key| timers.cancel(key));
        assert!(
            timers.heap.len() < 100,
            "{} entries left",
            timers.heap.len()
        );
        assert_eq!(timers.next_deadline(), Some(1));
        assert!(timers.pending(keep, &waker(0, &log)));
        assert_eq!(fire(&mut timers, u64::MAX, &log), [0]);
    }
}
