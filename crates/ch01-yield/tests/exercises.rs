mod hello {
    use ch01_yield::hello::hello;

    #[test]
    fn five_greetings() {
        harness::exercise!("hello").check("hello", |t| {
            for line in hello("Reuven") {
                t.say(line);
            }
        });
    }
}
