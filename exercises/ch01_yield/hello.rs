//! Exercise `hello`: a function that yields five greetings.
use genawaiter::rc::Gen;

/// Yields `[0] Hello, NAME` … `[4] Hello, NAME`, one a resume.
pub fn hello(name: &str) -> impl Iterator<Item = String> {
    let name = name.to_string();
    Gen::new(|co| async move {
        let _ = (&co, &name);
        todo!("yield five greetings with co.yield_(…).await")
    })
    .into_iter()
}
