"""Kill import and approve (SIGKILL, real processes) at random instants; the store must stay whole.

After each kill, the next command (any command takes the lock and reconciles)
must find every comment in exactly one place, every file parsing, no temporary
file left; a final uninterrupted import must give exactly a clean import's files.

The kill instants are stratified: the n-th kill of a kind falls in the n-th slice of
the command's measured window (at a random point of it), so that few kills still
cover the whole command, start to end, instead of clustering as random draws may.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from comments.importers.run import import_file
from comments.storage.queue import Queue

from benchmarks.wxr import write_wxr
from tests.comments.importers.import_helpers import leftovers, make_content, places, snapshot
from tests.crash_points import child_script

PLUGINS = Path(__file__).resolve().parents[3] / "plugins"
POSTS = [(f"article-{n}", f"Article {n}") for n in range(8)]
IMPORT_KILLS = 24
APPROVE_KILLS = 24

IMPORT = """
import sys
sys.path.insert(0, {plugins!r})
from comments.importers.run import import_file
import_file({export!r}, content={content!r}, queue_root={queue!r})
"""
APPROVE = """
import io, sys
from pathlib import Path
sys.path.insert(0, {plugins!r})
from comments.moderation import states
from comments.moderation.context import Context
ctx = Context(content=Path({content!r}), queue_root=Path({queue!r}), out=io.StringIO())
states.{command}(ctx, {ids!r})
"""


def run_and_kill(script: str, delay: float, after=None) -> int:
    """Run `script`, SIGKILL it `delay` seconds after its start, or after `after()`
    first holds (polled) when given; returns its exit code."""
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if after is not None:
        while process.poll() is None and not after():
            time.sleep(0.0005)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode in (0, -signal.SIGKILL), process.stderr.read().decode()
    process.stderr.close()
    return process.returncode


def stratified(rng: random.Random, index: int, strata: int, low: float, high: float) -> float:
    """A random instant in slice `index % strata` of [low, high] cut into `strata` equal slices."""
    return low + (high - low) * ((index % strata) + rng.random()) / strata


def _stamps(folders: list[Path]) -> list[int]:
    """The folders' modification times: any file created, renamed or removed in one changes them."""
    return [f.stat().st_mtime_ns if f.exists() else 0 for f in folders]


def check_whole(content: Path, queue: Path, expected: set[str] | None = None) -> dict:
    with Queue(queue, content).lock():  # what the next command does first
        pass
    found = places(content, queue)  # every file parses, or this raises
    doubles = {cid: paths for cid, paths in found.items() if len(paths) != 1}
    assert not doubles
    assert not leftovers(content, queue)
    if expected is not None:
        assert set(found) <= expected
    return found


def timed(script: str, runs: int = 1, reset=None, after=None) -> float:
    """The median time of `runs` complete runs (from `after()` holding, when given),
    each after `reset()`: one slow run would aim most kills after the command ended."""
    times = []
    for _ in range(runs):
        if reset is not None:
            reset()
        process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL)
        start = time.perf_counter()
        while after is not None and process.poll() is None and not after():
            time.sleep(0.0005)
            start = time.perf_counter()
        assert process.wait(600) == 0
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@pytest.fixture(scope="module")
def import_source(tmp_path_factory):
    """The export and the reference import of it, shared by the import kill tests (read only)."""
    root = tmp_path_factory.mktemp("import-source")
    export = write_wxr(root / "export.xml", 100, posts=POSTS, seed=3)
    reference = make_content(root / "reference", POSTS)
    import_file(export, content=reference, queue_root=root / "reference" / "moderation")
    expected = set(places(reference, root / "reference" / "moderation"))
    return export, reference, expected


@pytest.mark.slow
def test_import_killed_at_random_instants(tmp_path, import_source):
    rng = random.Random(4)
    export, reference, expected, content, queue, script = _import_setup(tmp_path, import_source)
    fresh = lambda: _fresh_store(content, queue)  # noqa: E731
    staging_started = lambda: any(queue.glob(".import-*"))  # noqa: E731
    duration = timed(script, runs=3, reset=fresh)
    startup = timed(script.replace("import_file(", "(lambda *a, **k: None)("), runs=3, reset=fresh)
    # The writes: from the staging folder's appearance to the end (the interpreter's exit included,
    # hence kills aimed at its first 70 %), timed under the same load.
    writes = timed(script, runs=3, reset=fresh, after=staging_started)
    kills = staging = 0
    tries = {"any": 0, "writes": 0}
    # Generous attempts: on a loaded machine a run may finish before its kill lands.
    for attempt in range(IMPORT_KILLS * 8):
        # A fresh store each time, so the kill lands during the writes, not on an already full store.
        _fresh_store(content, queue)
        # One kill in three at any instant after the interpreter started; the others aimed
        # at the writes, which instants over the whole run alone may miss on a busy machine.
        # Each kind walks its window slice by slice (a missed slice comes round again).
        kind = "any" if attempt % 3 == 0 else "writes"
        strata = IMPORT_KILLS // 3 if kind == "any" else IMPORT_KILLS - IMPORT_KILLS // 3
        index, tries[kind] = tries[kind], tries[kind] + 1
        if kind == "writes":
            code = run_and_kill(script, stratified(rng, index, strata, 0, writes * 0.7), after=staging_started)
        else:
            code = run_and_kill(script, stratified(rng, index, strata, startup * 0.8, duration * 0.85))
        if code == -signal.SIGKILL:
            kills += 1
            staged = list(queue.glob(".import-*"))
            staging += bool(staged)
            check_whole(content, queue, expected)
            assert not any(p.exists() for p in staged)  # the next lock removed the staging folder
            _reimport_finishes(export, content, queue, expected, reference, tmp_path)
        if kills >= IMPORT_KILLS:
            break
    assert kills >= IMPORT_KILLS
    # Some kills did land in the middle of imports (how many depends on the machine's load;
    # test_import_killed_in_the_middle_of_its_renames stops it at chosen points).
    assert staging >= 6
    print(f"import: {kills} kills, {staging} while files were staged or renamed")


def _import_setup(tmp_path, import_source):
    """The shared export and reference, and an empty site with the import script."""
    export, reference, expected = import_source
    content = make_content(tmp_path / "site", POSTS)
    queue = tmp_path / "site" / "moderation"
    script = IMPORT.format(plugins=str(PLUGINS), export=str(export), content=str(content), queue=str(queue))
    return export, reference, expected, content, queue, script


def _fresh_store(content, queue) -> None:
    """An empty store, so that the next kill lands during the writes."""
    for folder in (content / "comments", queue):
        shutil.rmtree(folder, ignore_errors=True)


def _reimport_finishes(export, content, queue, expected, reference, tmp_path) -> None:
    # Importing again finishes the job: exactly what a clean import writes.
    import_file(export, content=content, queue_root=queue)
    check_whole(content, queue, expected)
    assert _relative(snapshot(content / "comments", queue, ignore_queued=True), tmp_path / "site") == _relative(
        snapshot(reference / "comments", reference.parent / "moderation", ignore_queued=True), reference.parent)


@pytest.mark.slow
def test_import_killed_in_the_middle_of_its_renames(tmp_path, import_source):
    # Renaming is a small part of an import: random kills rarely land there, so die at chosen points.
    rng = random.Random(6)
    export, reference, expected, content, queue, script = _import_setup(tmp_path, import_source)
    for renamed in sorted(rng.sample(range(1, len(expected)), 12)):
        _fresh_store(content, queue)
        result = subprocess.run([sys.executable, "-c", child_script(f"rename:{renamed}", script)], capture_output=True)
        assert result.returncode == -signal.SIGKILL, result.stderr.decode()
        assert len(check_whole(content, queue, expected)) == renamed  # every renamed comment whole, no other
        _reimport_finishes(export, content, queue, expected, reference, tmp_path)


def _relative(files: dict, root: Path) -> dict:
    return {str(Path(k).relative_to(root)): v for k, v in files.items() if not k.endswith(".json")}


@pytest.mark.slow
def test_approve_killed_at_random_instants(tmp_path):
    rng = random.Random(5)
    export = write_wxr(tmp_path / "export.xml", 160, posts=POSTS, seed=4)
    text = export.read_text(encoding="utf-8").replace("<wp:comment_approved>1<", "<wp:comment_approved>0<")
    export.write_text(text, encoding="utf-8")
    content = make_content(tmp_path, POSTS)
    queue = tmp_path / "moderation"
    import_file(export, content=content, queue_root=queue)
    everything = set(places(content, queue))
    folders = [queue / "pending", queue / "rejected", *(content / "comments" / slug for slug, _ in POSTS)]
    kills = commands_run = interrupted = 0
    durations: dict[tuple[str, str], float] = {}
    tries: dict[tuple[str, str], int] = {}
    turn: dict[str, int] = {}
    while kills < APPROVE_KILLS and commands_run < APPROVE_KILLS * 8:
        waiting = sorted(p.stem for state in ("pending", "rejected") for p in (queue / state).glob("*.md"))
        published = sorted(p.stem for p in (content / "comments").glob("*/*.md"))
        # Back and forth: approve waiting comments, reject published ones, whichever are more.
        command, pool = ("approve", waiting) if len(waiting) >= len(published) else ("reject", published)
        ids = rng.sample(pool, min(8, len(pool)))
        script = APPROVE.format(plugins=str(PLUGINS), content=str(content), queue=str(queue),
                                command=command, ids=ids)
        # One kill in four at any instant after the interpreter started; the others aimed at
        # the moves (from the first change in a comment folder on), a few milliseconds that
        # instants over the whole run, mostly the interpreter's start, seldom reach.
        turn[command] = turn.get(command, -1) + 1
        kind = "any" if turn[command] % 4 == 0 else "moves"
        before = _stamps(folders)
        moved = lambda before=before: _stamps(folders) != before  # noqa: E731
        commands_run += 1
        if (command, kind) not in durations:  # a complete run (not killed) gives the window
            durations[command, kind] = timed(script, after=moved if kind == "moves" else None)
            continue
        # The n-th try of each kind in the n-th slice of its window (a missed slice comes round again).
        index = tries[command, kind] = tries.get((command, kind), -1) + 1
        # (the moves' window runs to the interpreter's exit: its first half holds the moves)
        if kind == "moves":
            delay = stratified(rng, index, APPROVE_KILLS * 3 // 8, 0, durations[command, kind] * 0.5)
        else:
            delay = stratified(rng, index, APPROVE_KILLS // 8, 0.05, durations[command, kind] * 0.85)
        if run_and_kill(script, delay, after=moved if kind == "moves" else None) == -signal.SIGKILL:
            kills += 1
            interrupted += bool(list((queue / ".journal").glob("*.json")))
        found = check_whole(content, queue)
        assert set(found) == everything  # nothing lost, nothing doubled
    assert kills >= APPROVE_KILLS
    # How many kills land mid-move depends on timing (a move takes milliseconds); the
    # crash-point tests of test_moderation_queue.py stop a move at each of its steps.
    print(f"approve/reject: {kills} kills, {interrupted} in the middle of a move")
