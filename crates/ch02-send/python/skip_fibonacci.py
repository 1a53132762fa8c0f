# The spec of exercise `skip_fibonacci`: what its Rust version must yield.
# ANCHOR: fibonacci
def fibonacci():
    a, b = 0, 1
    while True:
        skip = yield a
        for _ in range((skip or 0) + 1):
            a, b = b, a + b
# ANCHOR_END: fibonacci

# ANCHOR: main
g = fibonacci()
print(f'sent 0, got {next(g)}')
for skip in [0, 0, 3, 0, 10, 0]:
    print(f'sent {skip}, got {g.send(skip)}')
# ANCHOR_END: main
