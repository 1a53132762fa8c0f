from itertools import islice

# ANCHOR: count_from
def count_from(start):
    n = start
    while True:
        yield n
        n += 1
# ANCHOR_END: count_from

# ANCHOR: main
for n in islice(count_from(10), 3):
    print(f'take: {n}')
for n in count_from(10):
    if n > 12:
        break
    print(f'break: {n}')
# ANCHOR_END: main
