# ANCHOR: greetings
def greetings():
    print('greetings: started')
    yield 'Hello'
    yield 'Bonjour'
    yield 'Hola'
# ANCHOR_END: greetings

# ANCHOR: main
print('main: calling greetings()')
words = greetings()
print('main: got a generator; greetings has said nothing yet')
for word in words:
    print(f'main: {word}')
# ANCHOR_END: main
