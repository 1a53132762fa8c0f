import asyncio

from _trace import TICK, run, say


# ANCHOR: fetch
async def fetch(name, ticks):
    try:
        say('requesting')
        await asyncio.sleep(ticks * TICK)
        say('answered')
        return f'the file, from {name}'
    except asyncio.CancelledError:
        say('request cancelled')
        raise
# ANCHOR_END: fetch


# ANCHOR: fastest
async def fastest(mirrors):
    tasks = [asyncio.create_task(fetch(name, ticks), name=name)
             for name, ticks in mirrors]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in tasks:  # in the order they started: a set has none
        if task in pending:
            task.cancel()
    winner = done.pop()
    say(f'using {winner.get_name()}')
    return await winner
# ANCHOR_END: fastest


# ANCHOR: main
async def main():
    answer = await fastest([('east', 3), ('west', 1), ('north', 2)])
    say(f'got {answer}')


run(main)
# ANCHOR_END: main
