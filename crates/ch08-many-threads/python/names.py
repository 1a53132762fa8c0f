"""Two threads add their names to one list under a lock, and the main
thread says the list once both are done."""

import threading

from _say import say


# ANCHOR: program
def main():
    names = []
    lock = threading.Lock()

    def add(name):
        with lock:  # held for the one change, as in the Rust
            names.append(name)

    threads = [threading.Thread(target=add, args=(name,)) for name in ["A", "B"]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    say(f"names: {', '.join(names)}")
# ANCHOR_END: program


main()
