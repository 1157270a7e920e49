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


class CommandFailed(RuntimeError):
    """A measured command exited with an error; carries the end of its output."""


def run_measured(args: list[str], *, cwd: Path | str | None = None, env: dict | None = None,
                 timeout: float = 1800) -> Measure:
    """Run `args` and return its wall time and peak resident memory.

    os.wait4 gives the rusage of this one child (and the descendants it waited
    for), so each measure is per command, unlike RUSAGE_CHILDREN which keeps
    the maximum over every child so far. ru_maxrss is in KiB on Linux.
    """
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                   stdout=log, stderr=subprocess.STDOUT)
        # Block in wait4 (no polling on a busy machine); a timer kills a hung build.
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace")[-3000:]
            raise CommandFailed(f"échec ({process.returncode}) de {' '.join(map(str, args))}\n{tail}")
    return Measure(seconds=seconds, peak_rss_mb=usage.ru_maxrss / 1024,
                   cpu_seconds=usage.ru_utime + usage.ru_stime)


def summarise(measures: list[Measure]) -> dict:
    """Medians of several rounds, with every round kept for the record."""
    return {
        "seconds": statistics.median(m.seconds for m in measures),
        "cpu_seconds": statistics.median(m.cpu_seconds for m in measures),
        "peak_rss_mb": statistics.median(m.peak_rss_mb for m in measures),
        "rounds": [{"seconds": round(m.seconds, 4), "cpu_seconds": round(m.cpu_seconds, 4),
                    "peak_rss_mb": round(m.peak_rss_mb, 1)} for m in measures],
    }
