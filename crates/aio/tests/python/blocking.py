"""A blocking call in a task: `time.sleep` holds up the whole loop. While
W sleeps, nobody else runs: the heartbeat falls silent, and its beat due
at 1 comes late, after W gives way. (Rust: `aio::block(5)`.)

Modelled, as in Rust: on `_trace`'s virtual clock a real `time.sleep`
would take no time, so the call is `block(5)`, which is what
`time.sleep(5 * TICK)` does to the loop: the clock moves on 5 ticks while
the task holds the loop, and nothing else runs meanwhile. asyncio's own
scheduler then fires the overdue timer, late."""
import asyncio

from _trace import TICK, block, run, say


async def heartbeat(beats):
    for _ in range(beats):
        say("beat")
        await asyncio.sleep(1 * TICK)


async def worker():
    say("blocks for 5 ticks")
    block(5)  # time.sleep(5 * TICK)
    say("unblocked")


async def main():
    h = asyncio.create_task(heartbeat(4), name="H")
    w = asyncio.create_task(worker(), name="W")
    await w
    await h


run(main)
