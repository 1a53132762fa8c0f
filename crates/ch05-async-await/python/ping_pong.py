import asyncio

from _trace import run, say


# ANCHOR: player
async def player(word):
    for _ in range(3):
        say(word)
        await asyncio.sleep(0)
# ANCHOR_END: player


# ANCHOR: main
async def main():
    a = asyncio.create_task(player("ping"), name="A")
    b = asyncio.create_task(player("pong"), name="B")
    await a
    await b


run(main)
# ANCHOR_END: main
