# ANCHOR: generator
def greetings():
    yield 'Hello'
    yield 'Bonjour'
    yield 'Hola'
# ANCHOR_END: generator

# ANCHOR: by_hand
class Greetings:
    """Where the generator would be paused, kept by hand."""

    def __init__(self):
        self.state = 'not started'

    def __iter__(self):
        return self

    def __next__(self):
        if self.state == 'not started':
            self.state = 'said hello'
            return 'Hello'
        if self.state == 'said hello':
            self.state = 'said bonjour'
            return 'Bonjour'
        if self.state == 'said bonjour':
            self.state = 'said hola'
            return 'Hola'
        raise StopIteration
# ANCHOR_END: by_hand

# ANCHOR: main
for word in greetings():
    print(f'generator: {word}')
for word in Greetings():
    print(f'by hand: {word}')
# ANCHOR_END: main
