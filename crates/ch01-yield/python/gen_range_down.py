# The spec of exercise `gen_range`: Python's range(start, stop, step),
# written with yield.
# ANCHOR: gen_range
def gen_range(start, stop, step):
    n = start
    while (step > 0 and n < stop) or (step < 0 and n > stop):
        yield n
        n += step
# ANCHOR_END: gen_range

for start, stop, step in [(5, 0, -1), (10, 0, -3), (0, 5, -1), (-1, -4, -1)]:
    print(f'gen_range({start}, {stop}, {step}) -> {list(gen_range(start, stop, step))}')
