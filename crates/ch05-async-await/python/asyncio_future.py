import asyncio

from _trace import TICK, run, say


def show(log):
    return f"[{', '.join(log)}]"


# ANCHOR: note
def note(log, what):
    """A done callback: it notes `what` and the result."""
    return lambda fut: log.append(f"{what} {fut.result()}")
# ANCHOR_END: note


# ANCHOR: tasks
async def waiter(fut, log):
    say("waits")
    value = await fut
    say(f"got {value}, log: {show(log)}")


async def setter(fut, log):
    await asyncio.sleep(1 * TICK)
    fut.set_result(42)
    say(f"set 42, log: {show(log)}")
# ANCHOR_END: tasks


# ANCHOR: main
async def main():
    fut = asyncio.get_running_loop().create_future()
    log = []
    fut.add_done_callback(note(log, "first"))
    asyncio.create_task(waiter(fut, log), name="A")
    asyncio.create_task(setter(fut, log), name="B")
    if not fut.done():
        say("not done yet")
    await asyncio.sleep(0)  # A starts waiting
    fut.add_done_callback(note(log, "second"))
    await asyncio.sleep(2 * TICK)
    value = await fut
    say(f"got {value}, log: {show(log)}")


run(main)
# ANCHOR_END: main
