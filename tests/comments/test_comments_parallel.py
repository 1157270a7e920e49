"""The second core: bodies sanitised in a worker process (the standard executor)
when many are missing from the cache. The HTML is the same as in-process."""

from __future__ import annotations

import os

from comments.build import bodies
from comments.build.bodies import BodyRenderer
from french.typography import french_typography

from tests.conftest import TESTDATA

BODIES = [
    (f"Commentaire n° {i} : *vraiment* ? Voir https://exemple.fr/{i} « oui » <script>x</script>", "markdown")
    for i in range(bodies.PARALLEL_THRESHOLD)
] + [(f"<p>Importé {i}&nbsp;!<br>ligne</p><iframe src=x></iframe>", "html") for i in range(60)]


def test_worker_renders_what_the_process_itself_renders(tmp_path):
    # The project's typography: the worker gets it too (pickled by name).
    alone = BodyRenderer(None, french_typography)
    expected = [alone.render(body, fmt) for body, fmt in BODIES]
    assert "vraiment</em>\u202f?" in expected[0]
    helped = BodyRenderer(tmp_path / "cache.json", french_typography)
    assert helped.prefetch(BODIES + BODIES[:5]) == len(BODIES)  # duplicates sent once
    assert [helped.render(body, fmt) for body, fmt in BODIES] == expected
    assert helped.sanitised == len(BODIES)
    assert helped._pool is None  # the worker is gone once its results are in
    helped.save()
    # The next build finds everything in the cache: nothing to send.
    again = BodyRenderer(tmp_path / "cache.json", french_typography)
    assert again.prefetch(BODIES) == 0
    assert [again.render(body, fmt) for body, fmt in BODIES] == expected and again.sanitised == 0


def test_few_uncached_bodies_stay_in_process():
    renderer = BodyRenderer(None)
    assert renderer.prefetch(BODIES[:3]) == 0
    assert renderer._pool is None and renderer.render(*BODIES[0]).startswith("<p>")


def _worker_dies(items, typography):
    os._exit(1)  # the worker process itself is gone


def test_a_dead_worker_costs_time_not_bodies(monkeypatch):
    monkeypatch.setattr(bodies, "render_uncached", _worker_dies)
    renderer = BodyRenderer(None)
    assert renderer.prefetch(BODIES) == len(BODIES)
    html = [renderer.render(body, fmt) for body, fmt in BODIES]
    assert html == [BodyRenderer(None).render(body, fmt) for body, fmt in BODIES]


ARTICLES = 55


def test_many_comments_build_the_same_site_cold_and_warm(mini_site):
    """A real build above the worker's threshold, then a warm one from the caches:
    byte-identical output."""
    body = (TESTDATA / "README.md").read_text(encoding="utf-8")[:400]
    for n in range(ARTICLES):
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
    assert len([p for p in cold_files if p.parts[:2] == ("feeds", "comments")]) == ARTICLES
    for rel in cold_files:
        assert (cold / rel).read_bytes() == (warm / rel).read_bytes(), rel
