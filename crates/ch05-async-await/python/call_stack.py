import asyncio
import inspect

from _trace import TICK, run, say


# ANCHOR: say_stack
def say_stack():
    """Say the coroutines of this file now on the call stack."""
    names = [
        f.function
        for f in reversed(inspect.stack(0))
        if f.filename == __file__
        and f.frame.f_code.co_flags & inspect.CO_COROUTINE
    ]
    say(f"stack: {' > '.join(names)}")
# ANCHOR_END: say_stack


# ANCHOR: chain
async def outer():
    await middle()


async def middle():
    await inner()


async def inner():
    say_stack()
    await asyncio.sleep(1 * TICK)
    say_stack()


async def other():
    await inner()
# ANCHOR_END: chain


# ANCHOR: main
async def main():
    a = asyncio.create_task(outer(), name="A")
    b = asyncio.create_task(other(), name="B")
    await a
    await b


run(main)
# ANCHOR_END: main
