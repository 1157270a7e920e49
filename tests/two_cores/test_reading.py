"""The read-ahead: files converted by a forked process are handed over whole,
and anything doubtful is converted here again."""

from __future__ import annotations

import logging
import os
import time

import pytest
from two_cores.reading import ReadAhead

PARENT = os.getpid()


def _paths(count: int) -> list[str]:
    return [f"/articles/{number:04d}.md" for number in range(count)]


def _convert(path: str) -> tuple[str, dict]:
    return f"<p>{path}</p>", {"pid": [str(os.getpid())]}


def _read_all(ahead: ReadAhead, paths: list[str], convert=_convert) -> dict[str, tuple[str, dict]]:
    """What Pelican's reader does: take the other process's result, or convert here."""
    results = {}
    for path in paths:
        taken = ahead.take(path)
        results[path] = taken if taken is not None else convert(path)
    ahead.finish()
    return results


def test_every_file_once_and_both_processes_work():
    paths = _paths(400)

    def slow_convert(path: str) -> tuple[str, dict]:
        if os.getpid() == PARENT:
            time.sleep(0.002)  # leaves the other process time to start, however busy the machine
        return _convert(path)

    results = _read_all(ReadAhead(paths, slow_convert), paths, slow_convert)
    assert [results[p][0] for p in paths] == [f"<p>{p}</p>" for p in paths]
    by_pid = [results[p][1]["pid"][0] for p in paths]
    assert set(by_pid) - {str(PARENT)}, "the forked process converted nothing"
    # The two meet once: this process's files first, the other's after.
    assert by_pid[0] == str(PARENT) and by_pid[-1] != str(PARENT)
    switches = sum(1 for a, b in zip(by_pid, by_pid[1:], strict=False) if a != b)
    assert switches == 1


def test_a_file_with_a_warning_is_converted_here():
    """The forked process's messages are not shown: such a file is redone here,
    where the message (and --fatal warnings) is seen."""
    paths = _paths(200)
    doubtful = paths[-1]  # the first the other process converts

    def convert(path: str) -> tuple[str, dict]:
        if path == doubtful:
            logging.getLogger("markdown").warning("doubtful")
        return _convert(path)

    ahead = ReadAhead(paths, convert)
    results = _read_all(ahead, paths, convert)
    assert results[doubtful][1]["pid"] == [str(PARENT)]


def test_an_exception_is_raised_here():
    paths = _paths(200)
    broken = paths[-1]

    def convert(path: str) -> tuple[str, dict]:
        if path == broken and os.getpid() != PARENT:
            raise ValueError("broken file")
        return _convert(path)

    results = _read_all(ReadAhead(paths, convert), paths, convert)
    assert results[broken][1]["pid"] == [str(PARENT)]


def test_a_dead_process_leaves_the_files_to_this_one():
    paths = _paths(200)

    def convert(path: str) -> tuple[str, dict]:
        if os.getpid() != PARENT and path == paths[-3]:
            os._exit(9)  # killed mid-way
        return _convert(path)

    results = _read_all(ReadAhead(paths, convert), paths, convert)
    assert [results[p][0] for p in paths] == [f"<p>{p}</p>" for p in paths]
    assert results[paths[-3]][1]["pid"] == [str(PARENT)]


def test_finish_stops_a_process_blocked_on_a_full_pipe():
    """A build that stops reading early: the other process, its results no longer
    read, is stopped and reaped."""
    paths = _paths(300)

    def big(path: str) -> tuple[str, dict]:
        return "x" * 100_000, {}

    ahead = ReadAhead(paths, big)
    pid = ahead._pid
    time.sleep(0.3)  # the pipe fills up: the other process waits on it
    ahead.finish()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone and reaped, not a zombie


def test_unknown_files_are_left_to_the_reader():
    ahead = ReadAhead(_paths(60), _convert)
    assert ahead.take("/elsewhere/page.md") is None
    ahead.finish()
