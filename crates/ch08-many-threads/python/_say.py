"""Chapter 8's twins say their lines from several threads: one whole line
at a time, so that two threads never mix their text on one line."""

import sys
import threading

_one_at_a_time = threading.Lock()


def say(line):
    with _one_at_a_time:
        sys.stdout.write(f"{line}\n")
        sys.stdout.flush()
