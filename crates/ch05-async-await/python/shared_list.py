import asyncio

from _trace import TICK, run, say


# ANCHOR: main
async def main():
    lines = []  # every task holds a reference to this one list
    tasks = []
    for name, ticks in [('A', 3), ('B', 1), ('C', 2)]:
        async def push(name=name, ticks=ticks):
            await asyncio.sleep(ticks * TICK)
            lines.append(f'{name} after {ticks}')
            say('pushed')
        tasks.append(asyncio.create_task(push(), name=name))
    await asyncio.gather(*tasks)
    say(', '.join(lines))


run(main)
# ANCHOR_END: main
