# ANCHOR: writer
def writer():
    lines = 0
    try:
        while True:
            try:
                line = yield
            except ValueError as error:
                print(f'writer: skipped ({error})')
            else:
                print(f'writer: {line}')
                lines += 1
    finally:
        print(f'writer: closed after {lines} lines')
# ANCHOR_END: writer


# ANCHOR: main
w = writer()
next(w)
w.send('first')
w.throw(ValueError('bad input'))
w.send('second')
w.close()
print('main: the writer has finished')
# ANCHOR_END: main
