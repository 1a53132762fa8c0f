//! `TaskGroup`: asyncio's `taskgroups.py` (CPython 3.11), the parts that
//! decide who runs when.
//!
//! The group puts a done-callback on each child, as asyncio does, so it
//! hears of a child's end one turn after the child finished. A failure
//! then cancels every other child still running; `join` returns once all
//! have ended, with every failure.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::future::{Future, poll_fn};
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::task::{Poll, Waker};

use crate::error::TaskError;
use crate::handle::Task;
use crate::ready::TaskId;
use crate::running;
use crate::task::{TaskCore, Wait, WaiterKey};
use crate::waiter::{Armed, Waiter};

/// `async with asyncio.TaskGroup() as tg:`: tasks that end together.
///
/// ```
/// # let t = trace::Trace::new();
/// # aio::run(&t, async {
/// let tg = aio::TaskGroup::new();
/// tg.spawn("A", async { aio::sleep(1).await });
/// tg.spawn("B", async { aio::sleep(2).await });
/// // The end of the `async with` block:
/// tg.join().await.expect("no task failed");
/// aio::say("both done");
/// # });
/// # assert_eq!(t.render(), "  2 [main] both done\n");
/// ```
///
/// - [`join`](TaskGroup::join) waits for every child. If one fails
///   (panics), the group cancels the others, waits for them to end, and
///   returns every failure in a [`TaskGroupError`] (Python raises an
///   `ExceptionGroup`). A child the group cancelled is not a failure.
/// - Leaving by cancellation cancels the children: if the task that
///   awaits `join` is cancelled, or `join` is dropped by a
///   [`timeout`](crate::timeout), or the group is dropped before `join`,
///   every child still running is cancelled, once.
///
/// Clones are the same group, so a child may spawn more children into it.
/// (The group is dropped with its last clone: while a child holds one,
/// dropping yours cancels nothing; leaving `join` still does.)
///
/// Not the same as asyncio:
///
/// - A failure does not interrupt the code before `join` (asyncio cancels
///   the task that runs the `async with` block): that code runs on, and
///   `join` reports the failure. Await `join` soon after spawning, or use
///   [`task_group`], which cancels its body as asyncio does.
/// - Dropping cannot wait (nor can [`task_group`]'s). Where asyncio's `async with` waits for the
///   children it cancelled to finish before the timeout raises
///   `TimeoutError`, here the timeout returns at once and the children end
///   on their next turn. To wait for them, as asyncio does, await `join`
///   again.
/// - asyncio cancels the other children in the order of a set, which is
///   arbitrary; here in the order they were spawned.
#[derive(Clone)]
pub struct TaskGroup {
    handle: Rc<Handle>,
}

/// Every failure of a [`TaskGroup`]'s children, in the order they failed.
/// (asyncio: `ExceptionGroup('unhandled errors in a TaskGroup', […])`.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskGroupError {
    /// One [`TaskError::Failed`] per child that failed: its name and message.
    pub failures: Vec<TaskError>,
}

impl fmt::Display for TaskGroupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let failures: Vec<String> = self.failures.iter().map(|f| f.to_string()).collect();
        write!(
            f,
            "unhandled errors in a task group: {}",
            failures.join("; ")
        )
    }
}

impl std::error::Error for TaskGroupError {}

/// What the clones share; dropping the last one cancels the children left.
struct Handle {
    group: Rc<RefCell<Group>>,
}

struct Group {
    id: u64,
    /// The children still running (asyncio's `_tasks`), in spawn order,
    /// with where the group's done-callback waits in each.
    children: Vec<(Rc<TaskCore>, Option<WaiterKey>)>,
    errors: Vec<TaskError>,
    /// Cancelling the children: spawning is refused.
    aborting: bool,
    /// `join` has begun.
    exiting: bool,
    /// What `join` awaits: woken when the last child has ended.
    on_completed: Option<Rc<Waiter>>,
    /// [`task_group`]'s body runs, and this is its task's waker.
    body: Option<Waker>,
    /// A child failed while the body ran: the body is to be cancelled
    /// (asyncio: `_parent_cancel_requested`).
    cancel_body: bool,
}

thread_local! {
    /// The groups alive on this thread, for their done-callbacks: those
    /// travel through the loop's ready queue, which another thread may
    /// touch, so they carry the group's number rather than the group.
    static GROUPS: RefCell<HashMap<u64, Weak<RefCell<Group>>>> = RefCell::default();
    static NEXT_GROUP: Cell<u64> = const { Cell::new(0) };
}

impl Default for TaskGroup {
    fn default() -> Self {
        TaskGroup::new()
    }
}

impl TaskGroup {
    /// An empty group (asyncio's `async with TaskGroup() as tg:` entered).
    pub fn new() -> TaskGroup {
        let id = NEXT_GROUP.with(|next| next.replace(next.get() + 1));
        let group = Rc::new(RefCell::new(Group {
            id,
            children: Vec::new(),
            errors: Vec::new(),
            aborting: false,
            exiting: false,
            on_completed: None,
            body: None,
            cancel_body: false,
        }));
        GROUPS.with(|groups| groups.borrow_mut().insert(id, Rc::downgrade(&group)));
        TaskGroup {
            handle: Rc::new(Handle { group }),
        }
    }

    /// `tg.create_task(coro, name=name)`: spawn `future` as a task of the
    /// group ([`crate::spawn`]). The handle may be awaited as any task's.
    ///
    /// Panics if the group is cancelling its children, or if `join` has
    /// returned, as asyncio raises `RuntimeError`.
    #[track_caller]
    pub fn spawn<F>(&self, name: &str, future: F) -> Task<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let mut group = self.handle.group.borrow_mut();
        assert!(
            !group.aborting,
            "TaskGroup::spawn({name:?}): the group is shutting down (a task failed, or the \
             group was cancelled), so it takes no new task. (asyncio would raise \
             RuntimeError: TaskGroup is shutting down.)"
        );
        assert!(
            !(group.exiting && group.children.is_empty()),
            "TaskGroup::spawn({name:?}): the group has finished (join returned), so it takes \
             no new task. (asyncio would raise RuntimeError: TaskGroup is finished.)"
        );
        let task = crate::handle::spawn(name, future);
        let core = task.core().clone();
        let (group_id, child) = (group.id, core.header.id);
        let key = core.when_done(Arc::new(move || on_child_done(group_id, child)));
        group.children.push((core, key));
        task
    }

    /// The end of the `async with` block: wait until every child has ended.
    /// `Err` lists the children that failed; the others were then
    /// cancelled. Returns at once, without giving way, if no child runs.
    ///
    /// Dropped before it returns (its task cancelled, or a
    /// [`timeout`](crate::timeout)), it cancels every child still running.
    pub async fn join(&self) -> Result<(), TaskGroupError> {
        let group = &self.handle.group;
        group.borrow_mut().exiting = true;
        // Left by cancellation: asyncio's `__aexit__` calls `_abort()`.
        let on_cancel = Armed::new(|| {
            group.borrow_mut().on_completed = None;
            abort(group);
        });
        while !group.borrow().children.is_empty() {
            let completed = Waiter::new();
            group.borrow_mut().on_completed = Some(completed.clone());
            poll_fn(|cx| {
                if completed.woken() {
                    return Poll::Ready(());
                }
                completed.set_waker(cx.waker());
                let ids: Vec<TaskId> = group
                    .borrow()
                    .children
                    .iter()
                    .map(|(child, _)| child.header.id)
                    .collect();
                running::try_with(|l| l.note_wait(Wait::All(ids)));
                Poll::Pending
            })
            .await;
            group.borrow_mut().on_completed = None;
        }
        on_cancel.disarm();
        let failures = std::mem::take(&mut group.borrow_mut().errors);
        if failures.is_empty() {
            Ok(())
        } else {
            Err(TaskGroupError { failures })
        }
    }
}

// ANCHOR: task_group
/// `async with asyncio.TaskGroup() as tg:` and its body, whole:
/// `task_group(|tg| async move { … })` runs the body in this task, with
/// `tg` to spawn children, then waits for every child, as
/// [`TaskGroup::join`] does. `Ok` with the body's output if no child
/// failed.
///
/// Unlike `TaskGroup::new` and `join`, this is asyncio's order even when
/// the body awaits: a child that fails cancels the body too (asyncio
/// cancels the task running the `async with`). One turn after the failure
/// the group cancels the other children and wakes this task; on its turn
/// the body is dropped, its clean-up runs, and the failures are returned
/// once every child has ended.
///
/// ```
/// # let t = trace::Trace::new();
/// # aio::run(&t, async {
/// let result = aio::task_group(|tg| async move {
///     tg.spawn("fails", async {
///         aio::sleep(1).await;
///         panic!("boom");
///     });
///     aio::sleep(5).await; // cancelled at time 1
///     "not reached"
/// })
/// .await;
/// aio::say(result.unwrap_err());
/// # });
/// # assert_eq!(t.render(), "  1 [main] unhandled errors in a task group: task fails failed: boom\n");
/// ```
///
/// Dropped (its task cancelled, or a [`timeout`](crate::timeout)), it
/// drops the body and cancels the children. A panic in the body fails this
/// task, and cancels the children.
pub async fn task_group<B, F>(body: B) -> Result<F::Output, TaskGroupError>
where
    B: FnOnce(TaskGroup) -> F,
    F: Future,
{
    let tg = TaskGroup::new();
    let mut body = Some(Box::pin(body(tg.clone())));
    let group = &tg.handle.group;
    let output = poll_fn(|cx| {
        if group.borrow().cancel_body {
            return Poll::Ready(None);
        }
        let running = body.as_mut().expect("polled until it is done");
        match running.as_mut().poll(cx) {
            Poll::Ready(output) => Poll::Ready(Some(output)),
            Poll::Pending => {
                group.borrow_mut().body = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    })
    .await;
    group.borrow_mut().body = None;
    // Cancelled, its clean-up runs now, on this task's turn.
    drop(body);
    let joined = tg.join().await;
    match (output, joined) {
        (Some(output), Ok(())) => Ok(output),
        (_, Err(error)) => Err(error),
        (None, Ok(())) => unreachable!("the body is cancelled only when a child fails"),
    }
}
// ANCHOR_END: task_group

/// asyncio's `_on_task_done`, one turn after the child ended.
fn on_child_done(group_id: u64, child: TaskId) {
    let Some(group) = GROUPS.with(|groups| groups.borrow().get(&group_id).and_then(Weak::upgrade))
    else {
        return; // the group has gone
    };
    let mut state = group.borrow_mut();
    let Some(place) = state
        .children
        .iter()
        .position(|(c, _)| c.header.id == child)
    else {
        return;
    };
    let (core, _) = state.children.remove(place);
    if state.children.is_empty()
        && let Some(completed) = &state.on_completed
        && !completed.done()
    {
        completed.wake();
    }
    if let Some(Err(failure @ TaskError::Failed { .. })) = core.header.outcome() {
        // The group has seen it: not "never retrieved".
        core.retrieved.set(true);
        state.errors.push(failure.clone());
        if !state.aborting && !state.cancel_body {
            drop(state);
            abort(&group);
            // Then cancel the body, if it runs (asyncio cancels the parent
            // task): woken, it is dropped on its turn.
            let mut state = group.borrow_mut();
            if let Some(body) = state.body.take() {
                state.cancel_body = true;
                body.wake();
            }
        }
    }
}

/// asyncio's `_abort`: cancel every child still running, once.
fn abort(group: &RefCell<Group>) {
    let children: Vec<Rc<TaskCore>> = {
        let mut state = group.borrow_mut();
        if state.aborting {
            return;
        }
        state.aborting = true;
        state.children.iter().map(|(c, _)| c.clone()).collect()
    };
    for child in children {
        child.cancel(); // `Task::cancel`: woken, and dropped on its turn
    }
}

impl Drop for Handle {
    /// The group dropped without `join` (its task cancelled, say): cancel
    /// the children, as leaving the `async with` by an exception does.
    fn drop(&mut self) {
        if !self.group.borrow().children.is_empty() {
            abort(&self.group);
        }
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        for (child, key) in &self.children {
            child.forget(*key);
        }
        let _ = GROUPS.try_with(|groups| groups.borrow_mut().remove(&self.id));
    }
}

impl fmt::Debug for TaskGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let group = self.handle.group.borrow();
        let names: Vec<&str> = group
            .children
            .iter()
            .map(|(c, _)| c.name.as_str())
            .collect();
        write!(f, "TaskGroup({})", names.join(", "))
    }
}
