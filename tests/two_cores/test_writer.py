"""The two-process writer: the same files as Pelican's writer, the same checks."""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

import pytest
from jinja2 import Template
from pelican import signals
from pelican.writers import FileOverwriteFailedError
from two_cores.writer import MIN_PAGES, TwoProcessWriter, _Call, split

from benchmarks.corpus import generate
from tests.conftest import run_pelican

PLUGINS_WITHOUT = ["french", "comments", "related_posts", "pelican.plugins.sitemap", "stable_sitemap"]
SETTINGS = {"PAGINATED_TEMPLATES": {"tag": None}, "DEFAULT_PAGINATION": 10, "DEFAULT_ORPHANS": 0}


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_build_is_identical_to_pelicans_writer(tmp_path):
    """A generated site (enough pages for two processes): every file byte for byte,
    the sitemap (fed by content_written) included."""
    content = tmp_path / "content"
    generate(content, posts=60, comments=150)
    run_pelican(content, tmp_path / "one", overrides={"PLUGINS": PLUGINS_WITHOUT})
    run_pelican(content, tmp_path / "two")
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert one == two
    assert len(one) > 3 * MIN_PAGES
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "one", tmp_path / "two", one, shallow=False)
    assert (mismatch, errors) == ([], [])
    assert (tmp_path / "two" / "sitemap.xml").read_text(encoding="utf-8").count("<url>") > 60


class _Recorder:
    """content_written's receiver: the paths announced, in this process."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def __call__(self, path: str, context: dict | None = None) -> None:
        self.paths.append(path)


@pytest.fixture
def written():
    recorder = _Recorder()
    signals.content_written.connect(recorder)
    yield recorder
    signals.content_written.disconnect(recorder)


def _writer(tmp_path: Path) -> TwoProcessWriter:
    return TwoProcessWriter(str(tmp_path), settings=dict(SETTINGS))


def test_pages_written_by_both_processes(tmp_path, written):
    writer = _writer(tmp_path)
    template = Template("{{ number }} {{ os.getpid() }}")
    for number in range(2 * MIN_PAGES):
        writer.write_file(f"p/{number}/index.html", template, {"os": os}, number=number)
    assert not (tmp_path / "p").exists()  # recorded, not written yet
    writer.write_recorded()
    pids = set()
    for number in range(2 * MIN_PAGES):
        text = (tmp_path / "p" / str(number) / "index.html").read_text(encoding="utf-8")
        page, pid = text.split()
        assert page == str(number)
        pids.add(pid)
    assert len(pids) == 2 and str(os.getpid()) in pids
    # Every page announced here, once, the other process's pages included.
    assert sorted(written.paths) == sorted(str(tmp_path / "p" / str(n) / "index.html") for n in range(2 * MIN_PAGES))
    # Once the recorded pages are written, a page is written at once.
    writer.write_file("after.html", Template("x"), {})
    assert (tmp_path / "after.html").read_text(encoding="utf-8") == "x"


def test_a_failure_in_the_other_process_fails_the_build(tmp_path):
    writer = _writer(tmp_path)
    good = Template("ok")
    bad = Template("{{ fail() }}")
    for number in range(2 * MIN_PAGES + 1):
        writer.write_file(f"{number}.html", good, {"fail": None})
    # The last page goes to the lighter share, the other process's.
    writer.write_file("bad.html", bad, {"fail": lambda: 1 / 0})
    mine, theirs = split(writer._calls, writer.settings)
    assert theirs[-1].name == "bad.html"
    with pytest.raises(RuntimeError, match="second processus"):
        writer.write_recorded()


def test_two_pages_on_one_file_still_fail(tmp_path):
    """Pelican refuses to write a file twice; so does the replay of the other
    process's pages."""
    writer = _writer(tmp_path)
    template = Template("{{ n }}")
    for number in range(2 * MIN_PAGES):
        writer.write_file(f"{number % MIN_PAGES}.html", template, {}, n=number)
    with pytest.raises(FileOverwriteFailedError):
        writer.write_recorded()


def test_an_override_keeps_pelicans_order(tmp_path):
    """With override_output, which write wins depends on the order: one process."""
    writer = _writer(tmp_path)
    template = Template("{{ n }}")
    writer.write_file("same.html", template, {}, n="first", override_output=True)
    for number in range(2 * MIN_PAGES):
        writer.write_file(f"{number}.html", template, {}, n=number)
    writer.write_file("same.html", template, {}, n="second")  # skipped by Pelican
    writer.write_recorded()
    assert (tmp_path / "same.html").read_text(encoding="utf-8") == "first"


def test_few_pages_stay_in_one_process(tmp_path):
    writer = _writer(tmp_path)
    template = Template("{{ os.getpid() }}")
    for number in range(MIN_PAGES - 1):
        writer.write_file(f"{number}.html", template, {"os": os})
    writer.write_recorded()
    assert {(tmp_path / f"{n}.html").read_text(encoding="utf-8") for n in range(MIN_PAGES - 1)} == {str(os.getpid())}


def test_shares_balance_pages_not_calls():
    """A paginated list counts for its pages: 95 articles at 10 per page are 10 pages."""
    template = object()
    tag = _Call("tag.html", template, {}, {"template_name": "tag", "articles": list(range(95))})
    singles = [_Call(f"{n}.html", template, {}, {}) for n in range(10)]
    assert tag.pages(SETTINGS) == 10
    mine, theirs = split([tag, *singles], SETTINGS)
    assert sum(c.pages(SETTINGS) for c in mine) == sum(c.pages(SETTINGS) for c in theirs) == 10
