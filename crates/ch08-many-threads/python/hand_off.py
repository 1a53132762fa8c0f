"""A worker coroutine on the event loop owns the work; two threads hand it
jobs with asyncio.run_coroutine_threadsafe, and each waits for its answer
on the future that call gives back."""

import asyncio
import threading

from _say import say


# ANCHOR: program
async def worker(jobs):
    while (job := await jobs.get()) is not None:
        n, reply = job
        say(f"doubles {n}")
        reply.set_result(n * 2)


async def ask(jobs, n):
    reply = asyncio.get_running_loop().create_future()
    await jobs.put((n, reply))
    return await reply


def asker(loop, jobs, n):
    # From a thread: the coroutine runs on the loop, the thread waits.
    answer = asyncio.run_coroutine_threadsafe(ask(jobs, n), loop).result()
    say(f"{n} -> {answer}")


async def main():
    loop = asyncio.get_running_loop()
    jobs = asyncio.Queue()
    serving = asyncio.create_task(worker(jobs))
    threads = [threading.Thread(target=asker, args=(loop, jobs, n)) for n in [1, 2]]
    for thread in threads:
        thread.start()
    # Join the threads off the loop, which must keep running meanwhile.
    await asyncio.to_thread(lambda: [thread.join() for thread in threads])
    await jobs.put(None)  # no more jobs: the worker's loop ends
    await serving
    say("done")
# ANCHOR_END: program


asyncio.run(main())
