import asyncio

from _trace import run, say


class Counter:
    value = 0


# ANCHOR: visit
async def count_visits(counter, visits):
    for _ in range(visits):
        seen = counter.value
        say(f'reads {seen}')
        await asyncio.sleep(0)  # a call to the database, say
        counter.value = seen + 1
        say(f'writes {seen + 1}')
# ANCHOR_END: visit


# ANCHOR: main
async def main():
    counter = Counter()
    a = asyncio.create_task(count_visits(counter, 2), name='A')
    b = asyncio.create_task(count_visits(counter, 2), name='B')
    await asyncio.gather(a, b)
    say(f'visits counted: {counter.value}, visits made: 4')


run(main)
# ANCHOR_END: main
