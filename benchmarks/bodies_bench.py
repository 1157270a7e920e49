"""Comment bodies against CommonMark's pathological inputs and long bodies.

Each input (tests/data/commonmark, and ordinary French prose) is scaled to
5,000, 10,000 and 20,000 characters (the form's limit) and rendered through
the whole pipeline (Markdown, sanitiser, the project's typography:
bodies.render_one with french_typography, as COMMENTS['typography'] sets it). The
table shows the time at each size, the time per character (linear growth:
the same at every size) and the former pipeline (Python-Markdown) at the
largest size, side by side, run in a child process with a time limit, as it
can take minutes (quadratic) or raise RecursionError.
"""

from __future__ import annotations

import multiprocessing
import random
import resource
import time

from comments.build.bodies import render_one
from comments.build.sanitiser import Sanitiser
from french.typography import french_typography

from . import pathological
from .old_renderer import OldSanitiser
from .pathological import sized
from .prose import Prose

SIZES, QUICK_SIZES = (5_000, 10_000, 20_000), (1_000, 2_000, 4_000)
TARGET_MS = 50.0
OLD_LIMIT_S, QUICK_OLD_LIMIT_S = 10.0, 1.0


def prose_recipe(seed: int = 1) -> list[dict]:
    """Ordinary comment text, paragraphs and a little Markdown, as one long recipe."""
    prose = Prose(random.Random(seed))
    prose.markup = 0.04
    text = "\n\n".join(prose.paragraph(2, 5) for _ in range(200))
    return [{"text": text}]


def _best_ms(sanitiser: Sanitiser, body: str, repeat: int) -> float:
    # CPU time of this thread: on a machine shared with other work, wall time mostly
    # measures the wait for a core.
    # A tiny body can take less than the clock's tick: render it again until the clock
    # moves, and count the time per rendering.
    best = float("inf")
    for _ in range(repeat):
        runs, started = 0, time.thread_time()
        while True:
            render_one(sanitiser, body, "markdown", french_typography)
            runs += 1
            elapsed = time.thread_time() - started
            if elapsed > 0:
                break
        best = min(best, elapsed / runs)
    return best * 1000


def _old_child(body: str, limit_s: float, conn) -> None:
    # A CPU-time limit, not a wall-clock one: the kernel stops the child (SIGXCPU) after
    # `limit_s` seconds of its own work, however busy the machine is.
    seconds = max(1, int(limit_s))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    sanitiser = OldSanitiser()
    started = time.thread_time()
    try:
        sanitiser.sanitise(body)
        conn.send(("ok", (time.thread_time() - started) * 1000))
    except RecursionError:
        conn.send(("RecursionError", None))


def old_ms(body: str, limit_s: float) -> tuple[str, float | None]:
    """The former pipeline on `body`: ("ok", CPU ms), ("RecursionError", None), or
    ("timeout", None) when it needs more than `limit_s` seconds of CPU (the child is stopped)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_old_child, args=(body, limit_s, send))
    child.start()
    send.close()
    try:
        if receive.poll(limit_s * 60):  # wall-clock guard only; the CPU limit stops it first
            return receive.recv()
        return "timeout", None
    except EOFError:  # killed by its CPU limit before answering
        return "timeout", None
    finally:
        child.kill()
        child.join()


def bodies(quick: bool, sizes: tuple[int, ...] | None = None) -> dict:
    """Every recipe at each of `sizes` (by default those of a quick or a full run)."""
    sizes = sizes or (QUICK_SIZES if quick else SIZES)
    limit = QUICK_OLD_LIMIT_S if quick else OLD_LIMIT_S
    sanitiser = Sanitiser()
    recipes = {"prose ordinaire": prose_recipe(), **pathological.recipes()}
    rows = []
    for name, recipe in recipes.items():
        row: dict = {"name": name, "sizes": []}
        for size in sizes:
            body = sized(recipe, size)
            ms = _best_ms(sanitiser, body, 1 if quick else 3)
            row["sizes"].append({"chars": len(body), "ms": ms, "us_per_char": ms * 1000 / max(len(body), 1)})
        status, ms = old_ms(sized(recipe, sizes[-1]), limit)
        row["old"] = {"status": status, "ms": ms, "limit_s": limit}
        row["max_ms"] = max(s["ms"] for s in row["sizes"])
        rows.append(row)
    return {"status": "ok", "sizes": list(sizes), "target_ms": TARGET_MS, "rows": rows,
            "within_target": sum(row["max_ms"] <= TARGET_MS for row in rows), "count": len(rows)}


def lines(result: dict, fr) -> list[str]:
    """The table: time at each size, µs per character, the former pipeline at the largest size."""
    sizes = result["sizes"]
    head = "".join(f"{f'{s // 1000} k (ms)':>11}" for s in sizes)
    per = "".join(f"{f'µs/c {s // 1000} k':>12}" for s in sizes)
    out = [f"corps de commentaires (rendu complet, temps CPU, cible ≤ {fr(result['target_ms'], 0)} ms) : "
           f"{result['within_target']} entrées sur {result['count']} dans la cible",
           f"{'entrée':<46}{head}{per}{'avant (ms)':>16}"]
    for row in result["rows"]:
        old = row["old"]
        before = fr(old["ms"], 1) if old["status"] == "ok" else (
            f"> {fr(old['limit_s'], 0)} s" if old["status"] == "timeout" else old["status"])
        out.append(f"{row['name'][:45]:<46}" + "".join(f"{fr(s['ms'], 1):>11}" for s in row["sizes"])
                   + "".join(f"{fr(s['us_per_char'], 2):>12}" for s in row["sizes"]) + f"{before:>16}")
    return out
