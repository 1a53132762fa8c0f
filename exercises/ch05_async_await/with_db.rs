//! Exercise `with_db` (implement). Page: "async with" (context-managers.md).
//!
//! Write `with_db(body)`, Python's `async with AsyncDatabase() as db:`. It
//! connects (one tick, then says `db: connected`), runs `body(&db)`, and
//! disconnects, saying `db: disconnected`, however the body ends: when it
//! returns, and also when the whole `with_db` future is dropped half-way,
//! for example by a timeout.
//!
//! You may use: `aio::sleep`, `aio::say`, `OnDrop::new`, calling `body`
//! with `&Db`.
use crate::OnDrop;

pub struct Db;

impl Db {
    pub async fn query(&self, sql: &str) -> usize {
        aio::say(format!("db: querying {sql}"));
        aio::sleep(2).await;
        sql.len()
    }
}

pub async fn with_db<T>(body: impl AsyncFnOnce(&Db) -> T) -> T {
    let _ = (body, OnDrop::new); // quiets "unused" warnings: delete this line as you write yours
    todo!(
        "connect, run the body with &Db, and make sure `db: disconnected` is said even if this future is dropped"
    )
}
