# ANCHOR: delegation
def countdown(start):
    print(f'countdown: from {start}')
    for n in range(start, 0, -1):
        yield n
    return 'liftoff'


def launch():
    print('launch: before the countdown')
    result = yield from countdown(3)
    print(f'launch: countdown returned {result}')
    yield 0
# ANCHOR_END: delegation


# ANCHOR: main
for n in launch():
    print(f'main: got {n}')
# ANCHOR_END: main
