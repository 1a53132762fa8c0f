//! One module per exercise, named by its id; `workbook.toml` lists these
//! tests by their full names (`grep::passes_matching_lines`). Each module
//! uses only its own exercise's file, and the chapter's shared pieces.

/// A sink for the pipeline tests: says every value it is sent.
fn printer<'a, T: std::fmt::Display + Default + 'a>(
    t: &'a trace::Trace,
    name: &'static str,
) -> ch03_coroutine::Coroutine<'a, T> {
    ch03_coroutine::coroutine(move |co| async move {
        loop {
            let value = co.yield_(()).await;
            t.say(format!("{name}: {value}"));
        }
    })
}

mod grep {
    use super::printer;
    use ch03_coroutine::grep::grep;

    #[test]
    fn passes_matching_lines() {
        harness::exercise!("grep").check("grep", |t| {
            let lines = [
                "yield makes a generator",
                "send makes a coroutine",
                "a loop runs coroutines",
                "await is yield from",
            ];
            let mut head = grep("coroutine", printer(t, "printer"));
            for line in lines {
                t.say(format!("source: {line}"));
                head.resume_with(line.to_string());
            }
        });
    }
}

mod handoff_order {
    use ch03_coroutine::handoff_order::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("handoff_order").check_prediction("handoff_order", PREDICTION, program);
    }
}

mod broadcast {
    use super::printer;
    use ch03_coroutine::broadcast::broadcast;

    #[test]
    fn sends_to_every_target_in_order() {
        harness::exercise!("broadcast").check("broadcast", |t| {
            let mut head = broadcast(vec![
                printer(t, "left"),
                broadcast(vec![printer(t, "middle"), printer(t, "right")]),
            ]);
            for word in ["one", "two"] {
                t.say(format!("source: {word}"));
                head.resume_with(word);
            }
        });
    }
}

mod launches {
    use ch03_coroutine::launches::launches;

    #[test]
    fn delegates_to_countdown() {
        harness::exercise!("launches").check("launches", |t| {
            for line in launches(vec![3, 1]) {
                t.say(line);
            }
        });
    }
}

mod forgot_await {
    use ch03_coroutine::forgot_await::launch;

    #[test]
    fn counts_down_between_ignition_and_liftoff() {
        harness::exercise!("forgot_await").check("forgot_await", |t| {
            for n in launch(t) {
                t.say(format!("main: got {n}"));
            }
        });
    }
}

mod writer {
    use ch03_coroutine::Command::{Close, Send, Throw};
    use ch03_coroutine::writer::writer;
    use genawaiter::GeneratorState::Complete;

    #[test]
    fn obeys_send_throw_and_close() {
        harness::exercise!("writer").check("writer", |t| {
            let mut w = writer(t);
            w.resume_with(Send("first"));
            w.resume_with(Throw("bad input".to_string()));
            w.resume_with(Send("second"));
            if let Complete(()) = w.resume_with(Close) {
                t.say("main: the writer has finished");
            }
        });
    }
}

mod cleanup_order {
    use ch03_coroutine::cleanup_order::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("cleanup_order").check_prediction("cleanup_order", PREDICTION, program);
    }
}

mod round_robin {
    use ch03_coroutine::round_robin::run_all;
    use ch03_coroutine::{Task, task};
    use trace::Trace;

    fn worker<'a>(t: &'a Trace, name: &'static str, steps: u32) -> Task<'a> {
        task(move |co| async move {
            for step in 1..=steps {
                t.say(format!("{name}: step {step}"));
                co.yield_(()).await;
            }
            t.say(format!("{name}: done"));
        })
    }

    #[test]
    fn tasks_take_turns() {
        harness::exercise!("round_robin").check("round_robin", |t| {
            run_all(vec![
                worker(t, "A", 2),
                worker(t, "B", 3),
                worker(t, "C", 1),
            ]);
            t.say("main: all done");
        });
    }
}

mod hog {
    use ch03_coroutine::hog::program;

    #[test]
    fn ticker_and_compressor_take_turns() {
        harness::exercise!("hog").check("hog", program);
    }
}
