"""The benches owned by other modules: related posts, WordPress import, intake.

Each returns a dict with "status": "ok" and its numbers, or "status":
"indisponible" and a French "reason" when the piece fails (its modules are
imported inside the guard, so a missing dependency is reported too). No
number is ever invented.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from . import ROOT
from .measure import CommandFailed, run_measured

UNAVAILABLE = "indisponible"


def unavailable(reason: str) -> dict:
    return {"status": UNAVAILABLE, "reason": reason}


def _guarded(label: str, work: Callable[[], dict]) -> dict:
    try:
        return work()
    except CommandFailed as exc:
        return unavailable(f"{label} a échoué : {exc}")
    except Exception as exc:  # one failing piece must not stop the whole bench
        last = traceback.format_exception_only(exc)[-1].strip()
        return unavailable(f"{label} a échoué : {last}")


def related(sizes: tuple[int, ...], repeat: int) -> dict:
    """benchmarks.related_bench.time_related at each size (seconds, best of `repeat`)."""
    def work() -> dict:
        from .related_bench import time_related

        rows = [time_related(n, repeat=repeat) for n in sizes]
        return {"status": "ok", "sizes": [
            {"articles": int(row["articles"]), "cold_seconds": row["cold"], "warm_seconds": row["warm"]}
            for row in rows
        ]}

    return _guarded("related_bench", work)


def wordpress_import(comments: int) -> dict:
    """Generate a WXR export of `comments` comments (benchmarks.wxr), then time the
    author's real command, `invoke comments.import`, into a scratch site, in a subprocess."""
    return _guarded("import WordPress", lambda: _time_import(comments))


def _time_import(comments: int) -> dict:
    from .wxr import write_wxr

    with tempfile.TemporaryDirectory(prefix="bench-wxr-") as tmp:
        work = Path(tmp)
        export = write_wxr(work / "export.xml", comments)
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


def wordpress_blog(posts: int, comments: int) -> dict:
    """Generate a whole blog's export (benchmarks.wxr.write_blog: posts with bodies, comments, an
    uploads folder), then time `invoke wordpress.import --uploads` into a scratch site, in a subprocess."""
    return _guarded("import du blog WordPress", lambda: _time_blog(posts, comments))


def _time_blog(posts: int, comments: int) -> dict:
    from .wxr import write_blog

    with tempfile.TemporaryDirectory(prefix="bench-blog-") as tmp:
        work = Path(tmp)
        export = write_blog(work / "export.xml", work / "uploads", posts, comments)
        content, queue = work / "content", work / "moderation"
        measure = run_measured(
            [sys.executable, "-m", "invoke", "wordpress.import", str(export), "--uploads", str(work / "uploads"),
             "--content", str(content), "--queue", str(queue)],
            cwd=ROOT,
        )
        articles = sum(1 for _ in (content / "articles").glob("*.md"))
    return {"status": "ok", "posts": posts, "comments": comments, "articles_written": articles,
            "seconds": measure.seconds, "cpu_seconds": measure.cpu_seconds, "peak_rss_mb": measure.peak_rss_mb}


def intake(quick: bool, submissions: int | None = None) -> dict:
    """benchmarks.intake_bench.run(quick=..., total=submissions) -> accepted submissions per second."""
    def work() -> dict:
        from .intake_bench import run

        result = run(quick=quick, total=submissions)
        rate = float(result["accepted_per_second"])
        return {"status": "ok", "accepted_per_second": rate,
                **{k: v for k, v in result.items() if k != "accepted_per_second"}}

    return _guarded("intake_bench", work)


def publication(*, push_rounds: int, cli_rounds: int, page_posts: int, page_comments: int,
                page_rounds: int) -> dict:
    """benchmarks.publication_bench: approval -> commit pushed, and one server: approval -> page."""
    def work() -> dict:
        from .publication_bench import approval_to_push, one_server

        push = _guarded("approbation → commit", lambda: approval_to_push(rounds=push_rounds, cli_rounds=cli_rounds))
        page = _guarded("un serveur", lambda: one_server(page_posts, page_comments, rounds=page_rounds))
        # Wall-clock figures: the machine's load says how to read them.
        return {"status": "ok", "push": push, "page": page, "load_average": os.getloadavg()[0]}

    return _guarded("publication_bench", work)
