//! pool.md: a queue between tasks. `main` puts five items in a queue
//! that holds two; two consumers take them and work on each for 2 ticks.
//! `put` waits while the queue is full, `get` while it is empty, and
//! `join` until every item taken has been marked done.
use trace::Trace;

// ANCHOR: main
async fn consumer(queue: aio::Queue<&'static str>) {
    loop {
        let item = queue.get().await;
        aio::say(format!("got {item}"));
        aio::sleep(2).await; // work on it
        aio::say(format!("done with {item}"));
        queue.task_done();
    }
}

pub fn main(t: &Trace) {
    aio::run(t, async {
        let queue = aio::Queue::new(2);
        let consumers: Vec<aio::Task<()>> = ["c1", "c2"]
            .into_iter()
            .map(|name| aio::spawn(name, consumer(queue.clone())))
            .collect();
        for item in ["a", "b", "c", "d", "e"] {
            queue.put(item).await; // waits while the queue is full
            aio::say(format!("put {item}, {} waiting", queue.qsize()));
        }
        queue.join().await; // until every item has had its task_done
        aio::say("all done");
        for task in &consumers {
            task.cancel();
        }
    });
}
// ANCHOR_END: main
