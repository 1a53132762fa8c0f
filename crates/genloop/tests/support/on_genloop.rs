//! How the shared tests (`crates/loop-tests`) run a program on `genloop`:
//! a program is a function of main's `Cx`, boxed by [`program`].

use std::future::Future;
use std::pin::Pin;

use genloop::{Cx, TaskFailed};

pub struct Genloop;

pub type Main<T> = Box<dyn FnOnce(Cx) -> Pin<Box<dyn Future<Output = T>>>>;

/// `main` as a program for the shared tests: `program(|cx| async move { … })`.
pub fn program<T, F, Fut>(main: F) -> Main<T>
where
    F: FnOnce(Cx) -> Fut + 'static,
    Fut: Future<Output = T> + 'static,
{
    Box::new(move |cx| Box::pin(main(cx)))
}

loop_tests::impl_loop!(Genloop: genloop, Main<T>, TaskFailed, |task, message| {
    TaskFailed { task, message }
});
