use std::rc::Rc;

// ANCHOR: program
async fn program(t: trace::Trace) {
    let count = Rc::new(0);
    let task = many::spawn(async move {
        many::say(&t, format!("count is {count}")).await;
    });
    task.await.unwrap();
}
// ANCHOR_END: program
