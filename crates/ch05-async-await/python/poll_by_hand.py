import types


# ANCHOR: pause
@types.coroutine
def pause():
    """A bare yield, as in sleep(0)."""
    yield
# ANCHOR_END: pause


# ANCHOR: steps
async def steps():
    print('step 1')
    await pause()
    print('step 2')
    await pause()
    print('step 3')
    return 42
# ANCHOR_END: steps


# ANCHOR: main
coroutine = steps()  # runs none of it
n = 1
while True:
    try:
        coroutine.send(None)  # poll
        print(f'poll {n}: Pending')
    except StopIteration as stop:
        print(f'poll {n}: Ready({stop.value})')
        break
    n += 1
# ANCHOR_END: main
