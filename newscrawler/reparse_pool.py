"""Ordered map of a chunk function over worker processes, for `reparse --jobs N`."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# prctl(2) option: the signal this process gets when its parent ends.
PR_SET_PDEATHSIG = 1
# Items per task: enough that a task's pickling and queueing is small beside its parsing
# (~3 ms a full-chrome page), few enough that a stopped run waits only briefly for its workers.
CHUNK_SIZE = 32
# Tasks in flight per worker: keeps every worker busy while the parent writes, and bounds the
# parent's memory however many captures there are (Executor.map would submit them all).
TASKS_PER_JOB = 4


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ordered_map(
    function: Callable[[list[Item]], list[Result]], items: Iterable[Item], jobs: int
) -> Iterator[Result]:
    """`function` over chunks of `items`, results in the order of `items`.

    One job runs in this process; more run in a `ProcessPoolExecutor`, with a bounded window
    of chunks in flight. A worker that dies raises `BrokenProcessPool` here.
    """
    chunks = chunked(items, CHUNK_SIZE)
    if jobs == 1:
        for chunk in chunks:
            yield from function(chunk)
        return
    pool = ProcessPoolExecutor(jobs, initializer=worker_setup, initargs=(os.getpid(),))
    try:
        window: deque[Future[list[Result]]] = deque()
        for chunk in chunks:
            window.append(pool.submit(function, chunk))
            if len(window) >= jobs * TASKS_PER_JOB:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    finally:
        # On Ctrl-C, an error or an abandoned iteration, queued chunks are dropped; running
        # ones finish (a chunk is short) so that no worker is killed mid-write to a pipe.
        pool.shutdown(wait=True, cancel_futures=True)


def worker_setup(parent: int) -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides how the run ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    end_with_the_parent(parent)


def end_with_the_parent(parent: int) -> None:
    """Ask Linux to end this worker when its parent dies: a worker waiting for tasks from a
    parent killed by `kill -9` would otherwise wait forever."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    # The parent may have died before the request was made.
    if os.getppid() != parent:
        os._exit(1)
