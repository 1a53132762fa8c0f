//! The loop's timers, earliest first. Nothing here knows the loop: it
//! keeps wakers, and hands back those that are due.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::task::Waker;

/// Where a timer is in the heap: deadline first, then the order timers
/// were set in, so equal deadlines fire first-set first. (The order's low
/// bits also say where its waker is: see [`Timers`].)
pub(crate) type TimerKey = (u64, u64);

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
    heap: BinaryHeap<Reverse<TimerKey>>,
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
        self.heap.push(Reverse(key));
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
        while let Some(&Reverse(key)) = self.heap.peek()
            && !self.is_live(key)
        {
            self.heap.pop();
            self.dead -= 1;
        }
        if self.dead > 64 && self.dead * 2 > self.heap.len() {
            let slots = &self.slots;
            self.heap
                .retain(|&Reverse(key)| slots[slot_of(key)].key == key);
            self.dead = 0;
        }
    }

    /// The deadline of the next timer to fire.
    pub(crate) fn next_deadline(&self) -> Option<u64> {
        self.heap.peek().map(|&Reverse((deadline, _))| deadline)
    }

    /// The timers still to fire, in firing order, each with its place in
    /// the order timers were set in (from 0): for the book's stepper.
    pub(crate) fn in_firing_order(&self) -> Vec<(TimerKey, u64)> {
        let mut live: Vec<TimerKey> = (self.slots.iter())
            .map(|slot| slot.key)
            .filter(|&key| key != NO_KEY)
            .collect();
        live.sort_unstable();
        live.into_iter()
            .map(|key| (key, key.1 >> SLOT_BITS))
            .collect()
    }

    /// Take out every timer due at `now` or before, and return their
    /// wakers in firing order: earliest first, then first set first.
    pub(crate) fn take_due(&mut self, now: u64) -> Vec<Waker> {
        let mut due = Vec::new();
        while let Some(&Reverse(key)) = self.heap.peek()
            && key.0 <= now
        {
            self.heap.pop();
            match self.free_slot(key) {
                Some(waker) => due.push(waker),
                None => self.dead -= 1,
            }
        }
        self.drop_dead();
        due
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
        timers.take_due(now).into_iter().for_each(Waker::wake);
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
