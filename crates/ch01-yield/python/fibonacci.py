# The spec of exercise `fibonacci`: what its Rust version must yield.
from itertools import islice

# ANCHOR: fibonacci
def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
# ANCHOR_END: fibonacci

# ANCHOR: main
for n in islice(fibonacci(), 10):
    print(n)
# ANCHOR_END: main
