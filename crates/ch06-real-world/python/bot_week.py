import asyncio

from _trace import TICK, run, say
from _world import Inbox


# ANCHOR: bot
async def daily_maintenance(days):
    for day in range(1, days + 1):
        say(f'maintenance, day {day}')
        await asyncio.sleep(24 * TICK)


async def answer_messages(inbox):
    async for message in inbox:
        say(f'answered "{message}"')
# ANCHOR_END: bot


# ANCHOR: main
WEEK = [
    (1, "hi"),
    (9, "what's new?"),
    (26, "help"),
    (48, "are you there?"),
    (75, "thanks"),
    (100, "ping"),
    (121, "status?"),
    (150, "bye"),
]


async def main():
    maintenance = asyncio.create_task(daily_maintenance(7), name='maintenance')
    answers = asyncio.create_task(answer_messages(Inbox(WEEK)), name='answers')
    await maintenance
    await answers
    say('a week has gone by')


run(main)
# ANCHOR_END: main
