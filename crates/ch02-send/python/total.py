# ANCHOR: total
def total():
    sum = 0
    while (n := (yield)) is not None:
        sum += n
    return sum
# ANCHOR_END: total

# ANCHOR: main
g = total()
next(g)  # prime: runs to the first yield
for n in [3, 4, 5]:
    g.send(n)
    print(f'main: sent {n}')
try:
    g.send(None)
    print('main: still running?')
except StopIteration as stop:
    print(f'main: total is {stop.value}')
# ANCHOR_END: main
