//! Exercise `who_takes_which` (predict). Page: "A pool of workers" (pool.md).
//!
//! Read `program` without running it and write in `PREDICTION` the lines
//! it says, in order, one string a line, each as the trace shows it:
//! time, `[task]`, text (`"0 [w1] takes /a"`; extra spaces do not
//! matter). Leave the program as it is: the test checks that it still
//! says what it said when the exercise was written. `get` on a queue
//! that has an item returns it at once, without giving way.
//!
//! You may use: the page's rules for a queue; write only `PREDICTION`.
use trace::Trace;

/// How long each URL keeps a worker busy.
fn ticks(url: &str) -> u64 {
    match url {
        "/a" => 2,
        "/d" => 3,
        _ => 1,
    }
}

async fn worker(queue: aio::Queue<&'static str>) {
    loop {
        let url = queue.get().await;
        aio::say(format!("takes {url}"));
        aio::sleep(ticks(url)).await;
        queue.task_done();
    }
}

pub fn program(t: &Trace) {
    aio::run(t, async {
        let queue = aio::Queue::new(0);
        let workers: Vec<aio::Task<()>> = ["w1", "w2"]
            .into_iter()
            .map(|name| aio::spawn(name, worker(queue.clone())))
            .collect();
        for url in ["/a", "/b", "/c"] {
            queue.put_nowait(url).expect("no limit");
        }
        aio::sleep(1).await;
        for url in ["/d", "/e"] {
            queue.put_nowait(url).expect("no limit");
        }
        aio::say("put /d and /e");
        queue.join().await;
        aio::say("all taken");
        for task in &workers {
            task.cancel();
        }
    });
}

pub const PREDICTION: &[&str] = &[
    "0 [w1] takes /a",
    "0 [w2] takes /b",
    "1 [main] put /d and /e",
    "1 [w2] takes /c",
    "2 [w1] takes /d",
    "2 [w2] takes /e",
    "5 [main] all taken",
];
