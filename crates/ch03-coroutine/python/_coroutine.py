# Imported by the pipeline programs; not a program itself.
# ANCHOR: coroutine
def coroutine(func):
    """Make the generator and prime it, so the first send is received."""
    def start(*args):
        generator = func(*args)
        next(generator)
        return generator
    return start
# ANCHOR_END: coroutine
