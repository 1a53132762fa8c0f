from _coroutine import coroutine


# ANCHOR: grep
@coroutine
def grep(pattern, target):
    while True:
        line = yield
        if pattern in line:
            target.send(line)
# ANCHOR_END: grep


@coroutine
def printer(name):
    while True:
        value = yield
        print(f'{name}: {value}')


# ANCHOR: main
lines = [
    'yield makes a generator',
    'send makes a coroutine',
    'a loop runs coroutines',
    'await is yield from',
]
head = grep('coroutine', printer('printer'))
for line in lines:
    print(f'source: {line}')
    head.send(line)
# ANCHOR_END: main
