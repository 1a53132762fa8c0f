# The spec of exercise `send_hello`: what its Rust version must yield.
# ANCHOR: hello
def hello():
    name = 'world'
    while True:
        received = yield f'Hello, {name}'
        if received is None:
            return
        name = received
# ANCHOR_END: hello

# ANCHOR: main
g = hello()
for sent in [None, 'Reuven', 'Linux Journal', None]:
    print(f'sent {sent}')
    try:
        print(g.send(sent))
    except StopIteration:
        print('finished')
        break
# ANCHOR_END: main
