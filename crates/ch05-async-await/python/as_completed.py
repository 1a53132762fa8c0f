import asyncio

from _trace import TICK, run, say


async def job(ticks):
    await asyncio.sleep(ticks * TICK)
    say('done')
    return ticks


def start_jobs():
    return [asyncio.create_task(job(ticks), name=name)
            for name, ticks in [('A', 3), ('B', 1), ('C', 2)]]


# ANCHOR: main
async def main():
    for next_done in asyncio.as_completed(start_jobs()):
        ticks = await next_done
        say(f'got {ticks}')


run(main)
# ANCHOR_END: main
