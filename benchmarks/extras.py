"""The benches owned by other modules: related posts, WordPress import, intake.

Each returns a dict with "status": "ok" and its numbers, or "status":
"indisponible" and a French "reason" when the piece does not exist yet or
fails. No number is ever invented.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from .measure import CommandFailed, run_measured

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

UNAVAILABLE = "indisponible"


def unavailable(reason: str) -> dict:
    return {"status": UNAVAILABLE, "reason": reason}


def _module(name: str) -> object | None:
    """The module, or None when its file does not exist (yet)."""
    try:
        if importlib.util.find_spec(name) is None:
            return None
    except ModuleNotFoundError:
        return None
    return importlib.import_module(name)


def _guarded(label: str, work: Callable[[], dict]) -> dict:
    try:
        return work()
    except CommandFailed as exc:
        return unavailable(f"{label} a échoué : {exc}")
    except Exception as exc:  # a piece under construction must not stop the whole bench
        last = traceback.format_exception_only(exc)[-1].strip()
        return unavailable(f"{label} a échoué : {last}")


def related(sizes: tuple[int, ...], repeat: int) -> dict:
    """benchmarks.related_bench.time_related at each size (seconds, best of `repeat`)."""
    module = _module("benchmarks.related_bench")
    if module is None or not hasattr(module, "time_related"):
        return unavailable("benchmarks/related_bench.py (time_related) n’existe pas encore")

    def work() -> dict:
        rows = [module.time_related(n, repeat=repeat) for n in sizes]
        return {"status": "ok", "sizes": [
            {"articles": int(row["articles"]), "cold_seconds": row["cold"], "warm_seconds": row["warm"]}
            for row in rows
        ]}

    return _guarded("related_bench", work)


def wordpress_import(comments: int) -> dict:
    """Generate a WXR export of `comments` comments (benchmarks.wxr), then time the
    author's real command, `invoke comments.import`, into a scratch site, in a subprocess."""
    module = _module("benchmarks.wxr")
    if module is None or not hasattr(module, "write_wxr"):
        return unavailable("benchmarks/wxr.py (write_wxr) n’existe pas encore")
    if _module("comments.importers.run") is None:
        return unavailable("comments/importers/run.py (moteur d’import) n’existe pas encore")
    return _guarded("import WordPress", lambda: _time_import(module, comments))


def _time_import(module, comments: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-wxr-") as tmp:
        work = Path(tmp)
        export = module.write_wxr(work / "export.xml", comments)
        content, queue = work / "content", work / "moderation"
        (content / "articles").mkdir(parents=True)
        measure = run_measured(
            [sys.executable, "-m", "invoke", "comments.import", "--content", str(content),
             "--queue", str(queue), str(export)],
            cwd=ROOT,
        )
        written = sum(1 for _ in work.rglob("*.md"))
    return {"status": "ok", "comments": comments, "files_written": written, "seconds": measure.seconds,
            "peak_rss_mb": measure.peak_rss_mb}


def intake(quick: bool) -> dict:
    """benchmarks.intake_bench.run(quick=...) -> accepted submissions per second."""
    module = _module("benchmarks.intake_bench")
    if module is None or not hasattr(module, "run"):
        return unavailable("benchmarks/intake_bench.py (run) n’existe pas encore")

    def work() -> dict:
        result = module.run(quick=quick)
        rate = float(result["accepted_per_second"])
        return {"status": "ok", "accepted_per_second": rate,
                **{k: v for k, v in result.items() if k != "accepted_per_second"}}

    return _guarded("intake_bench", work)
