//! Exercise `shared_balance` (fix). Page: "Sharing state between tasks" (sharing.md).
//!
//! Two payments are made from one account at the same time, each by a
//! task of its own. `pay` should take the amount off only if the balance
//! covers it, and refuse it otherwise: from 100, the rent (60) is paid,
//! the food (50) is then refused, and 40 are left. Yet both are paid, and
//! 50 are left. Find out why and repair it.
//!
//! You may use: `aio::Lock`, `Lock::new()`, `lock.lock().await` (a guard
//! that releases the lock when dropped).
use std::cell::Cell;
use std::rc::Rc;

use trace::Trace;

/// One account, shared by the tasks that pay from it.
struct Account {
    balance: Cell<u64>,
}

impl Account {
    fn new(balance: u64) -> Rc<Account> {
        Rc::new(Account {
            balance: Cell::new(balance),
        })
    }
}

/// Take `amount` off the account, unless the balance does not cover it.
async fn pay(account: &Account, amount: u64) {
    let balance = account.balance.get();
    aio::say(format!("balance {balance}, pays {amount}"));
    if balance < amount {
        aio::say("refused");
        return;
    }
    aio::sleep(1).await; // the bank approves the payment
    account.balance.set(balance - amount);
    aio::say(format!("paid {amount}, balance {}", balance - amount));
}

pub fn program(t: &Trace) {
    aio::run(t, async {
        let account = Account::new(100);
        // Each task gets a clone of the `Rc`: the same account.
        let payments: Vec<aio::Task<()>> = [("rent", 60), ("food", 50)]
            .into_iter()
            .map(|(name, amount)| {
                let account = account.clone();
                aio::spawn(name, async move { pay(&account, amount).await })
            })
            .collect();
        aio::gather(&payments).await;
        aio::say(format!("left: {}", account.balance.get()));
    });
}
