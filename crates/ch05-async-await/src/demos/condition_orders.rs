//! sharing.md: a `Condition`. Cooks wait, holding the kitchen's lock, for
//! an order; each order wakes one of them.
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use aio::Condition;
use trace::Trace;

type Orders = Rc<RefCell<VecDeque<&'static str>>>;

// ANCHOR: cook
async fn cook(kitchen: Condition, orders: Orders) {
    let guard = kitchen.lock().await;
    aio::say("waits for an order");
    let _guard = kitchen
        .wait_for(guard, || !orders.borrow().is_empty())
        .await;
    let order = orders.borrow_mut().pop_front().expect("wait_for saw one");
    aio::say(format!("cooks {order}"));
}
// ANCHOR_END: cook

// ANCHOR: main
pub fn main(t: &Trace) {
    aio::run(t, async {
        let kitchen = Condition::new();
        let orders = Orders::default();
        for name in ["Ann", "Bob"] {
            aio::spawn(name, cook(kitchen.clone(), orders.clone()));
        }
        for order in ["soup", "pie"] {
            aio::sleep(1).await;
            let _guard = kitchen.lock().await;
            orders.borrow_mut().push_back(order);
            aio::say(format!("order: {order}"));
            kitchen.notify(1);
        }
        aio::sleep(1).await;
    });
}
// ANCHOR_END: main
