"""Writing workbooks in a process of their own, at a lower priority than the bot.

Writing a whole zone's workbook is seconds of pure Python. In a worker thread it still holds
the interpreter's lock most of that time, and measured with 20 people walking a form, wijkbot
then answered a third as many updates a second; a process shares no lock, and its lower
priority lets the bot's own work go first when the cores are busy. One process is started on
the first workbook and kept for the next; workbooks wait for each other in it.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor

from dialogs.wijk.export_book import Book
from dialogs.wijk.export_files import xlsx

NICENESS = 10  # added to the bot's: a busy core serves the bot first


def _lower_priority() -> None:
    if hasattr(os, "nice"):
        os.nice(NICENESS)


class WorkbookWriter:
    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._starting = threading.Lock()  # workbooks are asked for from worker threads

    def xlsx(self, book: Book) -> bytes:
        """The workbook of `book`; blocks the calling (worker) thread until it is written."""
        with self._starting:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    # A fresh interpreter: forking a process with running threads is unsafe.
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_lower_priority,
                )
            pool = self._pool
        return pool.submit(xlsx, book).result()

    def close(self) -> None:
        with self._starting:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
                self._pool = None
