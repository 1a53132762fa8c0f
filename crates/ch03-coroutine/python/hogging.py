from _scheduler import run_all


# ANCHOR: tasks
def polite(name, steps):
    for step in range(1, steps + 1):
        print(f'{name}: step {step}')
        yield
    print(f'{name}: done')


def hog():
    for chunk in range(1, 4):
        print(f'hog: chunk {chunk}')
    print('hog: done')
    yield  # a generator all the same, but it yields only at the end
# ANCHOR_END: tasks


# ANCHOR: main
run_all([polite('A', 2), hog(), polite('B', 2)])
# ANCHOR_END: main
