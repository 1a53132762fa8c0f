"""Two threads, two lines each, and the main thread waits for both: one of
the six orders of the Rust demo, whichever the threads happen to take."""

import threading

from _say import say


# ANCHOR: program
def two_lines(name):
    say(f"{name}1")
    say(f"{name}2")


def main():
    a = threading.Thread(target=two_lines, args=("a",))
    b = threading.Thread(target=two_lines, args=("b",))
    a.start()
    b.start()
    a.join()
    b.join()
    say("done")
# ANCHOR_END: program


main()
