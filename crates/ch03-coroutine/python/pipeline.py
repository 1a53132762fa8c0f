from _coroutine import coroutine


# ANCHOR: stages
@coroutine
def evens(target):
    while True:
        n = yield
        if n % 2 == 0:
            print(f'evens: passing {n}')
            target.send(n)
        else:
            print(f'evens: dropping {n}')


@coroutine
def square(target):
    while True:
        n = yield
        print(f'square: {n} -> {n * n}')
        target.send(n * n)


@coroutine
def printer():
    while True:
        n = yield
        print(f'printer: {n}')
# ANCHOR_END: stages


# ANCHOR: main
pipeline = evens(square(printer()))
for n in range(1, 5):
    print(f'source: sending {n}')
    pipeline.send(n)
print('source: done')
# ANCHOR_END: main
