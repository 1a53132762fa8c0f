//! The loop's side: a ready queue, a timer heap, and what each task is
//! doing. asyncio's `BaseEventLoop` and `Task`, in one small struct.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::mem;
use std::panic::{self, AssertUnwindSafe};

use std::sync::Arc;

use genawaiter::GeneratorState;
use loop_report::{Clock, Doing};
use trace::steps::{self, Did, LoopStep};
use trace::{Event, Trace, What};

use crate::request::{Coroutine, LoopError, Reply, Request, TaskFailed, TaskId};

/// `main` is the first task.
const MAIN: TaskId = 0;

// ANCHOR: loop
pub(crate) struct Loop {
    /// Every task ever spawned, by [`TaskId`].
    tasks: Vec<TaskState>,
    /// asyncio's `_ready` deque: what to do next, in order.
    ready: VecDeque<Job>,
    /// Smallest deadline first; among equal deadlines, the first set.
    timers: BinaryHeap<Reverse<Timer>>,
    timers_set: u64,
    gathers: Vec<Gathering>,
    now: u64,
    steps: u64,
    /// How many steps before it decides a task runs away ([`crate::STEP_BUDGET`]).
    budget: u64,
    stopping: bool,
    /// Where the trace's stamper reads the time and the running task.
    clock: Arc<Clock>,
    /// Where the loop reports who runs when, if the trace records a
    /// timeline (`trace::timeline`).
    timeline: Option<trace::Recorder>,
}
// ANCHOR_END: loop

impl Loop {
    pub(crate) fn new(trace: &Trace, clock: Arc<Clock>, budget: u64) -> Loop {
        Loop {
            tasks: Vec::new(),
            ready: VecDeque::new(),
            timers: BinaryHeap::new(),
            timers_set: 0,
            gathers: Vec::new(),
            now: 0,
            steps: 0,
            budget,
            stopping: false,
            clock,
            timeline: trace.recorder(),
        }
    }

    // ANCHOR: run
    /// Run `main` and every task it starts, until main has finished.
    pub(crate) fn run(mut self, main: Coroutine) -> Result<(), LoopError> {
        self.spawn("main".into(), main);
        self.step_view(|| Did::Start { by: "genloop" }, 0);
        while !self.stopping {
            if self.ready.is_empty() {
                self.advance_clock()?;
            }
            // One round: the jobs ready now. Jobs they add wait for the
            // next round, and `Stop` ends the loop after this one.
            let round = self.ready.len();
            self.step_view(|| Did::Round, round);
            for left in (0..round).rev() {
                let job = self.ready.pop_front().expect("counted");
                let ran = self.timeline.is_some().then(|| self.job_view(&job));
                match job {
                    Job::Step(task, reply) => self.timed_step(task, reply)?,
                    Job::GatherDone(gather, task) => self.gather_done(gather, task),
                    Job::Stop => self.stopping = true,
                }
                self.step_view(move || Did::Ran(ran.expect("recording")), left);
            }
        }
        self.failures()?;
        self.warn_never_awaited();
        Ok(())
    }
    // ANCHOR_END: run

    /// [`Loop::step`], with a warning if the turn kept the loop too long in
    /// real time (a blocking call in the task). Without a budget (the
    /// benchmarks) the loop is not watched, and reads no clock.
    fn timed_step(&mut self, id: TaskId, reply: Reply) -> Result<(), LoopError> {
        if self.budget == u64::MAX {
            return self.step(id, reply);
        }
        let started = std::time::Instant::now();
        self.timeline(id, true);
        self.step(id, reply)?;
        self.timeline(id, false);
        let hand_off = "hand the work to a thread";
        loop_report::warn_if_slow(&self.tasks[id].name, self.now, started.elapsed(), hand_off);
        Ok(())
    }

    /// main returned: a task still pending that nobody awaited is dropped
    /// without a word in the trace, so say it on standard error.
    fn warn_never_awaited(&self) {
        for task in &self.tasks {
            if !task.awaited && !matches!(task.state, State::Finished(_)) {
                loop_report::warn(loop_report::never_awaited(&task.name, self.now, ""));
            }
        }
    }

    // ANCHOR: advance_clock
    /// Nothing is ready: jump to the earliest timer and wake every task
    /// whose timer is due then, in the order the timers were set.
    fn advance_clock(&mut self) -> Result<(), LoopError> {
        let Some(Reverse(next)) = self.timers.peek() else {
            return Err(self.deadlock());
        };
        let from = self.now;
        self.now = next.deadline;
        self.clock.set_time(self.now);
        while let Some(Reverse(timer)) = self.timers.peek()
            && timer.deadline == self.now
        {
            let task = timer.task;
            self.timers.pop();
            self.ready.push_back(Job::Step(task, Reply::Resume));
        }
        self.step_view(|| Did::Clock { from }, 0);
        Ok(())
    }
    // ANCHOR_END: advance_clock

    fn spawn(&mut self, name: String, coroutine: Coroutine) -> TaskId {
        let id = self.tasks.len();
        self.clock.add_name(&name);
        self.tasks.push(TaskState {
            name,
            coroutine: Some(coroutine),
            state: State::Ready,
            waiters: Vec::new(),
            awaited: false,
        });
        // The first resume; genawaiter drops its value (the priming step).
        self.ready.push_back(Job::Step(id, Reply::Resume));
        id
    }

    // ANCHOR: step
    /// Resume `id` with `reply`, and go on resuming it for as long as its
    /// requests can be answered at once.
    fn step(&mut self, id: TaskId, mut reply: Reply) -> Result<(), LoopError> {
        self.tasks[id].state = State::Ready;
        self.clock.set_task(id);
        let outcome = loop {
            self.steps += 1;
            if self.steps > self.budget {
                return Err(self.runaway());
            }
            let coroutine = self.tasks[id].coroutine.as_mut().expect("not finished");
            // A panic in the task must not take the loop down with it.
            match panic::catch_unwind(AssertUnwindSafe(|| coroutine.resume_with(reply))) {
                Ok(GeneratorState::Yielded(request)) => match self.answer(id, request) {
                    Some(answer) => reply = answer,
                    None => return Ok(()), // it waits
                },
                Ok(GeneratorState::Complete(())) => break Ok(()),
                Err(panic) => break Err(loop_report::panic_message(panic)),
            }
        };
        let task = self.tasks[id].name.clone();
        self.finish(id, outcome.map_err(|message| TaskFailed { task, message }));
        Ok(())
    }
    // ANCHOR_END: step

    // ANCHOR: answer
    /// The loop's side of each system call. `Some(reply)` resumes the task
    /// at once; `None` means it waits, and something will wake it later.
    fn answer(&mut self, id: TaskId, request: Request) -> Option<Reply> {
        match request {
            Request::Sleep(0) => self.ready.push_back(Job::Step(id, Reply::Resume)),
            Request::Sleep(ticks) => {
                let deadline = self.now + ticks;
                let set = self.timers_set;
                self.timers_set += 1;
                self.timers.push(Reverse(Timer {
                    deadline,
                    set,
                    task: id,
                }));
                self.tasks[id].state = State::Sleeping(deadline);
            }
            Request::Spawn(name, coroutine) => {
                return Some(Reply::Spawned(self.spawn(name, coroutine)));
            }
            Request::Current => return Some(Reply::Current(self.tasks[id].name.clone())),
            Request::Join(other) => {
                self.tasks[other].awaited = true;
                if let State::Finished(outcome) = &self.tasks[other].state {
                    return Some(Reply::Finished(outcome.clone()));
                }
                self.tasks[other].waiters.push(Waiter::Task(id));
                self.tasks[id].state = State::Awaiting(vec![other]);
            }
            Request::Gather(others) => {
                if others.is_empty() {
                    return Some(Reply::Finished(Ok(()))); // Python's is born done
                }
                let gather = self.gathers.len();
                self.gathers.push(Gathering {
                    task: id,
                    left: others.len(),
                    done: false,
                });
                for &other in &others {
                    self.tasks[other].awaited = true;
                    // As in CPython, a task that has already finished gets
                    // its callback scheduled now, so even then gather waits.
                    match self.tasks[other].state {
                        State::Finished(_) => self.ready.push_back(Job::GatherDone(gather, other)),
                        _ => self.tasks[other].waiters.push(Waiter::Gather(gather)),
                    }
                }
                self.tasks[id].state = State::Awaiting(others);
            }
        }
        None
    }
    // ANCHOR_END: answer

    // ANCHOR: finish
    /// `id` returned or panicked: wake whoever waits for it.
    fn finish(&mut self, id: TaskId, outcome: Result<(), TaskFailed>) {
        if id == MAIN {
            // asyncio.run added its callback to main before anyone else.
            self.ready.push_back(Job::Stop);
        }
        let task = &mut self.tasks[id];
        task.coroutine = None;
        task.state = State::Finished(outcome.clone());
        for waiter in mem::take(&mut task.waiters) {
            self.ready.push_back(match waiter {
                Waiter::Task(waiter) => Job::Step(waiter, Reply::Finished(outcome.clone())),
                Waiter::Gather(gather) => Job::GatherDone(gather, id),
            });
        }
    }
    // ANCHOR_END: finish

    /// One of a gather's tasks has finished. The gather is answered when the
    /// last one does, or at the first failure.
    fn gather_done(&mut self, gather: GatherId, task: TaskId) {
        let State::Finished(outcome) = &self.tasks[task].state else {
            unreachable!("only a finished task schedules its gather's callback")
        };
        let outcome = outcome.clone();
        let gathering = &mut self.gathers[gather];
        if gathering.done {
            return;
        }
        gathering.left -= 1;
        if gathering.left == 0 || outcome.is_err() {
            gathering.done = true;
            self.ready
                .push_back(Job::Step(gathering.task, Reply::Finished(outcome)));
        }
    }

    /// After the run: main's failure, or failures no task awaited.
    fn failures(&self) -> Result<(), LoopError> {
        if let State::Finished(Err(failed)) = &self.tasks[MAIN].state {
            return Err(LoopError::MainFailed(failed.clone()));
        }
        let lost: Vec<TaskFailed> = self
            .tasks
            .iter()
            .filter(|task| !task.awaited)
            .filter_map(|task| match &task.state {
                State::Finished(Err(failed)) => Some(failed.clone()),
                _ => None,
            })
            .collect();
        if lost.is_empty() {
            Ok(())
        } else {
            Err(LoopError::NeverRetrieved(lost))
        }
    }

    fn deadlock(&self) -> LoopError {
        LoopError::Deadlock {
            time: self.now,
            waiting: self.unfinished(),
        }
    }

    fn runaway(&self) -> LoopError {
        LoopError::Runaway {
            time: self.now,
            tasks: self.unfinished(),
            budget: self.budget,
        }
    }

    /// What every unfinished task is doing, in the order they were spawned.
    fn unfinished(&self) -> Vec<String> {
        let unfinished = self
            .tasks
            .iter()
            .filter_map(|task| Some((task, self.doing(task)?)));
        unfinished
            .map(|(task, doing)| loop_report::unfinished_line(&task.name, &doing))
            .collect()
    }

    /// What `task` is doing, unless it has finished.
    fn doing(&self, task: &TaskState) -> Option<Doing> {
        let name = |id: &TaskId| self.tasks[*id].name.clone();
        Some(match &task.state {
            State::Finished(_) => return None,
            State::Ready => Doing::Ready,
            State::Sleeping(until) => Doing::Waits(vec![loop_report::Wait::Timer(*until)]),
            State::Awaiting(others) => {
                let others = others.iter().filter(|id| !self.is_finished(**id));
                Doing::Waits(vec![loop_report::Wait::All(others.map(name).collect())])
            }
        })
    }

    fn is_finished(&self, id: TaskId) -> bool {
        matches!(self.tasks[id].state, State::Finished(_))
    }
}

/// The steps of the book's stepper (`trace::steps`): after each thing the
/// loop does, what its queues hold. Recorded with the timeline, only.
impl Loop {
    /// Report the step the loop just took (`did`), with `this_round` jobs
    /// at the front of the queue still to run in this round.
    fn step_view(&self, did: impl FnOnce() -> Did, this_round: usize) {
        let Some(recorder) = &self.timeline else {
            return;
        };
        let mut timers: Vec<&Timer> = self.timers.iter().map(|Reverse(timer)| timer).collect();
        timers.sort();
        let queued = |id: TaskId| {
            self.ready
                .iter()
                .any(|job| matches!(job, Job::Step(t, _) if *t == id))
        };
        let tasks = self.tasks.iter().enumerate().map(|(id, task)| {
            let doing = match (self.doing(task), &task.state) {
                // Woken with its answer: it still waits, until its turn.
                (Some(_), _) if queued(id) => "is ready".into(),
                (Some(doing), _) => loop_report::doing_words(&doing),
                (None, State::Finished(Ok(()))) => "is done".into(),
                (None, _) => "failed".into(),
            };
            (task.name.clone(), doing)
        });
        recorder.loop_step(LoopStep {
            did: did(),
            time: self.now,
            ready: self.ready.iter().map(|job| self.job_view(job)).collect(),
            this_round,
            timers: timers
                .iter()
                .map(|timer| steps::Timer {
                    at: timer.deadline,
                    set: timer.set + 1,
                    task: self.tasks[timer.task].name.clone(),
                })
                .collect(),
            tasks: tasks.collect(),
        });
    }

    fn job_view(&self, job: &Job) -> steps::Job {
        let name = |id: &TaskId| self.tasks[*id].name.clone();
        match job {
            Job::Step(task, _) => steps::Job::Task(name(task)),
            Job::GatherDone(_, task) => steps::Job::Callback { of: name(task) },
            Job::Stop => steps::Job::Stop,
        }
    }
}

/// The events of a timeline picture (`trace::timeline`), recorded only
/// when the trace was asked for them.
impl Loop {
    /// Task `id` runs (`started`), or has stopped: its state says why.
    fn timeline(&self, id: TaskId, started: bool) {
        let Some(recorder) = &self.timeline else {
            return;
        };
        let name = |id: &TaskId| self.tasks[*id].name.as_str();
        let what = match &self.tasks[id].state {
            _ if started => What::Runs,
            State::Ready => What::GivesWay,
            State::Sleeping(until) => What::Sleeps { until: *until },
            State::Awaiting(others) => What::Waits {
                on: others.iter().map(name).collect::<Vec<_>>().join(" and "),
            },
            State::Finished(Ok(())) => What::Done,
            State::Finished(Err(_)) => What::Failed,
        };
        recorder.event(Event {
            time: self.now,
            task: self.tasks[id].name.clone(),
            what,
        });
    }
}

// What the loop keeps: its jobs, timers, tasks and gathers.

/// One entry of the ready queue. In asyncio every entry is a callback; we
/// have three kinds.
enum Job {
    /// Resume a task with a reply (a `Task`'s `__step`).
    Step(TaskId, Reply),
    /// A task that a gather waits for has finished (gather's
    /// `_done_callback`).
    GatherDone(GatherId, TaskId),
    /// `main` has finished (the callback `asyncio.run` adds to main, which
    /// calls `loop.stop()`).
    Stop,
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Timer {
    // Field order is the heap's order: deadline, then who set it first.
    deadline: u64,
    set: u64,
    task: TaskId,
}

struct TaskState {
    name: String,
    /// `None` once the task has finished.
    coroutine: Option<Coroutine>,
    state: State,
    /// Whom to tell when this task finishes, in the order they asked.
    waiters: Vec<Waiter>,
    /// Some task awaited it, so a failure will not go unnoticed (Python:
    /// "the exception was retrieved").
    awaited: bool,
}

/// What a task is doing. Only the error messages read it: the queue and
/// the timers already say who runs when.
enum State {
    Ready,
    Sleeping(u64),
    Awaiting(Vec<TaskId>),
    Finished(Result<(), TaskFailed>),
}

enum Waiter {
    Task(TaskId),
    Gather(GatherId),
}

type GatherId = usize;

struct Gathering {
    /// The task that awaits the gather.
    task: TaskId,
    /// How many of its tasks have yet to finish.
    left: usize,
    /// Already answered (all finished, or one failed).
    done: bool,
}
