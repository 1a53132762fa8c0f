//! A "predict" exercise: the learner writes, line by line, what a given
//! program will say. A wrong prediction is not answered with the diff,
//! which would give the answer away: the message says how far the
//! prediction is right and quotes the first line that is not.

/// `Ok` when `predicted` says what `expected` (the answer key) holds, or
/// why not. Only the words count: `0 [main] hi` predicts `  0 [main] hi`,
/// whose padding just lines the times up in a column. An answer key that
/// is a set of orders (chapter 8) takes a prediction of the whole set
/// ([`crate::orders::judge_prediction`]).
pub fn judge(expected: &str, predicted: &[&str]) -> Result<(), String> {
    if crate::orders::is_orders(expected) {
        return crate::orders::judge_prediction(expected, predicted);
    }
    let expected: Vec<&str> = expected.lines().collect();
    let predicted: Vec<&str> = predicted.iter().map(|line| line.trim_end()).collect();
    let right = expected
        .iter()
        .zip(&predicted)
        .take_while(|(e, p)| e.split_whitespace().eq(p.split_whitespace()))
        .count();
    if right == expected.len() && right == predicted.len() {
        return Ok(());
    }
    Err(if predicted.is_empty() {
        format!(
            "PREDICTION is empty. Read the program, then write the {} lines you expect it to say, in order.",
            expected.len()
        )
    } else if right == predicted.len() {
        format!(
            "your prediction is right as far as it goes ({right} line(s)), but the program says {} lines. What comes next?",
            expected.len()
        )
    } else if right == expected.len() {
        format!(
            "the program says {right} line(s), and your prediction has all of them right, then {} more. Where does it stop, and why?",
            predicted.len() - right
        )
    } else {
        format!(
            "your first {right} line(s) are right; line {} is where the program and your prediction part:\n    you wrote: {:?}\nWhich code runs at that moment? Follow the program one resume at a time.",
            right + 1,
            predicted[right]
        )
    })
}

/// What to say when a "predict" exercise's program no longer says what
/// its answer key holds: the learner changed the program, not only the
/// prediction.
pub fn program_changed(file: &str, id: &str) -> String {
    format!(
        "the program in {file} no longer says what it said when the exercise was written: it was changed.\n\
         Put it back as it was: `cargo wb reset {id}` restores the whole file and keeps yours as a backup \
         (`cargo wb reset --list {id}` shows where, to copy your PREDICTION back). Then change PREDICTION only."
    )
}

#[cfg(test)]
mod tests {
    use super::judge;

    const KEY: &str = "  0 [main] a\n  1 [main] b\n";

    #[test]
    fn padding_does_not_count_and_words_do() {
        assert_eq!(judge(KEY, &["0 [main] a", "1 [main]   b "]), Ok(()));
        let wrong = judge(KEY, &["0 [main] a", "1 [main] c"]).unwrap_err();
        assert!(wrong.contains("line 2 is where"), "{wrong}");
        assert!(!wrong.contains("[main] b"), "the answer leaked: {wrong}");
        assert!(judge(KEY, &[]).unwrap_err().contains("PREDICTION is empty"));
        assert!(
            judge(KEY, &["0 [main] a"])
                .unwrap_err()
                .contains("What comes next")
        );
        let long = judge(KEY, &["0 [main] a", "1 [main] b", "x"]).unwrap_err();
        assert!(long.contains("then 1 more"), "{long}");
    }
}
