def greetings():
    yield 'Hello'
    yield 'Bonjour'
    yield 'Hola'

# ANCHOR: next
words = greetings()
for _ in range(4):
    try:
        word = next(words)
        print(f'next gave {word}')
    except StopIteration:
        print('next gave nothing: the generator is finished')
# ANCHOR_END: next

# ANCHOR: for_loop
# What `for word in greetings(): …` does:
words = iter(greetings())
while True:
    try:
        word = next(words)
    except StopIteration:
        break
    print(f'loop got {word}')
print('loop ended')
# ANCHOR_END: for_loop
