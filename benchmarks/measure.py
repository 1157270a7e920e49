"""Run one command in its own process and measure its wall time and peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measure:
    seconds: float
    peak_rss_mb: float
    # User + system CPU time: steadier than wall time on a machine shared with other work.
    cpu_seconds: float = 0.0
    # Peak of the whole process tree's memory (sum of PSS, sampled), when asked for.
    tree_peak_mb: float | None = None


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            return [int(child) for child in handle.read().split()]
    except OSError:
        return []


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss_kib(pid: int) -> int:
    """The memory a process and all its descendants use together, in KiB: the sum
    of their proportional set sizes (a page shared by n processes counts 1/n in
    each), so pages a forked process shares with its parent count once."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _pss_kib(current)
        todo.extend(_children(current))
    return total


class TreeSampler(threading.Thread):
    """Samples `tree_pss_kib(pid)` every `interval` seconds until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.01) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_kib = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak_kib = max(self.peak_kib, tree_pss_kib(self.pid))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def tree_memory_supported() -> bool:
    """Linux with /proc/<pid>/smaps_rollup and task children lists."""
    me = os.getpid()
    return os.path.exists(f"/proc/{me}/smaps_rollup") and os.path.exists(f"/proc/{me}/task/{me}/children")


class CommandFailed(RuntimeError):
    """A measured command exited with an error; carries the end of its output."""


def run_measured(args: list[str], *, cwd: Path | str | None = None, env: dict | None = None,
                 timeout: float = 1800, tree: bool = False) -> Measure:
    """Run `args` and return its wall time and peak resident memory.

    os.wait4 gives the rusage of this one child (and the descendants it waited
    for), so each measure is per command, unlike RUSAGE_CHILDREN which keeps
    the maximum over every child so far. ru_maxrss is in KiB on Linux: the
    largest single process. `tree`: also sample the whole process tree's
    memory (`tree_peak_mb`); the sampling costs CPU, so such a run is not timed.
    """
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                   stdout=log, stderr=subprocess.STDOUT)
        sampler = TreeSampler(process.pid) if tree else None
        if sampler is not None:
            sampler.start()
        # Block in wait4 (no polling on a busy machine); a timer kills a hung build.
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
            if sampler is not None:
                sampler.stop()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace")[-3000:]
            raise CommandFailed(f"échec ({process.returncode}) de {' '.join(map(str, args))}\n{tail}")
    return Measure(seconds=seconds, peak_rss_mb=usage.ru_maxrss / 1024,
                   cpu_seconds=usage.ru_utime + usage.ru_stime,
                   tree_peak_mb=sampler.peak_kib / 1024 if sampler is not None else None)


def summarise(measures: list[Measure]) -> dict:
    """Medians of several rounds, with every round kept for the record."""
    return {
        "seconds": statistics.median(m.seconds for m in measures),
        "cpu_seconds": statistics.median(m.cpu_seconds for m in measures),
        "peak_rss_mb": statistics.median(m.peak_rss_mb for m in measures),
        "rounds": [{"seconds": round(m.seconds, 4), "cpu_seconds": round(m.cpu_seconds, 4),
                    "peak_rss_mb": round(m.peak_rss_mb, 1)} for m in measures],
    }
