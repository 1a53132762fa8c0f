//! Chapter 8's exercises, each run under every schedule: one `mod <id>` per exercise.
use ch08_many_threads::every_order;

mod which_orders {
    use super::every_order;
    use ch08_many_threads::which_orders::{PREDICTION, program};

    #[test]
    fn prediction() {
        harness::exercise!("which_orders").check_orders_prediction(
            "which_orders",
            PREDICTION,
            |t| every_order(t, program),
        );
    }
}

mod lost_update {
    use super::every_order;
    use ch08_many_threads::lost_update::program;

    #[test]
    fn ends_at_two_on_every_schedule() {
        harness::exercise!("lost_update").check_orders("lost_update", |t| every_order(t, program));
    }
}

mod half_a_frame {
    use super::every_order;
    use ch08_many_threads::half_a_frame::program;

    #[test]
    fn every_frame_arrives_whole() {
        harness::exercise!("half_a_frame")
            .check_orders("half_a_frame", |t| every_order(t, program));
    }
}

mod hand_off {
    use super::every_order;
    use ch08_many_threads::hand_off::program;

    #[test]
    fn each_asker_gets_its_answer() {
        harness::exercise!("hand_off").check_orders("hand_off", |t| every_order(t, program));
    }
}

mod left_running {
    use super::every_order;
    use ch08_many_threads::left_running::program;

    #[test]
    fn all_stopped_comes_last() {
        harness::exercise!("left_running")
            .check_orders("left_running", |t| every_order(t, program));
    }
}
