from _scheduler import run_all


# ANCHOR: worker
def worker(name, steps):
    for step in range(1, steps + 1):
        print(f'{name}: step {step}')
        yield
    print(f'{name}: done')
# ANCHOR_END: worker


# ANCHOR: main
run_all([worker('A', 2), worker('B', 3), worker('C', 1)])
print('main: all done')
# ANCHOR_END: main
