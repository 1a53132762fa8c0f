//! One module per exercise, named by its id; `workbook.toml` lists these
//! tests by their full names (`send_hello::greets_who_it_is_sent`). Each
//! module uses only its own exercise's file.

mod send_hello {
    use ch02_send::send_hello::hello;
    use genawaiter::GeneratorState::{Complete, Yielded};

    #[test]
    fn greets_who_it_is_sent() {
        harness::exercise!("send_hello").check("send_hello", |t| {
            let mut g = hello();
            let sends = [None, Some("Reuven"), Some("Linux Journal"), None];
            for sent in sends {
                t.say(format!("sent {}", sent.unwrap_or("None")));
                match g.resume_with(sent.map(String::from)) {
                    Yielded(greeting) => t.say(greeting),
                    Complete(()) => {
                        t.say("finished");
                        break;
                    }
                }
            }
        });
    }
}

mod who_sends_when {
    use ch02_send::who_sends_when::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("who_sends_when").check_prediction(
            "who_sends_when",
            PREDICTION,
            program,
        );
    }
}

mod priming {
    use ch02_send::priming::greet_all;

    #[test]
    fn greets_every_name() {
        // Sent before priming, Ann is dropped without a word: say so.
        let unprimed = harness::explain::sent_before_priming("Hello, world", "Ann");
        harness::exercise!("priming").check_explained("priming", unprimed, |t| {
            greet_all(t, &["Ann", "Bob", "Chen"]);
        });
    }
}

mod skip_fibonacci {
    use ch02_send::skip_fibonacci::fibonacci;
    use genawaiter::GeneratorState::{Complete, Yielded};

    #[test]
    fn skips_ahead() {
        harness::exercise!("skip_fibonacci").check("skip_fibonacci", |t| {
            let mut g = fibonacci();
            // The first value is dropped: it only starts the generator.
            for skip in [0, 0, 0, 3, 0, 10, 0] {
                match g.resume_with(skip) {
                    Yielded(n) => t.say(format!("sent {skip}, got {n}")),
                    Complete(()) => {
                        t.say("finished");
                        break;
                    }
                }
            }
        });
    }
}

mod running_average {
    use ch02_send::running_average::averager;
    use genawaiter::GeneratorState::{Complete, Yielded};

    #[test]
    fn averages_so_far() {
        harness::exercise!("running_average").check("running_average", |t| {
            let mut g = averager();
            match g.resume_with(0.0) {
                Yielded(first) => t.say(format!("primed: {first:?}")),
                Complete(()) => t.say("finished"),
            }
            for n in [10.0, 15.0, 60.0, 10.0, 0.0] {
                match g.resume_with(n) {
                    Yielded(Some(average)) => t.say(format!("sent {n:.1}, average {average:.1}")),
                    Yielded(None) => t.say(format!("sent {n:.1}, average None")),
                    Complete(()) => t.say("finished"),
                }
            }
        });
    }
}

mod final_value {
    use ch02_send::final_value::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("final_value").check_prediction("final_value", PREDICTION, program);
    }
}

mod forgot_to_stop {
    use ch02_send::forgot_to_stop::fill;

    #[test]
    fn stops_when_full() {
        harness::exercise!("forgot_to_stop").check("forgot_to_stop", |t| {
            fill(t, &["apple", "bread", "cheese", "dates", "eggs"]);
        });
    }
}
