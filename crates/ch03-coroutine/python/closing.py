# ANCHOR: printer
def printer():
    print('printer: started')
    try:
        while True:
            line = yield
            print(f'printer: {line}')
    finally:
        print('printer: cleanup')
# ANCHOR_END: printer


# ANCHOR: main
p = printer()
next(p)
p.send('hello')
p.close()
print('main: closed p')

q = printer()
next(q)
q.send('bye')
del q  # CPython frees it at once, and closing it runs `finally`
print('main: dropped q')
# ANCHOR_END: main
