# The spec of exercise `running_average`: what its Rust version must yield.
# ANCHOR: averager
def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count
# ANCHOR_END: averager

# ANCHOR: main
g = averager()
print(f'primed: {next(g)}')
for n in [10.0, 15.0, 60.0, 10.0, 0.0]:
    print(f'sent {n:.1f}, average {g.send(n):.1f}')
# ANCHOR_END: main
