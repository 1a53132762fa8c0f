//! Properties of the coordination tools, on random programs (virtual
//! time, so each case runs in microseconds):
//!
//! - a queue never loses or duplicates an item, whatever the producers,
//!   consumers, sizes, sleeps, timeouts and cancellations;
//! - a semaphore never admits more than its permits, and gets every
//!   permit back, even from tasks cancelled or timed out while waiting;
//!   a lock, likewise, is held by one task at a time;
//! - a task group whose child fails cancels every child still running,
//!   each exactly once, and reports the failure.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use aio::{
    Elapsed, Lock, LockGuard, Queue, Semaphore, SemaphorePermit, TaskError, TaskGroup, gather, say,
    sleep, spawn, timeout,
};
use proptest::collection::vec;
use proptest::prelude::*;
use trace::Trace;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 200,
        ..ProptestConfig::default()
    }
}

// ---- Queue

#[derive(Clone, Debug)]
struct Producer {
    /// Before each put: a sleep, and how long that put may wait (None: as
    /// long as it takes; a put that times out is tried again).
    puts: Vec<(u64, Option<u64>)>,
}

#[derive(Clone, Debug)]
struct Consumer {
    /// Taken in turn for each get: how long it may wait (None: forever; a
    /// get that times out is tried again), then how long the work takes.
    gets: Vec<(Option<u64>, u64)>,
}

/// At least a tick: a task that retries `timeout(0, …)` would keep the
/// loop busy, and the clock would never move on.
fn patience() -> impl Strategy<Value = Option<u64>> {
    prop_oneof![2 => Just(None), 1 => (1u64..3).prop_map(Some)]
}

fn producers() -> impl Strategy<Value = Vec<Producer>> {
    let put = (0u64..3, patience());
    vec(vec(put, 0..10).prop_map(|puts| Producer { puts }), 1..4)
}

fn consumers() -> impl Strategy<Value = Vec<Consumer>> {
    let get = (patience(), 0u64..3);
    vec(vec(get, 1..5).prop_map(|gets| Consumer { gets }), 1..4)
}

/// An item: which producer put it, and its place in that producer's order.
type Item = (usize, usize);

/// Runs the producers and consumers on a queue of `maxsize`, until every
/// item is done; then cancels the consumers. Returns the items put, in order, and those taken, in order.
fn run_queue(
    maxsize: usize,
    producers: Vec<Producer>,
    consumers: Vec<Consumer>,
) -> (Vec<Item>, Vec<Item>) {
    let put = Rc::new(RefCell::new(Vec::new()));
    let taken = Rc::new(RefCell::new(Vec::new()));
    let (put_log, taken_log) = (put.clone(), taken.clone());
    aio::run(&Trace::new(), async move {
        let queue = Queue::new(maxsize);
        let workers: Vec<_> = consumers
            .into_iter()
            .enumerate()
            .map(|(c, consumer)| {
                let (queue, taken) = (queue.clone(), taken_log.clone());
                spawn(&format!("C{c}"), async move {
                    for (patience, work) in consumer.gets.iter().cycle() {
                        let item = match patience {
                            None => queue.get().await,
                            Some(ticks) => match timeout(*ticks, queue.get()).await {
                                Ok(item) => item,
                                Err(Elapsed) => continue,
                            },
                        };
                        taken.borrow_mut().push(item);
                        sleep(*work).await;
                        queue.task_done();
                    }
                })
            })
            .collect();
        let makers: Vec<_> = producers
            .into_iter()
            .enumerate()
            .map(|(p, producer)| {
                let (queue, put) = (queue.clone(), put_log.clone());
                spawn(&format!("P{p}"), async move {
                    for (seq, (pause, patience)) in producer.puts.into_iter().enumerate() {
                        sleep(pause).await;
                        let item = (p, seq);
                        loop {
                            let done = match patience {
                                None => {
                                    queue.put(item).await;
                                    true
                                }
                                Some(ticks) => timeout(ticks, queue.put(item)).await.is_ok(),
                            };
                            assert!(
                                maxsize == 0 || queue.qsize() <= maxsize,
                                "the queue holds more than its maxsize"
                            );
                            if done {
                                put.borrow_mut().push(item);
                                break;
                            }
                        }
                    }
                })
            })
            .collect();
        gather(&makers).await;
        queue.join().await;
        assert!(queue.empty(), "join returned with items left");
        say("every item is done");
        for worker in &workers {
            worker.cancel();
        }
    });
    let (put, taken) = (put.take(), taken.take());
    (put, taken)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_queue_never_loses_nor_duplicates_an_item(
        maxsize in 0usize..4,
        producers in producers(),
        consumers in consumers(),
    ) {
        let expected: usize = producers.iter().map(|p| p.puts.len()).sum();
        let (put, taken) = run_queue(maxsize, producers, consumers);
        prop_assert_eq!(put.len(), expected);
        let mut sorted_put = put.clone();
        let mut sorted_taken = taken.clone();
        sorted_put.sort();
        sorted_taken.sort();
        prop_assert_eq!(sorted_put, sorted_taken, "taken is not exactly what was put");
        // First in, first out: taken in the order they were put.
        prop_assert_eq!(put, taken);
    }
}

// ---- Semaphore

#[derive(Clone, Debug)]
struct Request {
    start: u64,
    /// How long it may wait for a permit (None: as long as it takes).
    patience: Option<u64>,
    work: u64,
    /// main cancels it at this time, if some.
    cancel_at: Option<u64>,
}

fn requests() -> impl Strategy<Value = Vec<Request>> {
    let request = (
        0u64..4,
        patience(),
        0u64..4,
        prop_oneof![3 => Just(None), 1 => (0u64..6).prop_map(Some)],
    )
        .prop_map(|(start, patience, work, cancel_at)| Request {
            start,
            patience,
            work,
            cancel_at,
        });
    vec(request, 1..10)
}

/// Leaves the critical section, even if cancelled inside.
struct Leaves(Rc<Cell<usize>>);

impl Drop for Leaves {
    fn drop(&mut self) {
        self.0.set(self.0.get() - 1);
    }
}

/// What a request waits for and holds: a semaphore's permit, a lock.
trait Guarded: Clone + 'static {
    type Guard;
    async fn take(&self) -> Self::Guard;
}

impl Guarded for Semaphore {
    type Guard = SemaphorePermit;
    async fn take(&self) -> SemaphorePermit {
        self.acquire().await
    }
}

impl Guarded for Lock {
    type Guard = LockGuard;
    async fn take(&self) -> LockGuard {
        self.lock().await
    }
}

/// Run `requests` against what `make` makes: each waits its `start`,
/// takes it (or gives up when its patience runs out), holds it for its
/// `work` and gives it back; main cancels each at its `cancel_at`, if it
/// has one. Returns how many held it at once at the most, how many hold
/// it at the end, and what `at_end` says of it at the end.
fn contend<G: Guarded, E: 'static>(
    requests: Vec<Request>,
    make: impl FnOnce() -> G + 'static,
    at_end: fn(&G) -> E,
) -> (usize, usize, E) {
    let inside = Rc::new(Cell::new(0usize));
    let most = Rc::new(Cell::new(0usize));
    let (inside_seen, most_seen) = (inside.clone(), most.clone());
    let end = aio::run(&Trace::new(), async move {
        let guarded = make();
        let mut cancels = Vec::new();
        for (i, request) in requests.into_iter().enumerate() {
            let (guarded, inside, most) = (guarded.clone(), inside.clone(), most.clone());
            let task = spawn(&format!("R{i}"), async move {
                sleep(request.start).await;
                let guard = match request.patience {
                    None => guarded.take().await,
                    Some(ticks) => match timeout(ticks, guarded.take()).await {
                        Ok(guard) => guard,
                        Err(Elapsed) => return,
                    },
                };
                inside.set(inside.get() + 1);
                most.set(most.get().max(inside.get()));
                let _leaves = Leaves(inside);
                sleep(request.work).await;
                drop(guard);
            });
            if let Some(at) = request.cancel_at {
                cancels.push((at, task));
            }
        }
        cancels.sort_by_key(|(at, _)| *at);
        for (at, task) in cancels {
            sleep(at.saturating_sub(aio::now())).await;
            task.cancel();
        }
        sleep(100).await; // every request has ended by then
        at_end(&guarded)
    });
    (most_seen.get(), inside_seen.get(), end)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_semaphore_never_admits_more_than_k_and_gets_every_permit_back(
        permits in 1usize..4,
        requests in requests(),
    ) {
        let (most, inside_at_end, free_at_end) =
            contend(requests, move || Semaphore::new(permits), Semaphore::available);
        prop_assert!(most <= permits, "{} inside at once", most);
        prop_assert_eq!(inside_at_end, 0);
        prop_assert_eq!(free_at_end, permits, "a permit was lost");
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_lock_is_held_by_one_task_at_a_time_and_always_given_back(requests in requests()) {
        let (most, inside_at_end, locked_at_end) = contend(requests, Lock::new, Lock::locked);
        prop_assert!(most <= 1, "{} held the lock at once", most);
        prop_assert_eq!(inside_at_end, 0);
        prop_assert!(!locked_at_end, "the lock was never given back");
    }
}

// ---- TaskGroup

/// Counts a child's cancellation: dropped before it finished.
struct Cancellations {
    child: usize,
    finished: bool,
    counts: Rc<RefCell<HashMap<usize, usize>>>,
}

impl Drop for Cancellations {
    fn drop(&mut self) {
        if !self.finished {
            *self.counts.borrow_mut().entry(self.child).or_default() += 1;
        }
    }
}

/// How a child ends: it fails at a time, or finishes at a time.
#[derive(Clone, Copy, Debug)]
enum Child {
    Finishes(u64),
    Fails(u64),
}

/// Children with distinct times, at least one failing.
fn children() -> impl Strategy<Value = Vec<Child>> {
    (vec(any::<bool>(), 2..8), any::<prop::sample::Index>()).prop_flat_map(|(fails, first)| {
        let n = fails.len();
        Just((0..n as u64).collect::<Vec<u64>>())
            .prop_shuffle()
            .prop_map(move |times| {
                let failing = first.index(n);
                times
                    .iter()
                    .zip(&fails)
                    .enumerate()
                    .map(|(i, (&t, &fails))| {
                        // Times 1, 3, 5, …: two ticks apart.
                        let at = 1 + 2 * t;
                        if fails || i == failing {
                            Child::Fails(at)
                        } else {
                            Child::Finishes(at)
                        }
                    })
                    .collect()
            })
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_failure_cancels_every_child_still_running_exactly_once(
        children in children(),
        deadline in prop_oneof![Just(None), (0u64..16).prop_map(Some)],
    ) {
        let counts = Rc::new(RefCell::new(HashMap::new()));
        let seen = counts.clone();
        let plan = children.clone();
        let (result, outcomes) = aio::run(&Trace::new(), async move {
            let tg = TaskGroup::new();
            let tasks: Vec<_> = plan
                .iter()
                .enumerate()
                .map(|(i, child)| {
                    let counts = counts.clone();
                    let child = *child;
                    tg.spawn(&format!("C{i}"), async move {
                        let mut guard = Cancellations { child: i, finished: false, counts };
                        match child {
                            Child::Finishes(at) => sleep(at).await,
                            Child::Fails(at) => {
                                sleep(at).await;
                                guard.finished = true;
                                panic!("C{i} fails");
                            }
                        }
                        guard.finished = true;
                    })
                })
                .collect();
            let result = match deadline {
                None => tg.join().await.map_err(Some),
                Some(ticks) => match timeout(ticks, tg.join()).await {
                    Ok(result) => result.map_err(Some),
                    Err(Elapsed) => {
                        // Wait for the children it cancelled, as asyncio.
                        tg.join().await.map_err(Some).and(Err(None))
                    }
                },
            };
            let mut outcomes = Vec::new();
            for task in &tasks {
                prop_assert!(task.is_done(), "{} still runs after join", task.name());
                outcomes.push(task.outcome().await);
            }
            Ok((result, outcomes))
        })?;
        // The group's end: the first failure, or the deadline if earlier.
        let first_failure = children
            .iter()
            .filter_map(|c| match c {
                Child::Fails(at) => Some(*at),
                Child::Finishes(_) => None,
            })
            .min()
            .expect("one fails");
        let end = deadline.map_or(first_failure, |d| d.min(first_failure));
        // On a tie the deadline wins: its timer was set first.
        let timed_out = deadline.is_some_and(|d| d <= first_failure);
        let counts = seen.borrow();
        let mut failures = Vec::new();
        for (i, (child, outcome)) in children.iter().zip(&outcomes).enumerate() {
            let cancelled = counts.get(&i).copied().unwrap_or(0);
            prop_assert!(cancelled <= 1, "C{} was cancelled {} times", i, cancelled);
            match *child {
                // Ended before the group did: as it would have alone.
                Child::Finishes(at) if at < end => {
                    prop_assert_eq!(outcome, &Ok(()));
                }
                Child::Fails(at) if at < end || (at == end && !timed_out) => {
                    prop_assert!(
                        matches!(outcome, Err(TaskError::Failed { .. })),
                        "C{} did not fail: {:?}", i, outcome
                    );
                    failures.push(outcome.clone().unwrap_err());
                }
                // Still running when the group ended: cancelled, once.
                _ => {
                    prop_assert_eq!(cancelled, 1, "C{} was not cancelled", i);
                    prop_assert!(
                        matches!(outcome, Err(TaskError::Cancelled { .. })),
                        "C{} was not cancelled: {:?}", i, outcome
                    );
                }
            }
        }
        match result {
            Err(Some(error)) => prop_assert_eq!(error.failures, failures),
            Err(None) => prop_assert!(timed_out && failures.is_empty()),
            Ok(()) => prop_assert!(false, "join succeeded though a child failed"),
        }
    }
}
