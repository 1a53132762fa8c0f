# ANCHOR: launches
def countdown(start):
    for n in range(start, 0, -1):
        yield str(n)
    return f'liftoff from {start}'


def launches(counts):
    for count in counts:
        result = yield from countdown(count)
        yield result
# ANCHOR_END: launches


# ANCHOR: main
for line in launches([3, 1]):
    print(line)
# ANCHOR_END: main
