"""The second core: bodies sanitised in a worker process, feeds written in a
forked one. Either way the HTML and the files are the same as in-process."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from comments import bodies, feeds
from comments.bodies import BodyRenderer
from comments.feeds import FeedsInBackground, write_feeds
from comments.model import Comment
from comments.threads import build_threads

from tests.conftest import TESTDATA

BODIES = [
    (f"Commentaire n° {i} : *vraiment* ? Voir https://exemple.fr/{i} « oui » <script>x</script>", "markdown")
    for i in range(bodies.PARALLEL_THRESHOLD)
] + [(f"<p>Importé {i}&nbsp;!<br>ligne</p><iframe src=x></iframe>", "html") for i in range(60)]


def test_worker_renders_what_the_process_itself_renders(tmp_path):
    alone = BodyRenderer(None)
    expected = [alone.render(body, fmt) for body, fmt in BODIES]
    helped = BodyRenderer(tmp_path / "cache.json")
    assert helped.prefetch(BODIES + BODIES[:5]) == len(BODIES)  # duplicates sent once
    assert [helped.render(body, fmt) for body, fmt in BODIES] == expected
    assert helped.sanitised == len(BODIES)
    assert helped._pool is None  # the worker is gone once its results are in
    helped.save()
    # The next build finds everything in the cache: nothing to send.
    again = BodyRenderer(tmp_path / "cache.json")
    assert again.prefetch(BODIES) == 0
    assert [again.render(body, fmt) for body, fmt in BODIES] == expected and again.sanitised == 0


def test_few_uncached_bodies_stay_in_process():
    renderer = BodyRenderer(None)
    assert renderer.prefetch(BODIES[:3]) == 0
    assert renderer._pool is None and renderer.render(*BODIES[0]).startswith("<p>")


def _worker_dies(items):
    os._exit(1)  # the worker process itself is gone (fork: found by name, not pickled whole)


def test_a_dead_worker_costs_time_not_bodies(monkeypatch):
    monkeypatch.setattr(bodies, "render_uncached", _worker_dies)
    renderer = BodyRenderer(None)
    assert renderer.prefetch(BODIES) == len(BODIES)
    html = [renderer.render(body, fmt) for body, fmt in BODIES]
    assert html == [BodyRenderer(None).render(body, fmt) for body, fmt in BODIES]


def _threads(count: int) -> list:
    start = datetime(2013, 5, 2, 14, 3, tzinfo=UTC)
    renderer = BodyRenderer(None)
    threads = []
    for n in range(count):
        comments = [
            Comment(id=f"c{n}-1", author="Xavier", date=start + timedelta(hours=n), body="Premier !"),
            Comment(id=f"c{n}-2", author="Lionel Boscher", role="author", parent=f"c{n}-1",
                    date=start + timedelta(hours=n, minutes=5), body="Réponse : *merci*."),
        ]
        nodes = build_threads(comments)
        for node in (nodes[0], nodes[0].children[0]):
            node.html = renderer.render(node.comment.body)
        content = SimpleNamespace(slug=f"article-{n}", url=f"2013/05/article-{n}/", title=f"Article n° {n}")
        threads.append((content, nodes))
    return threads


@pytest.mark.parametrize("count", [3, 60])
def test_feeds_written_in_background_are_the_same_files(tmp_path, count):
    threads = _threads(count)
    settings = {"FEED_DOMAIN": "https://blog.example", "SITENAME": "Le blog"}
    options = {"feed_max_items": 50, "feed_atom": "feeds/comments.atom.xml", "feed_rss": "feeds/comments.rss.xml",
               "feed_article_atom": "feeds/comments/{slug}.atom.xml"}
    write_feeds(threads, tmp_path / "here", settings, options)
    background = FeedsInBackground(threads, tmp_path / "there", settings, options, threshold=0)
    assert background.process is not None
    background.finish()
    assert background.process.exitcode == 0
    here = sorted(p.relative_to(tmp_path / "here") for p in (tmp_path / "here").rglob("*.xml"))
    there = sorted(p.relative_to(tmp_path / "there") for p in (tmp_path / "there").rglob("*.xml"))
    assert here == there and len(here) == count + 2
    for rel in here:
        assert (tmp_path / "here" / rel).read_bytes() == (tmp_path / "there" / rel).read_bytes()


def test_failed_background_feeds_are_written_in_process(tmp_path, monkeypatch):
    threads = _threads(2)
    options = {"feed_max_items": 50, "feed_atom": "feeds/comments.atom.xml", "feed_rss": None,
               "feed_article_atom": None}
    background = FeedsInBackground(threads, tmp_path / "out", {}, options, threshold=0)
    background.process.join()
    # As if the forked process had died without writing anything.
    monkeypatch.setattr(background.process, "_popen", SimpleNamespace(poll=lambda *a: 1, wait=lambda *a: 1))
    (tmp_path / "out" / "feeds" / "comments.atom.xml").unlink()
    background.finish()
    assert (tmp_path / "out" / "feeds" / "comments.atom.xml").exists()


def test_many_comments_build_the_same_site_cold_and_warm(mini_site):
    """A real build above both thresholds (worker and feeds process), then a
    warm one from the caches: byte-identical output."""
    body = (TESTDATA / "README.md").read_text(encoding="utf-8")[:400]
    for n in range(feeds.BACKGROUND_THRESHOLD + 5):
        slug = f"article-{n:02d}"
        # Distinct dates: Pelican orders same-date articles by its (random) file order.
        mini_site.article(slug, f"Article {n}", date=f"2013-04-{n % 28 + 1:02d} {n // 28 + 9:02d}:30")
        for k in range(4):
            mini_site.comment(slug, f"c{n}-{k}", f"{body} ({n}, {k}) : https://exemple.fr/{n}",
                              date=f"2013-05-{k + 1:02d}T14:03:00+02:00")
    cold, _ = mini_site.build("cold")
    cache = cold.parent / "cold-cache"
    assert (cache / "comments-sanitised.json").exists()
    warm, _ = mini_site.build("warm", overrides={"CACHE_PATH": str(cache)})
    cold_files = sorted(p.relative_to(cold) for p in cold.rglob("*") if p.is_file())
    assert cold_files == sorted(p.relative_to(warm) for p in warm.rglob("*") if p.is_file())
    assert len([p for p in cold_files if p.parts[:2] == ("feeds", "comments")]) == feeds.BACKGROUND_THRESHOLD + 5
    for rel in cold_files:
        assert (cold / rel).read_bytes() == (warm / rel).read_bytes(), rel
