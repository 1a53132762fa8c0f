//! The task's side: what a task's code calls, and how a call becomes a
//! yielded [`Request`].

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;

use genawaiter::rc::{Co, Gen};
use loop_report::Clock;
use trace::Trace;

use crate::request::{Coroutine, Reply, Request, TaskFailed, TaskId};

/// A task's line to the loop: what Python code reaches through `asyncio.`.
///
/// Every task gets its own. It is not `Clone` on purpose: a task may only
/// yield through its own line, so a `Cx` cannot be handed to another task.
/// Helpers borrow it: `async fn say_after(cx: &Cx, …)`.
pub struct Cx {
    co: Co<Request, Reply>,
    trace: Trace,
    clock: Arc<Clock>,
}

/// A handle to a task, to await it. Clones are cheap and name the same
/// task.
pub struct Task<T> {
    id: TaskId,
    name: Rc<str>,
    /// Filled in when the task returns.
    result: Rc<RefCell<Option<T>>>,
}

impl Cx {
    /// Say a line, stamped with the time and this task's name.
    pub fn say(&self, text: impl fmt::Display) {
        self.trace.say(text);
    }

    /// `loop.time()`: the virtual time, in ticks.
    pub fn now(&self) -> u64 {
        self.clock.time()
    }

    // ANCHOR: sleep
    /// `await asyncio.sleep(ticks)`. Other tasks run meanwhile.
    /// `sleep(0)` lets every task that is ready run first.
    pub async fn sleep(&self, ticks: u64) {
        self.ask(Request::Sleep(ticks)).await;
    }
    // ANCHOR_END: sleep

    /// `await asyncio.sleep(0)`: give way to the tasks that are ready.
    pub async fn yield_now(&self) {
        self.sleep(0).await;
    }

    /// `asyncio.create_task(body(cx), name=name)`. The new task first runs
    /// after this one gives way; this one goes on at once.
    pub async fn spawn<T, F, Fut>(&self, name: &str, body: F) -> Task<T>
    where
        F: FnOnce(Cx) -> Fut + 'static,
        Fut: Future<Output = T> + 'static,
        T: 'static,
    {
        let (coroutine, result) = coroutine(&self.trace, &self.clock, body);
        match self.ask(Request::Spawn(name.into(), coroutine)).await {
            Reply::Spawned(id) => Task {
                id,
                name: name.into(),
                result,
            },
            other => unexpected("Spawn", other),
        }
    }

    /// `await task`: its result, once it has finished. If it failed, this
    /// task fails too, with `task B failed: <its message>`, as Python
    /// re-raises the exception.
    pub async fn join<T: Clone>(&self, task: &Task<T>) -> T {
        match self.try_join(task).await {
            Ok(value) => value,
            Err(failed) => panic!("{failed}"),
        }
    }

    /// `await task` inside `try`/`except`: its result, or its failure.
    pub async fn try_join<T: Clone>(&self, task: &Task<T>) -> Result<T, TaskFailed> {
        self.not_itself(&[task.id]);
        match self.ask(Request::Join(task.id)).await {
            Reply::Finished(outcome) => outcome.map(|()| task.result()),
            other => unexpected("Join", other),
        }
    }

    /// `await asyncio.gather(*tasks)`: their results, in the order given.
    /// If one fails, this task fails as soon as that is known.
    pub async fn gather<T: Clone>(&self, tasks: &[Task<T>]) -> Vec<T> {
        let ids: Vec<TaskId> = tasks.iter().map(|task| task.id).collect();
        self.not_itself(&ids);
        match self.ask(Request::Gather(ids)).await {
            Reply::Finished(Ok(())) => tasks.iter().map(Task::result).collect(),
            Reply::Finished(Err(failed)) => panic!("{failed}"),
            other => unexpected("Gather", other),
        }
    }

    /// `asyncio.current_task().get_name()`.
    pub async fn current(&self) -> String {
        match self.ask(Request::Current).await {
            Reply::Current(name) => name,
            other => unexpected("Current", other),
        }
    }

    /// Awaiting itself would wait for ever (Python raises at once): fail.
    fn not_itself(&self, awaited: &[TaskId]) {
        if awaited.contains(&self.clock.task_id()) {
            panic!("{}", loop_report::AWAITS_ITSELF);
        }
    }

    // ANCHOR: ask
    /// Every method above comes down to this: yield a request to the loop,
    /// and return what the loop sends back when it resumes this task.
    async fn ask(&self, request: Request) -> Reply {
        self.co.yield_(request).await
    }
    // ANCHOR_END: ask
}

/// A bug in the loop, not in the task: it must answer each request in kind.
fn unexpected(request: &str, reply: Reply) -> ! {
    panic!("the loop answered {request} with {reply:?}")
}

impl<T> Task<T> {
    /// The name it was spawned with.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn result(&self) -> T
    where
        T: Clone,
    {
        let result = self.result.borrow();
        result.clone().expect("the loop said the task finished")
    }
}

impl<T> Clone for Task<T> {
    fn clone(&self) -> Self {
        Task {
            id: self.id,
            name: self.name.clone(),
            result: self.result.clone(),
        }
    }
}

impl<T> fmt::Debug for Task<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Task({:?})", self.name)
    }
}

/// Turn a task's body into a [`Coroutine`] for the loop, and a place where
/// its result will be.
pub(crate) fn coroutine<T, F, Fut>(
    trace: &Trace,
    clock: &Arc<Clock>,
    body: F,
) -> (Coroutine, Rc<RefCell<Option<T>>>)
where
    F: FnOnce(Cx) -> Fut + 'static,
    Fut: Future<Output = T> + 'static,
    T: 'static,
{
    let result = Rc::new(RefCell::new(None));
    let (trace, clock, slot) = (trace.clone(), clock.clone(), result.clone());
    let coroutine = Gen::new(move |co| {
        let run: std::pin::Pin<Box<dyn Future<Output = ()>>> = Box::pin(async move {
            let value = body(Cx { co, trace, clock }).await;
            *slot.borrow_mut() = Some(value);
        });
        run
    });
    (coroutine, result)
}
