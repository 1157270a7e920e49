"""A tiny progress bar on stderr for big exports (no dependency)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

MIN_SIZE = 1 << 20  # smaller files import in a blink: no bar


class Progress:
    """`phase(label)` returns a callback(done, total) that draws `label  [####  ]  45 %`.

    On a terminal the bar is redrawn in place; elsewhere (CI logs) a line is
    printed every 10 %. Nothing is shown for files under MIN_SIZE bytes.
    """

    def __init__(self, stream: TextIO | None = None, min_size: int = MIN_SIZE):
        self.stream = stream or sys.stderr
        self.min_size = min_size
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def phase(self, label: str) -> Callable[[int, int], None]:
        last = [-1]

        def update(done: int, total: int) -> None:
            if total < self.min_size:
                return
            percent = min(100, done * 100 // max(total, 1))
            step = percent if self.tty else percent // 10 * 10
            if step == last[0]:
                return
            last[0] = step
            if self.tty:
                bar = "#" * (percent // 4)
                end = "\n" if percent == 100 else ""
                self.stream.write(f"\r{label:<8} [{bar:<25}] {percent:3d}\u00a0%{end}")
            else:
                self.stream.write(f"{label} : {step}\u00a0%\n")
            self.stream.flush()

        return update
