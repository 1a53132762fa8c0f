# The spec of exercise `hello`: what its Rust version must yield.
# ANCHOR: hello
def hello(name):
    for i in range(5):
        yield f'[{i}] Hello, {name}'
# ANCHOR_END: hello

# ANCHOR: main
for line in hello('Reuven'):
    print(line)
# ANCHOR_END: main
