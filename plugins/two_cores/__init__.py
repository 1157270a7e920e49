"""The build on two cores: the articles read, and the pages written, by two processes.

`register()` connects the signals; the work is in reading.py (the articles'
Markdown converted ahead by a forked process) and writer.py (the articles
generator's pages written by two processes). Either gives byte-identical files.
"""

from typing import Any

from pelican import signals

from . import reading
from .writer import TwoProcessWriter

_reading: dict[int, reading.ReadAhead] = {}


def _start_reading(generator: Any) -> None:
    # A build that stopped while reading (an error, under `invoke livereload`)
    # never finished its read-ahead: stop that process before starting another.
    while _reading:
        _reading.popitem()[1].finish()
    ahead = reading.start(generator)
    if ahead is not None:
        _reading[id(generator)] = ahead


def _finish_reading(generator: Any) -> None:
    ahead = _reading.pop(id(generator), None)
    if ahead is not None:
        ahead.finish()
        for reader in generator.readers.readers.values():
            if getattr(reader, "read_ahead", None) is ahead:
                reader.read_ahead = None


def _writer_class(pelican: Any) -> type:
    return TwoProcessWriter


def _write_recorded(generator: Any, writer: Any) -> None:
    if isinstance(writer, TwoProcessWriter):
        writer.write_recorded()


def register() -> None:
    # Connected before the comments plugin forks its worker (PLUGINS order): the
    # reading process starts while this one has no other thread.
    signals.article_generator_init.connect(_start_reading)
    signals.article_generator_pretaxonomy.connect(_finish_reading)
    signals.get_writer.connect(_writer_class)
    signals.article_writer_finalized.connect(_write_recorded)
