# ANCHOR: hello
def hello(name):
    greetings = []
    for i in range(3):
        print(f'hello: making greeting {i}')
        greetings.append(f'[{i}] Hello, {name}')
    return greetings
# ANCHOR_END: hello

# ANCHOR: main
for greeting in hello('Reuven'):
    print(f'loop: {greeting}')
# ANCHOR_END: main
