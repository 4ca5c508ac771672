"""The export made in a process of its own, at a lower priority than the bot.

A whole zone's export is seconds of pure Python: reading 150,000 rows and writing the
workbook. In the bot's process, even in a worker thread, that holds the interpreter's lock:
measured with 20 people walking a form, wijkbot then answered a third as many updates a
second. The process reads through a read-only connection of its own (WAL lets it, beside the
bot's writer), puts the rows into words and writes the workbook; its lower priority lets the
bot's own work go first when the cores are busy. It is started on the first export and kept
for the next; exports wait for each other in it.

The priority is lowered by the bot the moment the process exists, not by the process itself:
a fresh interpreter spends a second or more of CPU importing the bot's modules before it runs
any code of ours, and at the bot's own priority that took the cores from the bot (measured
with both cores busy: the p99 of 20 people's updates in the seconds after the start went from
0.9 s to 1.5 s; lowered at once, 0.8 s).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.context import SpawnContext, SpawnProcess
from pathlib import Path

import locales
from dialogs.engine.replies import File, Message, Reply
from dialogs.engine.texts import Texts
from dialogs.sectorscan.problem_list import Problems
from dialogs.wijk.export_book import book, collect
from dialogs.wijk.export_files import xlsx
from storage.analysis import Scope, Span
from storage.db import read_only

NICENESS = 10  # added to the bot's: a busy core serves the bot first


@dataclass(frozen=True, slots=True)
class ExportOrder:
    """Everything the export process needs, as plain data that travels to it."""

    database: Path
    span: Span | None
    scope: Scope
    language: str  # of the person's texts, with their locale and time zone
    catalogs: Path  # where the catalogs are read from, as the bot reads them
    locale: str
    timezone: str
    problems: Problems
    options: dict[str, str]
    name: str  # of the file
    caption: str
    edit: bool  # the counts replace the message whose button was pressed


def made_apart(order: ExportOrder) -> list[Reply]:
    """In the export process: the message with the counts, and the workbook."""
    return asyncio.run(_made(order))


async def _made(order: ExportOrder) -> list[Reply]:
    async with read_only(order.database) as conn:
        data = await collect(conn, order.span, order.scope)
    if order.catalogs != locales.FOLDER:  # a fresh interpreter starts from the default
        locales.FOLDER = order.catalogs
        locales.translations.cache_clear()
    texts = Texts(locales.translations(order.language), order.locale, order.timezone)
    counts = texts.t(
        "export.made",
        scans=texts.plain_n("count.scans", len(data.scans)),
        meetings=texts.plain_n("count.meetings", len(data.meetings)),
        concerns=texts.plain_n("count.concerns", len(data.concerns)),
        actions=texts.plain_n("count.actions", len(data.actions)),
    )
    workbook = xlsx(book(data, texts, order.problems, order.options))
    return [Message(counts, edit=order.edit), File(workbook, order.name, order.caption)]


def lower_priority(pid: int) -> None:
    """The process `pid` at NICENESS below the calling thread, where priorities exist."""
    if not hasattr(os, "setpriority"):
        return
    with contextlib.suppress(ProcessLookupError):  # gone already: nothing left to slow down
        os.setpriority(os.PRIO_PROCESS, pid, os.getpriority(os.PRIO_PROCESS, 0) + NICENESS)


class LowProcess(SpawnProcess):
    """A fresh interpreter (forking a process with running threads is unsafe) at a lower
    priority from its start, its imports included."""

    def start(self) -> None:
        super().start()
        assert self.pid is not None  # started
        lower_priority(self.pid)


class LowContext(SpawnContext):
    Process = LowProcess


class ExportProcess:
    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._starting = threading.Lock()  # exports are asked for from worker threads

    def made(self, order: ExportOrder) -> list[Reply]:
        """The export's replies; blocks the calling (worker) thread until they are made."""
        with self._starting:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=LowContext())
            pool = self._pool
        try:
            return pool.submit(made_apart, order).result()
        except BrokenProcessPool:
            # The process died (killed, out of memory): this export fails, the next one
            # starts a new process.
            with self._starting:
                if self._pool is pool:
                    self._pool = None
            raise

    def close(self) -> None:
        with self._starting:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
                self._pool = None
