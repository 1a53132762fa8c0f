# streams.md: Python's twin of src/demos/async_gen_methods.rs. An async
# generator driven with asend, athrow and aclose, whose clean-up awaits;
# then an async comprehension. All of it runs in main's task.
import asyncio

from _trace import TICK, run, say


# ANCHOR: running_total
async def running_total():
    """Yields the total so far; asend(n) adds n (after a tick), athrow sets
    it back to 0, aclose saves it, which takes a tick."""
    total = 0
    try:
        while True:
            try:
                value = yield total
            except ValueError as error:
                say(f'{error} thrown in: total back to 0')
                total = 0
                continue
            await asyncio.sleep(1 * TICK)
            total += value
            say(f'adds {value}: {total}')
    finally:  # aclose() raises GeneratorExit at the yield
        say('closing: saves the total')
        await asyncio.sleep(1 * TICK)
        say(f'saved {total}')
# ANCHOR_END: running_total


# ANCHOR: squares
async def squares(to):
    """0, 1, 4, … (`to` of them), one a tick."""
    for i in range(to):
        await asyncio.sleep(1 * TICK)
        yield i * i
# ANCHOR_END: squares


# ANCHOR: main
async def main():
    totals = running_total()
    say(f'started: {await totals.asend(None)}')
    say(f'asend(5) gives {await totals.asend(5)}')
    say(f'asend(3) gives {await totals.asend(3)}')
    say(f'athrow gives {await totals.athrow(ValueError("reset"))}')
    say(f'asend(4) gives {await totals.asend(4)}')
    await totals.aclose()
    say('closed')

    evens = [n async for n in squares(5) if n % 2 == 0]
    say(f'even squares: {evens}')


run(main)
# ANCHOR_END: main
