# ANCHOR: greetings
def greetings():
    yield 'Hello'
    yield 'Bonjour'
    yield 'Hola'
# ANCHOR_END: greetings

# ANCHOR: main
for word in greetings():
    print(word)
# ANCHOR_END: main
