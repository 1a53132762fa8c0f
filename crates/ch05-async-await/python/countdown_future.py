import asyncio

from _trace import run, say


# ANCHOR: countdown
class Countdown:
    def __init__(self, start):
        self.next = start

    def __await__(self):
        while self.next > 0:
            say(f'countdown: {self.next}')
            self.next -= 1
            yield  # a bare yield: "poll me again after the others"
        say('countdown: liftoff')
        return 'liftoff'
# ANCHOR_END: countdown


# ANCHOR: main
async def ticker():
    for tick in range(1, 4):
        say(f'tick {tick}')
        await asyncio.sleep(0)


async def main():
    ticks = asyncio.create_task(ticker(), name='ticker')
    result = await Countdown(3)
    say(f'got {result}')
    await ticks


run(main)
# ANCHOR_END: main
