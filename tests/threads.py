"""Run work in real threads that all start at the same instant; collect what they raised."""
from __future__ import annotations

import threading
from collections.abc import Callable


def simultaneously(count: int, work: Callable[[int], object]) -> list[str]:
    """Call work(0) … work(count - 1) in `count` threads released together by a barrier;
    return the repr of every exception raised (an empty list when all succeeded)."""
    start, errors = threading.Barrier(count), []

    def run(number: int) -> None:
        start.wait()
        try:
            work(number)
        except Exception as exc:  # collected: the caller asserts the list is empty
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
