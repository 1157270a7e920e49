"""The articles' Markdown converted by two processes while Pelican reads them.

Pelican reads the articles one after the other. Here a forked process converts
them too, starting from the last one, while this process starts from the first:
each file is claimed by whichever process gets to it first (a shared flag per
file), so the two meet wherever their speeds put them. The forked process
sends each result (HTML and the raw metadata strings) through a pipe; Pelican's
reader takes it instead of converting the file again, and builds the metadata
here as always (dates, tags, categories are this process's objects).

A file the other process could not convert cleanly (an exception, or any
warning logged: `--fatal warnings` must see it here) is converted here, so
what the author sees is what Pelican alone would show.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)

# Below this many files to convert, a second process costs more than it saves.
MIN_FILES = 50

_FREE, _HERE, _THERE = 0, 1, 2

Converted = tuple[str, Any]


class _WarningSeen(logging.Handler):
    """In the forked process: notes that a warning or an error was logged."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


class ReadAhead:
    """Converts `paths` (absolute) with `convert`, in a forked process, from the last
    one down; `take(path)` hands over its result, or None when this process
    should convert the file itself."""

    def __init__(self, paths: list[str], convert: Callable[[str], Converted]) -> None:
        self._index = {path: i for i, path in enumerate(paths)}
        self._claims = multiprocessing.RawArray("b", len(paths))
        self._lock = multiprocessing.Lock()
        self._results: dict[str, Converted | None] = {}
        receiver, sender = multiprocessing.Pipe(duplex=False)
        # Nothing buffered may be written twice, once by each process.
        sys.stdout.flush()
        sys.stderr.flush()
        self._pid = os.fork()
        if self._pid == 0:
            receiver.close()
            self._convert_and_exit(paths, convert, sender)
        sender.close()
        self._pipe: Any = receiver

    def _claim(self, index: int, who: int) -> bool:
        with self._lock:
            if self._claims[index] != _FREE:
                return False
            self._claims[index] = who
            return True

    def _convert_and_exit(self, paths: list[str], convert: Callable[[str], Converted], pipe: Any) -> None:
        code = 1
        try:
            # Behind the other work of the build (the comments' worker, whose
            # results are awaited): this process only takes what is left over.
            os.nice(5)
            seen = _WarningSeen()
            # This process's messages are not shown: a file with any is converted again there.
            logging.getLogger().handlers = [seen]
            for index in reversed(range(len(paths))):
                if not self._claim(index, _THERE):
                    continue
                seen.seen = False
                try:
                    result: Converted | None = convert(paths[index])
                except Exception:  # noqa: BLE001 (converted again there, where it is reported)
                    result = None
                pipe.send((paths[index], None if seen.seen else result))
            code = 0
        except (BrokenPipeError, EOFError):
            code = 0  # the reading is over there: nothing left to send
        finally:
            os._exit(code)

    def _receive(self) -> bool:
        if self._pipe is None:
            return False
        try:
            path, result = self._pipe.recv()
        except (EOFError, OSError):
            self._pipe = None
            return False
        self._results[path] = result
        return True

    def take(self, path: str) -> Converted | None:
        index = self._index.get(path)
        if index is None:
            return None
        # Empty the pipe as it fills, so the other process never waits on it.
        while self._pipe is not None and self._pipe.poll() and self._receive():
            pass
        if self._claim(index, _HERE):
            return None
        while path not in self._results and self._receive():
            pass
        return self._results.pop(path, None)

    def finish(self) -> None:
        """Stop the other process (once the reading is over) and reap it."""
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        self._results.clear()
        if self._pid:
            os.waitpid(self._pid, 0)
            self._pid = 0


def start(generator: Any) -> ReadAhead | None:
    """`article_generator_init`: a ReadAhead for the articles Pelican will convert
    (not those its cache holds), set on the readers that accept one."""
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return None
    readers = generator.readers
    settings = generator.settings
    paths: list[str] = []
    takers: dict[int, Any] = {}  # the readers of those files, each once
    for name in generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]):
        reader = readers.readers.get(os.path.splitext(name)[1][1:])
        if not hasattr(reader, "read_ahead") or not hasattr(reader, "convert"):
            continue
        path = os.path.abspath(os.path.join(generator.path, name))
        if generator.get_cached_data(name, None) is not None or readers.get_cached_data(path, None) is not None:
            continue
        paths.append(path)
        takers[id(reader)] = reader
    if len(paths) < MIN_FILES:
        return None
    try:
        # Every taker converts alike (one class, the same settings): any one will do.
        ahead = ReadAhead(paths, next(iter(takers.values())).convert)
    except OSError as exc:
        logger.info("Articles lus sans second processus (%s)", exc)
        return None
    for reader in takers.values():
        reader.read_ahead = ahead
    return ahead
