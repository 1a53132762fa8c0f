# Imported by the round-robin programs; not a program itself.
from collections import deque


# ANCHOR: run_all
def run_all(tasks):
    ready = deque(tasks)
    while ready:
        task = ready.popleft()
        try:
            next(task)
        except StopIteration:
            continue  # finished: it leaves the line
        ready.append(task)  # yielded: back of the line
# ANCHOR_END: run_all
