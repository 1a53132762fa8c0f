import asyncio

from _trace import TICK, run, say


# ANCHOR: job
async def job(ticks):
    await asyncio.sleep(ticks * TICK)
    say('done')
    return ticks


def start_jobs():
    return [asyncio.create_task(job(ticks), name=name)
            for name, ticks in [('A', 3), ('B', 1), ('C', 2)]]
# ANCHOR_END: job


def names(tasks):
    return ' '.join(sorted(task.get_name() for task in tasks))


# ANCHOR: main
async def main():
    tasks = start_jobs()
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    say(f'wait: {names(done)} done, {names(pending)} pending')
    results = await asyncio.gather(*tasks)
    say(f'gather: {results}')


run(main)
# ANCHOR_END: main
