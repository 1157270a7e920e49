"""Kills at chosen points, injected from the test side only.

A test starts a child process (`python -c`, see `child_script`) that calls
`install(point, source)` and then runs the same code as the command under test.
`install` wraps the real function that the shipped code calls at that point (the
module or class attribute it calls: queue.atomic_write, Path.unlink, Repo.commit,
os.replace), in that child only, so that the process dies by SIGKILL right after
that call returns: the files are left as a kill at that instant would leave them,
and no `finally` or `atexit` runs. Shipped code holds no hook for this.

Points (each matched on the call's arguments, so that unrelated calls do not count):
- `after-journal`, `after-destination`, `after-unlink`: the steps of Queue.move of one
  comment, given by its file (its journal entry written, its new file written, its file unlinked);
- `after-commit`: publish() committed that comment's file, before any push;
- `rename:<n>`: an import's staging committed n of its renames (Staging.commit).
"""

from __future__ import annotations

import functools
import os
import signal
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLUGINS = ROOT / "plugins"


def child_script(point: str, body: str, *, source: Path | str = "", plugins: Path = PLUGINS) -> str:
    """A `python -c` script: `plugins` and the project on sys.path, the kill at `point`
    (for the comment whose file is `source`), then `body`."""
    return (f"import sys\nsys.path.insert(0, {str(plugins)!r})\nsys.path.append({str(ROOT)!r})\n"
            f"from tests.crash_points import install\ninstall({point!r}, {str(source)!r})\n{body}\n")


def die_after(owner: object, name: str, when: Callable[..., bool], nth: int = 1) -> None:
    """Replace `owner.name` by a wrapper that calls it, then SIGKILLs this process after
    the `nth` call for which `when(*args, **kwargs)` holds."""
    real = getattr(owner, name)
    seen = 0

    @functools.wraps(real)
    def wrapper(*args, **kwargs):
        nonlocal seen
        result = real(*args, **kwargs)
        if when(*args, **kwargs):
            seen += 1
            if seen == nth:
                os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(owner, name, wrapper)


def install(point: str, source: str = "") -> None:
    """Arrange for this process to die at `point` (see the module's docstring); "" arranges nothing.

    The points of a move and `after-commit` concern the comment whose file is `source` (where it
    waits): a move that an earlier kill left, which the lock's reconciliation finishes first, is
    another comment's."""
    from comments.storage import git, queue, staging

    source_path = Path(source).resolve()
    name = source_path.name  # <id>.md, wherever the comment goes

    def journal(path, *_args, **_kwargs) -> bool:
        return Path(path).parent.name == ".journal" and Path(path).stem == source_path.stem

    def destination(path, *_args, **_kwargs) -> bool:
        return Path(path).name == name and Path(path).resolve() != source_path

    if point == "after-journal":
        die_after(queue, "atomic_write", journal)
    elif point == "after-destination":
        die_after(queue, "atomic_write", destination)
    elif point == "after-unlink":
        die_after(Path, "unlink", lambda path, *_args, **_kwargs: path.resolve() == source_path)
    elif point == "after-commit":
        die_after(git.Repo, "commit", lambda _repo, paths, *_args, **_kwargs: any(destination(p) for p in paths))
    elif point.startswith("rename:"):
        renames = int(point.split(":", 1)[1])
        die_after(os, "replace", lambda staged, *_a, **_k: Path(staged).parent.name.startswith(staging.PREFIX),
                  nth=renames)
    elif point:
        raise ValueError(f"unknown crash point: {point}")
