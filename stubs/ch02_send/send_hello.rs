//! Exercise `send_hello` (implement). Page: "send: values in both directions" (send.md).
//!
//! Make `hello()` a generator that yields `Hello, world` first, then
//! `Hello, NAME` for every `Some(NAME)` it is sent, and finishes when it is
//! sent `None`: replace the `todo!()` with a loop around `co.yield_(…).await`.
//!
//! You may use: `String::from`, `while let`, `co.yield_(…).await`,
//! `format!`.
use genawaiter::rc::Gen;
use std::future::Future;

/// Yields `Hello, world`, then greets whatever name it is sent; `None` ends it.
pub fn hello() -> Gen<String, Option<String>, impl Future<Output = ()>> {
    Gen::new(|co| async move {
        let _ = &co; // quiets "unused" warnings until you use it
        todo!("yield Hello, world; then greet each name co.yield_(…).await gives back, until None")
    })
}
