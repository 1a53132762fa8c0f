//! How the shared tests (`crates/loop-tests`) run a program on `aio`: a
//! program is main's future, boxed by [`program`].

use std::future::Future;
use std::pin::Pin;

use aio::TaskError;

pub struct Aio;

pub type Main<T> = Pin<Box<dyn Future<Output = T>>>;

/// `main` as a program for the shared tests: `program(async { … })`.
pub fn program<T>(main: impl Future<Output = T> + 'static) -> Main<T> {
    Box::pin(main)
}

loop_tests::impl_loop!(Aio: aio, Main<T>, TaskError, |task, message| {
    TaskError::Failed { task, message }
});
