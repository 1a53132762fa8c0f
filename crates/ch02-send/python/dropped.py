# priming.md: Python's twin of src/demos/dropped.rs. The first value sent to
# a just-started generator: genawaiter drops it without a word, Python
# refuses it with a TypeError.


# The generator is `echo` from echo.py.
def echo():
    print('echo: started')
    received = yield 'ready'
    while received is not None:
        print(f'echo: received {received}')
        received = yield received.upper()
    print('echo: finished')


# ANCHOR: main
g = echo()
# No priming: the first value sent is 'hi'.
for word in ['hi', 'bye']:
    print(f'main: sending {word}')
    try:
        reply = g.send(word)
    except TypeError:
        # "can't send non-None value to a just-started generator".
        # genawaiter would drop 'hi' and start the body; do that by hand.
        reply = g.send(None)
    print(f'main: got {reply}')
# ANCHOR_END: main
