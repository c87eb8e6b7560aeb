"""Years of work spread over processes: documents parsed, extracts written.

That work is Python (PDF layout and tables, workbook XML, charts), which holds the GIL, so
threads would not overlap it; a process per core does. The workers are spawned, not forked: a
fork of a process running polars' and DuckDB's thread pools can deadlock in the child. Each
spawned worker imports what it runs (0.3 s for the parsers or the extracts), so a few items
stay in this process, where the result is the same.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

Result = TypeVar("Result")

# Below this many items the workers' start costs more than they save (measured on the sample:
# a year of extracts or of documents takes 0.3-0.4 s).
AT_LEAST = 4


def worker_count(items: int) -> int:
    """Processes for `items` items: one per core this process may use, at most one per item."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(items, cores)


def in_processes(function: Callable[..., Result], *iterables: Iterable[object]) -> Iterator[Result]:
    """`map(function, *iterables)`, in order, over worker processes when there are AT_LEAST
    items and more than one core (as with map, the shortest iterable ends it: `repeat(x)` is
    fine). `function` and the items must pickle (module-level functions, plain data, polars
    frames); an exception in a worker is raised here, at its item."""
    rows = list(zip(*iterables, strict=False))
    workers = worker_count(len(rows))
    if len(rows) < AT_LEAST or workers < 2:
        yield from (function(*row) for row in rows)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        with _main_left_alone():  # map submits every item: the workers start in here
            results = pool.map(function, *zip(*rows, strict=True))
        yield from results


@contextmanager
def _main_left_alone() -> Iterator[None]:
    """Spawned workers run the parent's main module again (multiprocessing's way to find what
    it defines), which would run `tcw run`, a test session or a script calling `build()` in
    every worker. The workers run only this project's modules: while they start, they see
    an empty main module."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main
