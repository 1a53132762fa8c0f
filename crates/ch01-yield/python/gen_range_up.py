import sys

# The spec of exercise `gen_range`: Python's range(start, stop, step),
# written with yield.
# ANCHOR: gen_range
def gen_range(start, stop, step):
    n = start
    while (step > 0 and n < stop) or (step < 0 and n > stop):
        yield n
        n += step
# ANCHOR_END: gen_range

for start, stop, step in [(0, 5, 1), (1, 10, 3), (2, 3, 5), (5, 0, 1), (4, 4, 1)]:
    print(f'gen_range({start}, {stop}, {step}) -> {list(gen_range(start, stop, step))}')

# One number at a time: the first three of a range too long to make.
first = [n for _, n in zip(range(3), gen_range(0, sys.maxsize, 1))]
print(f'gen_range(0, i64::MAX, 1), the first 3 -> {first}')
