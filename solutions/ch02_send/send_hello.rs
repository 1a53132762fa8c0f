//! Exercise `send_hello` (implement). Page: "send: values in both directions" (send.md).
//!
//! `hello()` is a generator that yields `Hello, world` first, then
//! `Hello, NAME` for every `Some(NAME)` it is sent, and finishes when it is
//! sent `None`.
//!
//! You may use: `String::from`, `while let`, `co.yield_(…).await`,
//! `format!`.
use genawaiter::rc::Gen;
use std::future::Future;

/// Yields `Hello, world`, then greets whatever name it is sent; `None` ends it.
pub fn hello() -> Gen<String, Option<String>, impl Future<Output = ()>> {
    Gen::new(|co| async move {
        let mut name = String::from("world");
        while let Some(received) = co.yield_(format!("Hello, {name}")).await {
            name = received;
        }
    })
}
