//! A socket registered with the running loop's reactor (`src/reactor.rs`),
//! and the one way `src/net.rs` does anything with it: try, and if the
//! socket says "not yet", wait on the reactor and try again.

use std::future::poll_fn;
use std::io;
use std::rc::Rc;
use std::task::Poll;

use polling::{AsRawSource, AsSource, Event};

use crate::reactor::{Direction, Reactor};
use crate::running;
use crate::task::Wait;

// ANCHOR: registered
/// A non-blocking socket, registered with the running loop's poller until
/// it is dropped.
pub(crate) struct Registered<S: AsSource>
where
    for<'a> &'a S: AsRawSource,
{
    io: S,
    key: usize,
    reactor: Rc<Reactor>,
}

impl<S: AsSource> Registered<S>
where
    for<'a> &'a S: AsRawSource,
{
    /// Register `io`, which must be non-blocking already, with the running
    /// loop. `what` names the caller for the message if there is no loop.
    pub(crate) fn new(io: S, what: &str) -> io::Result<Registered<S>> {
        let reactor = running::with(what, |l| l.world.reactor.clone());
        let key = reactor.next_key.get();
        reactor.next_key.set(key + 1);
        // SAFETY: `io` is deleted from the poller in `drop`, before it is
        // closed (a struct's fields are dropped after its `drop`).
        unsafe { reactor.poller()?.add(&io, Event::none(key))? };
        Ok(Registered { io, key, reactor })
    }

    pub(crate) fn get(&self) -> &S {
        &self.io
    }

    // ANCHOR: io
    /// Run `op` until it does not say `WouldBlock`: at once if it can,
    /// else each time the socket is ready to go `direction`. This is the
    /// whole trick of a readiness-based loop.
    pub(crate) async fn io<T>(
        &self,
        direction: Direction,
        what: &'static str,
        mut op: impl FnMut(&S) -> io::Result<T>,
    ) -> io::Result<T> {
        // However this ends (done, failed, or dropped while waiting), the
        // reactor must not keep our waker.
        let _waiting = StopWaiting {
            reactor: &self.reactor,
            key: self.key,
            direction,
        };
        poll_fn(|cx| {
            loop {
                match op(&self.io) {
                    Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                        let asked =
                            self.reactor
                                .wait_for(&self.io, self.key, direction, cx.waker());
                        if let Err(error) = asked {
                            return Poll::Ready(Err(error));
                        }
                        running::try_with(|l| l.note_wait(Wait::Socket(what)));
                        return Poll::Pending;
                    }
                    Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                    done => return Poll::Ready(done),
                }
            }
        })
        .await
    }
    // ANCHOR_END: io
}

impl<S: AsSource> Drop for Registered<S>
where
    for<'a> &'a S: AsRawSource,
{
    fn drop(&mut self) {
        for direction in [Direction::Read, Direction::Write] {
            self.reactor.stop_waiting(self.key, direction);
        }
        self.reactor.sources.borrow_mut().remove(&self.key);
        if let Some(poller) = self.reactor.shared.poller.get() {
            let _ = poller.delete(&self.io);
        }
    }
}
// ANCHOR_END: registered

struct StopWaiting<'a> {
    reactor: &'a Reactor,
    key: usize,
    direction: Direction,
}

impl Drop for StopWaiting<'_> {
    fn drop(&mut self) {
        self.reactor.stop_waiting(self.key, self.direction);
    }
}
