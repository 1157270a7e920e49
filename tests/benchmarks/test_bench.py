"""The bench harness runs end to end on a tiny corpus (structure only, never timings)."""

from __future__ import annotations

import dataclasses
import json
import sys

import pytest

from benchmarks import run
from benchmarks.measure import CommandFailed, run_measured, tree_memory_supported


def positive(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def test_peak_memory_is_measured_per_command():
    grab = "import sys; b = bytearray({} * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])"
    big = run_measured([sys.executable, "-c", grab.format(150)])
    small = run_measured([sys.executable, "-c", grab.format(1)])
    # A cumulative measure (RUSAGE_CHILDREN) would report the big one again.
    assert big.peak_rss_mb > 150 > small.peak_rss_mb > 0


@pytest.mark.skipif(not tree_memory_supported(), reason="pas de /proc/<pid>/smaps_rollup sur cette machine")
def test_the_tree_measure_counts_every_process():
    """Two processes of 80 MB each: the largest process is 80 MB (plus the interpreter's
    own memory, up to ~40 MB here), the whole tree above 160 MB."""
    script = (
        "import os, time\n"
        "def grab():\n"
        "    b = bytearray(80 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]); return b\n"
        "pid = os.fork()\n"
        "held = grab()\n"
        "time.sleep(1.0)\n"
        "if pid == 0: os._exit(0)\n"
        "os.waitpid(pid, 0)\n"
    )
    measure = run_measured([sys.executable, "-c", script], tree=True)
    assert 80 < measure.peak_rss_mb < 150 < measure.tree_peak_mb
    assert measure.tree_peak_mb > 160


def test_a_failing_command_is_reported_with_its_output():
    with pytest.raises(CommandFailed, match="boum"):
        run_measured([sys.executable, "-c", "import sys; print('boum'); sys.exit(3)"])


# The quick plan, smaller still where a size only sets how long a piece runs (each piece
# still runs whole): one save per author's loop, one searched word, shorter bodies, fewer
# submissions, approvals and related posts, a smaller one-server corpus, no untimed warm-up
# builds (the numbers are not looked at; each round's cold build fills its warm build's cache).
TINY = dataclasses.replace(run.QUICK, related_sizes=(20, 40), import_comments=100, blog_comments=40, loop_edits=1,
                           search_words=run.search_bench.WORDS[:1], body_sizes=(250, 500, 1000),
                           intake_submissions=50, push_rounds=1, page_posts=6, page_comments=20, warmup=False)


def test_the_quick_bench_runs_and_reports_every_piece(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(run, "QUICK", TINY)
    output = tmp_path / "latest.json"
    code = run.main(["--quick", "--posts", "6", "--comments", "20", "--rounds", "1", "--output", str(output)])
    assert code == 0
    result = json.loads(output.read_text(encoding="utf-8"))
    assert set(result) >= {"machine", "plan", "builds", "related", "import", "wordpress", "intake", "publication",
                           "total_seconds"}
    publication = result["publication"]
    assert publication["status"] == "ok", publication
    assert publication["push"]["status"] == "ok" and positive(publication["push"]["median_seconds"])
    assert positive(publication["push"]["cli_median_seconds"])
    page = publication["page"]
    assert page["status"] == "ok" and positive(page["corpus"]["median_seconds"]) and positive(page["real"]["median_seconds"])
    assert page["real"]["posts"] >= 8
    assert positive(result["machine"]["cpu_count"])
    search = result["search"]  # the reader's first search, bytes counted by Chromium
    assert search["status"] == "ok", search
    assert search["posts"] == 6 and all(positive(q["bytes"]) for q in search["queries"].values())
    assert search["target_bytes"] == 100_000
    builds = result["builds"]
    assert builds["corpus"]["posts"] == 6 and builds["corpus"]["comments"] == 20
    for key in ("stock", "cold", "warm"):
        assert positive(builds[key]["seconds"]) and positive(builds[key]["peak_rss_mb"])
        assert len(builds[key]["rounds"]) == 1
    assert set(builds["ratios"]) == set(builds["targets"]) == set(builds["within_targets"]) == {
        "cold", "warm", "memory"}
    assert all(positive(v) for v in builds["ratios"].values())
    tree = builds["tree_memory"]
    if tree["status"] == "ok":
        assert all(positive(tree["peak_mb"][key]) for key in ("stock", "cold", "warm"))
    else:
        assert tree["reason"]
    # Every piece exists: "indisponible" here would be a broken bench.
    for key in ("related", "import", "wordpress", "intake", "bodies"):
        assert result[key]["status"] == "ok", result[key]
    # Every pathological input of CommonMark and ordinary prose, timed at three sizes, beside the old pipeline.
    rows = result["bodies"]["rows"]
    assert len(rows) == 26 and rows[0]["name"] == "prose ordinaire"
    assert all(len(row["sizes"]) == 3 and all(positive(s["ms"]) for s in row["sizes"]) for row in rows)
    assert all(row["old"]["status"] in ("ok", "timeout", "RecursionError") for row in rows)
    assert result["wordpress"]["articles_written"] == 20 and positive(result["wordpress"]["cpu_seconds"])
    for row in result["related"]["sizes"]:
        assert positive(row["cold_seconds"]) and positive(row["warm_seconds"])
    assert positive(result["import"]["seconds"]) and positive(result["import"]["peak_rss_mb"])
    assert positive(result["intake"]["accepted_per_second"])
    printed = capsys.readouterr().out
    for label in ("Pelican d’origine", "projet, à froid", "projet, à chaud", "articles liés",
                  "import WordPress", "import du blog WordPress", "réception", "corps de commentaires",
                  "nested brackets",
                  "approbation → commit poussé", "un serveur, approbation"):
        assert label in printed


def _result(builds_ok: bool = True, import_ok: bool = True, intake_ok: bool = True, blog_ok: bool = True) -> dict:
    return {
        "builds": {"within_targets": {"cold": builds_ok, "warm": True, "memory": True}},
        "import": {"status": "ok", "within_targets": {"seconds": import_ok, "peak_rss_mb": True}},
        "wordpress": {"status": "ok", "within_targets": {"seconds": blog_ok, "peak_rss_mb": True}},
        "intake": {"status": "ok", "within_targets": {"accepted_per_second": intake_ok, "p99_ms": True}},
        "related": {"status": "ok", "sizes": []},
    }


@pytest.mark.parametrize(("result", "missed"), [
    (_result(), []),
    (_result(builds_ok=False), ["construction cold"]),
    (_result(import_ok=False), ["import seconds"]),
    (_result(intake_ok=False), ["intake accepted_per_second"]),
    (_result(blog_ok=False), ["wordpress seconds"]),
])
def test_check_names_every_missed_target(result, missed):
    assert run.missed_targets(result) == missed


def test_check_exits_1_when_a_target_is_missed(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(run, "run_bench", lambda plan, output: {**_result(intake_ok=False), "total_seconds": 1})
    monkeypatch.setattr(run, "table", lambda result: "")
    args = ["--quick", "--output", str(tmp_path / "r.json")]
    assert run.main(args) == 0
    assert run.main([*args, "--check"]) == 1
    assert "intake accepted_per_second" in capsys.readouterr().err
