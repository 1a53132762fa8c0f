from _coroutine import coroutine


# ANCHOR: broadcast
@coroutine
def broadcast(targets):
    while True:
        value = yield
        for target in targets:
            target.send(value)
# ANCHOR_END: broadcast


@coroutine
def printer(name):
    while True:
        value = yield
        print(f'{name}: {value}')


# ANCHOR: main
head = broadcast([
    printer('left'),
    broadcast([printer('middle'), printer('right')]),
])
for word in ['one', 'two']:
    print(f'source: {word}')
    head.send(word)
# ANCHOR_END: main
