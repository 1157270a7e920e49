"""What the running build's writer says of it: partial, or superseded.

`invoke livereload` (tools/autoreload.py) builds twice after a save, through
writer classes given by Pelican's public `get_writer` signal (tools/selective.py):
- a first pass that rewrites only the saved pages; its writer class says
  `partial = True`, and the outputs made from the whole site at `finalized`
  (the search index, the comment feeds) are left to the full pass. Making them
  there cost seconds at 1,000 articles before the author's page could reload;
- a full pass that gives way to the next save; its writer class has a
  `superseded()` function, which long work at `finalized` (Pagefind) checks.
A plain `pelican` build has neither: everything is made.
A library, not a Pelican plugin: the plugins that use it import it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pelican import signals


def _writers(pelican: Any) -> list[type]:
    return [writer for _receiver, writer in signals.get_writer.send(pelican) if writer is not None]


def is_partial(pelican: Any) -> bool:
    """True when the writer of this build writes only some pages."""
    return any(getattr(writer, "partial", False) for writer in _writers(pelican))


def superseded(pelican: Any) -> Callable[[], bool]:
    """A function telling whether a newer build is waiting (always False for a plain build)."""
    checks = [writer.superseded for writer in _writers(pelican) if hasattr(writer, "superseded")]
    return lambda: any(check() for check in checks)
