import asyncio

from _trace import TICK, run, say


# ANCHOR: main
async def consumer(queue):
    while True:
        item = await queue.get()
        say(f'got {item}')
        await asyncio.sleep(2 * TICK)  # work on it
        say(f'done with {item}')
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    consumers = [asyncio.create_task(consumer(queue), name=name)
                 for name in ['c1', 'c2']]
    for item in ['a', 'b', 'c', 'd', 'e']:
        await queue.put(item)  # waits while the queue is full
        say(f'put {item}, {queue.qsize()} waiting')
    await queue.join()  # until every item has had its task_done
    say('all done')
    for task in consumers:
        task.cancel()


run(main)
# ANCHOR_END: main
