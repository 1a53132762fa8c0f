# ANCHOR: echo
def echo():
    print('echo: started')
    received = yield 'ready'
    while received is not None:
        print(f'echo: received {received}')
        received = yield received.upper()
    print('echo: finished')
# ANCHOR_END: echo

# ANCHOR: main
g = echo()
first = next(g)
print(f'main: next gave {first}')
for word in ['hi', 'bye']:
    reply = g.send(word)
    print(f'main: send gave {reply}')
try:
    g.send(None)
except StopIteration:
    print('main: the generator finished')
# ANCHOR_END: main
