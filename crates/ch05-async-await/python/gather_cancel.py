import asyncio

from _trace import TICK, run, say


# ANCHOR: upload
async def upload(ticks):
    try:
        say('starts')
        await asyncio.sleep(ticks * TICK)
        say('done')
    except asyncio.CancelledError:
        say('cancelled')
        raise


async def wait_for_all(tasks):
    await asyncio.gather(*tasks)


async def wait_shielded(task):
    await asyncio.shield(task)
# ANCHOR_END: upload


# ANCHOR: main
async def main():
    photos = asyncio.create_task(upload(3), name='photos')
    notes = asyncio.create_task(upload(1), name='notes')
    journal = asyncio.create_task(upload(4), name='journal')
    gathers = asyncio.create_task(wait_for_all([photos, notes]), name='G')
    shields = asyncio.create_task(wait_shielded(journal), name='S')
    await asyncio.sleep(2 * TICK)
    say('cancels G and S')
    gathers.cancel()
    shields.cancel()
    for task in [gathers, shields]:
        try:
            await task
        except asyncio.CancelledError:
            say(f'{task.get_name()} was cancelled')
    await journal
    say('the journal is uploaded all the same')


run(main)
# ANCHOR_END: main
