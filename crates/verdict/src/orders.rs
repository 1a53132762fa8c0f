//! Chapter 8's checks: not one order, but the set of orders a program may
//! print when its tasks can run in any order a multi-threaded runtime
//! allows.
//!
//! A scheduler that tries every schedule (`crates/many`) runs the program
//! once per schedule and gives an [`Explored`]: each distinct order of
//! lines, with the first schedule that printed it. [`render`] writes the
//! set as text, so that it is compared, snapshotted and recorded like any
//! trace:
//!
//! ```text
//! 2 possible orders
//! order 1:
//!   A locks
//!   A unlocks
//!   B locks
//!   B unlocks
//! order 2:
//!   B locks
//!   ...
//! ```
//!
//! The orders are sorted, so two programs that can print the same orders
//! render the same text whatever schedules they took to get there. When
//! the sets differ, [`explain`] shows a learner an order that should not
//! happen with the schedule that printed it, step by step, and its diff
//! against the nearest order that may; a "predict" exercise's answer is a
//! set of orders too ([`judge_prediction`]).

use std::collections::BTreeSet;

use crate::diff::{diff, marked};

/// What running a program under every schedule (or the first `bound` of
/// them) found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Explored {
    /// Each distinct order, sorted by its lines.
    pub orders: Vec<Order>,
    /// How many schedules ran.
    pub schedules: usize,
    /// Every schedule ran: the bound was not reached.
    pub complete: bool,
}

/// One order of lines, and the first schedule that printed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Order {
    pub lines: Vec<String>,
    pub schedule: Vec<Step>,
    /// Where each task of that schedule was spawned (`task 1`, `file:line`).
    pub spawned: Vec<(String, String)>,
    /// How many of the schedules printed this order.
    pub times: usize,
}

/// One turn of a schedule: which task ran, and what it said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Step {
    pub task: String,
    pub said: Vec<String>,
}

/// A schedule shows at most this many turns: enough for any exercise's.
const MOST_TURNS_SHOWN: usize = 80;

/// How the scheduler's own failures begin (a program it cannot explore):
/// the harness shows them as they are, not as a panic of the program's.
pub const CHECK_STOPPED: &str = "the check could not try every schedule";

/// The line an order ends with when every task waits and none can wake
/// the others (a real runtime would hang there): `many` says it, and a
/// failure explains it.
pub const STUCK: &str = "(stuck: every task is waiting, and none of them can wake another)";

/// The first line of a set of orders: how the judge knows one.
const HEADER_END: &str = " possible orders";
const HEADER_END_ONE: &str = " possible order";
/// The header of a set the scheduler did not finish.
const CUT_SHORT: &str = ", in the first ";

/// The set, as text: a header, then each order, its lines indented.
pub fn render(explored: &Explored) -> String {
    let count = explored.orders.len();
    let noun = if count == 1 { "order" } else { "orders" };
    let mut out = format!("{count} possible {noun}");
    if !explored.complete {
        out.push_str(&format!(
            "{CUT_SHORT}{} schedules (there are more)",
            explored.schedules
        ));
    }
    out.push('\n');
    for (n, order) in explored.orders.iter().enumerate() {
        out.push_str(&format!("order {}:\n", n + 1));
        for line in &order.lines {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}

/// Whether `text` (an answer key, or what a program said) is a set of orders.
pub fn is_orders(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    let head = first.split(',').next().unwrap_or("");
    (head.ends_with(HEADER_END) || head.ends_with(HEADER_END_ONE))
        && head
            .split(' ')
            .next()
            .is_some_and(|n| n.parse::<usize>().is_ok())
}

/// The orders in a rendered set, each as its lines.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let mut orders: Vec<Vec<String>> = Vec::new();
    for line in text.lines().skip(1) {
        if let Some(said) = line.strip_prefix("  ") {
            if let Some(order) = orders.last_mut() {
                order.push(said.to_string());
            }
        } else if line.starts_with("order ") {
            orders.push(Vec::new());
        }
    }
    orders
}

/// A schedule as a learner reads it: one line a turn, the task on the
/// left, and what it said. Turns in a row of one task are one turn here;
/// a turn that said nothing still shows who ran. Then where each task was
/// spawned, so that `task 2` can be found in the file.
pub fn render_schedule(order: &Order) -> String {
    let mut turns: Vec<(&str, Vec<&str>)> = Vec::new();
    for step in &order.schedule {
        match turns.last_mut() {
            Some((task, said)) if *task == step.task => {
                said.extend(step.said.iter().map(String::as_str))
            }
            _ => turns.push((&step.task, step.said.iter().map(String::as_str).collect())),
        }
    }
    let width = turns.iter().map(|(task, _)| task.len()).max().unwrap_or(0);
    let mut out = String::new();
    let more = turns.len().saturating_sub(MOST_TURNS_SHOWN);
    for (task, said) in turns.into_iter().take(MOST_TURNS_SHOWN) {
        if said.is_empty() {
            out.push_str(&format!("    {task:<width$}  (runs, says nothing)\n"));
        }
        for (n, line) in said.iter().enumerate() {
            let task = if n == 0 { task } else { "" };
            out.push_str(&format!("    {task:<width$}  {line}\n"));
        }
    }
    if more > 0 {
        out.push_str(&format!("    … and {more} more turns\n"));
    }
    let spawned: Vec<String> = order
        .spawned
        .iter()
        .map(|(task, at)| format!("{task} at {}", manifest::learner_path(at)))
        .collect();
    if !spawned.is_empty() {
        out.push_str(&format!("    (spawned: {})\n", spawned.join("; ")));
    }
    out
}

/// Why a program's set of orders (`actual`, with `schedules[i]` the
/// rendered schedule of its order `i + 1`) is not the answer key's
/// (`expected`): an order that should not happen, with its schedule and
/// its diff against the nearest order that may; or the orders it never
/// prints.
pub fn explain(expected: &str, actual: &str, schedules: &[String], ran: usize) -> String {
    if !is_orders(actual) {
        return diff(expected, actual);
    }
    let wanted = parse(expected);
    let got = parse(actual);
    let allowed: BTreeSet<&Vec<String>> = wanted.iter().collect();
    let printed: BTreeSet<&Vec<String>> = got.iter().collect();
    let ran = match ran {
        1 => "the one schedule the check ran".to_string(),
        n => format!("the {n} schedules the check ran"),
    };
    let mut out = String::new();
    if actual.lines().next().is_some_and(|h| h.contains(CUT_SHORT)) {
        out.push_str(
            "The check stopped before it had tried every schedule: your program has far more \
             places where a task can wait (each `.await`) than it needs.\n",
        );
    }
    let wrong: Vec<(usize, &Vec<String>)> = got
        .iter()
        .enumerate()
        .filter(|(_, order)| !allowed.contains(order))
        .collect();
    if let Some(&(n, order)) = wrong.first() {
        let (not, one) = match wrong.len() {
            1 => ("1 is not".to_string(), "it is"),
            n => (format!("{n} are not"), "is one"),
        };
        out.push_str(&format!(
            "Of the {} order(s) your program can print (on {ran}), {not} among the {} the \
             answer allows. Here {one}, with the schedule that printed it: the tasks' turns (one \
             task's turns in a row as one), and the lines said in each.\n",
            got.len(),
            wanted.len()
        ));
        out.push_str(schedules.get(n).map_or("", String::as_str));
        if let Some(rule) = broken_rule(&wanted, order) {
            out.push_str(&rule);
            out.push('\n');
        }
        if let Some(nearest) = nearest(&wanted, order) {
            out.push_str("Against the nearest order the answer allows (- that order, + yours):\n");
            let shown = marked(&nearest.join("\n"), &order.join("\n"));
            out.push_str(shown.trim_start_matches('\n'));
        }
    } else if let Some(missing) = wanted.iter().find(|o| !printed.contains(o)) {
        let count = wanted.iter().filter(|o| !printed.contains(o)).count();
        let never = if count == 1 {
            "never happens"
        } else {
            "never happen"
        };
        out.push_str(&format!(
            "Your program can print {} order(s) of its lines (on {ran}), each one the answer \
             allows; but the answer allows {}, and {count} of them {never}, such as:\n",
            got.len(),
            wanted.len()
        ));
        for line in missing {
            out.push_str(&format!("    {line}\n"));
        }
        out.push_str(
            "Work done one piece after the other (a task awaited before the next one starts, \
             two channels read one after the other) cannot take turns: did the fix take away \
             the concurrency along with the bug?",
        );
    }
    out.trim_end().to_string()
}

/// What an order that should not happen breaks, in one sentence: it
/// ends stuck (and no allowed order does); a line no allowed order has;
/// two lines the other way round from every allowed order; a line every
/// allowed order has. Lines said more than once are left out of the
/// third, where "before" would not be clear.
fn broken_rule(allowed: &[Vec<String>], wrong: &[String]) -> Option<String> {
    let stuck_too = |o: &Vec<String>| o.last().is_some_and(|l| l == STUCK);
    if wrong.last().is_some_and(|l| l == STUCK) && !allowed.iter().any(stuck_too) {
        return Some(
            "On this schedule the program gets stuck: every task waits for something that only \
             another waiting task could do, so none of them can go on (a real runtime would \
             hang here, for ever). The schedule shows the last turn each task had: what is \
             each one waiting for, and who was meant to give it?"
                .to_string(),
        );
    }
    if let Some(line) = wrong
        .iter()
        .find(|l| !allowed.iter().any(|o| o.contains(l)))
    {
        return Some(format!("No order the answer allows has the line `{line}`."));
    }
    let once = |order: &[String], line: &String| order.iter().filter(|l| *l == line).count() <= 1;
    let at = |order: &[String], line: &String| order.iter().position(|l| l == line);
    for (j, later) in wrong.iter().enumerate() {
        for earlier in &wrong[..j] {
            if !once(wrong, earlier) || !once(wrong, later) {
                continue;
            }
            let mut both = allowed
                .iter()
                .filter_map(|o| Some((o, at(o, earlier)?, at(o, later)?)))
                .peekable();
            let has_both = both.peek().is_some();
            let always_the_other_way =
                both.all(|(o, e, l)| l < e && once(o, earlier) && once(o, later));
            if has_both && always_the_other_way {
                return Some(format!(
                    "In every order the answer allows, `{later}` comes before `{earlier}`; here \
                     `{earlier}` came first."
                ));
            }
        }
    }
    let everywhere = allowed
        .first()?
        .iter()
        .find(|line| allowed.iter().all(|o| o.contains(line)) && !wrong.contains(line));
    everywhere.map(|line| {
        format!("Every order the answer allows has the line `{line}`; this one does not.")
    })
}

/// The allowed order that keeps most of `wrong`'s lines in their order
/// (the longest common subsequence), so that the diff moves few lines;
/// of those, the one that starts like it.
fn nearest<'a>(allowed: &'a [Vec<String>], wrong: &[String]) -> Option<&'a Vec<String>> {
    // `max_by_key` keeps the last of equals: reversed, the first wins.
    allowed.iter().rev().max_by_key(|order| {
        let same_start = order.iter().zip(wrong).take_while(|(a, b)| a == b).count();
        (kept_in_order(order, wrong), same_start)
    })
}

/// How many lines of `a` appear in `b` in the same order.
fn kept_in_order(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0; b.len() + 1];
    for line in a {
        let mut diagonal = 0;
        for (j, other) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if line == other {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// A "predict" exercise of chapter 8: the learner lists every order the
/// program can print, one string an order, its lines separated by spaces
/// (each line is one word). The message never names an order the learner
/// did not write.
pub fn judge_prediction(expected: &str, predicted: &[&str]) -> Result<(), String> {
    let wanted: BTreeSet<Vec<String>> = parse(expected)
        .into_iter()
        .map(|order| order.iter().flat_map(|l| words(l)).collect())
        .collect();
    let words_of = |order: &str| words(order).collect::<Vec<String>>();
    if predicted.is_empty() {
        return Err(
            "PREDICTION is empty. Write each order the program can print as one string, \
             its lines separated by spaces, in the order they are said: \
             `\"first second third\"`."
                .to_string(),
        );
    }
    let length = wanted.iter().next().map_or(0, Vec::len);
    let mut seen = BTreeSet::new();
    for order in predicted {
        let order_words = words_of(order);
        if !seen.insert(order_words.clone()) {
            return Err(format!("you listed {order:?} twice: list each order once."));
        }
        if order_words.len() != length {
            return Err(format!(
                "{order:?} has {} line(s), but every run of the program says {length}.",
                order_words.len()
            ));
        }
        if !wanted.contains(&order_words) {
            return Err(format!(
                "{order:?} cannot happen: no schedule prints it. Which line must come before \
                 which? Look for what one task waits for (a message, a join) that another \
                 sends."
            ));
        }
    }
    // How many are left is not said: counting them is half the exercise.
    if seen.len() == wanted.len() {
        Ok(())
    } else {
        Err(
            "every order you listed can happen, but the program can print more. Between \
             two lines of one task, any other task that is ready may run: which ways for \
             them to take turns are not on your list?"
                .to_string(),
        )
    }
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(lines: &[&str], steps: &[(&str, &[&str])]) -> Order {
        Order {
            spawned: Vec::new(),
            lines: lines.iter().map(|l| l.to_string()).collect(),
            schedule: steps
                .iter()
                .map(|(task, said)| Step {
                    task: task.to_string(),
                    said: said.iter().map(|l| l.to_string()).collect(),
                })
                .collect(),
            times: 1,
        }
    }

    fn set(orders: Vec<Order>) -> Explored {
        Explored {
            schedules: orders.len(),
            orders,
            complete: true,
        }
    }

    #[test]
    fn a_set_renders_and_parses_back() {
        let explored = set(vec![order(&["a", "b"], &[]), order(&["b", "a"], &[])]);
        let text = render(&explored);
        assert_eq!(
            text,
            "2 possible orders\norder 1:\n  a\n  b\norder 2:\n  b\n  a\n"
        );
        assert!(is_orders(&text));
        assert!(!is_orders("  0 [main] 2 possible orders"));
        assert_eq!(parse(&text), vec![vec!["a", "b"], vec!["b", "a"]]);
        let cut = Explored {
            complete: false,
            ..explored
        };
        assert!(is_orders(&render(&cut)));
    }

    #[test]
    fn an_order_that_should_not_happen_is_shown_with_its_schedule() {
        let expected = render(&set(vec![order(
            &["A reads 0", "A writes 1", "B reads 1"],
            &[],
        )]));
        let racy = order(
            &["A reads 0", "B reads 0", "A writes 1"],
            &[
                ("task 1", &["A reads 0"]),
                ("task 2", &["B reads 0"]),
                ("task 1", &["A writes 1"]),
            ],
        );
        let actual = set(vec![racy.clone()]);
        let schedules = vec![render_schedule(&racy)];
        let why = explain(&expected, &render(&actual), &schedules, 6);
        assert!(
            why.contains("(on the 6 schedules the check ran), 1 is not among"),
            "{why}"
        );
        assert!(
            why.contains("No order the answer allows has the line `B reads 0`."),
            "{why}"
        );
        assert!(why.contains("    task 2  B reads 0\n"), "{why}");
        assert!(why.contains("+ B reads 0"), "{why}");
        assert!(!why.contains("The order of events differs"), "{why}");
    }

    #[test]
    fn the_rule_an_order_breaks_is_named() {
        let allowed = |orders: &[&[&str]]| -> Vec<Vec<String>> {
            orders
                .iter()
                .map(|o| o.iter().map(|l| l.to_string()).collect())
                .collect()
        };
        let lines = |o: &[&str]| -> Vec<String> { o.iter().map(|l| l.to_string()).collect() };
        let key = allowed(&[&["d1", "a1", "d2", "a2"], &["d1", "d2", "a1", "a2"]]);
        assert_eq!(
            broken_rule(&key, &lines(&["a1", "d1", "d2", "a2"])).unwrap(),
            "In every order the answer allows, `d1` comes before `a1`; here `a1` came first."
        );
        assert_eq!(
            broken_rule(&key, &lines(&["d1", "a1", "d2"])).unwrap(),
            "Every order the answer allows has the line `a2`; this one does not."
        );
        let stuck = broken_rule(&key, &lines(&["d1", "a1", STUCK])).unwrap();
        assert!(
            stuck.starts_with("On this schedule the program gets stuck"),
            "{stuck}"
        );
        // A line said twice is no line to be "before".
        let ticks = allowed(&[&["t", "f", "t"], &["f", "t", "t"]]);
        assert_eq!(broken_rule(&ticks, &lines(&["t", "t", "f"])), None);
    }

    #[test]
    fn orders_that_never_happen_are_named() {
        let both = set(vec![order(&["a", "b"], &[]), order(&["b", "a"], &[])]);
        let one = set(vec![order(&["a", "b"], &[])]);
        let why = explain(&render(&both), &render(&one), &[String::new()], 1);
        assert!(
            why.contains("and 1 of them never happens, such as"),
            "{why}"
        );
        assert!(why.contains("    b\n    a\n"), "{why}");
    }

    #[test]
    fn a_prediction_is_a_set_and_never_gets_the_answer() {
        let key = render(&set(vec![
            order(&["a1", "b1"], &[]),
            order(&["b1", "a1"], &[]),
        ]));
        assert_eq!(judge_prediction(&key, &["b1 a1", "a1  b1"]), Ok(()));
        let empty = judge_prediction(&key, &[]).unwrap_err();
        assert!(
            empty.contains("PREDICTION is empty") && !empty.contains('2'),
            "{empty}"
        );
        let short = judge_prediction(&key, &["a1 b1"]).unwrap_err();
        assert!(
            short.contains("can print more") && !short.contains("b1 a1"),
            "{short}"
        );
        assert!(!short.contains('2') && !short.contains('1'), "{short}");
        assert!(
            judge_prediction(&key, &["a1 a1"])
                .unwrap_err()
                .contains("cannot happen")
        );
        assert!(
            judge_prediction(&key, &["a1 b1", "a1 b1"])
                .unwrap_err()
                .contains("twice")
        );
        assert!(
            judge_prediction(&key, &["a1"])
                .unwrap_err()
                .contains("says 2")
        );
    }
}
