"""One hostile comment body can never stop the build: it renders, or falls back
to its escaped text with a warning naming the file and line (strict mode too)."""

from __future__ import annotations

import logging
import re
from types import SimpleNamespace

from comments.build import bodies, plugin
from comments.build.bodies import BodyRenderer, escaped_paragraphs
from comments.core.comment_file import read_comment
from comments.core.model import Comment

from tests.comments.conftest import log_of, page_of

# Nested list markers: Python-Markdown raised RecursionError (issue 16); nested deeper than
# the renderer allows (commonmark.MAX_DEPTH), they fall back to their text.
NESTED = {"plus-1": "+ " * 500 + "fin", "ordered-1": "1. " * 400 + "fin", "quote-1": "> " * 3000 + "fin"}


def test_nested_markers_neither_stop_a_strict_build_nor_hide_the_other_comments(mini_site):
    mini_site.article("bon", "Bon")
    mini_site.comment("bon", "ok-1", "Je reste *visible*.")
    for cid, body in NESTED.items():
        mini_site.comment("bon", cid, body)
    # As CI builds: strict, without --fatal.
    output, result = mini_site.build(comments={"strict": True}, check=False, fatal=None)
    assert result.returncode == 0, log_of(result)
    doc = page_of(output, "bon")
    ids = {li.get("id") for li in doc.cssselect("#comments li.comment")}
    assert ids == {"comment-ok-1", *(f"comment-{cid}" for cid in NESTED)}
    for cid in NESTED:
        assert "fin" in doc.get_element_by_id(f"comment-{cid}").text_content()
        # A warning, not an error, naming the file and the body's line.
        assert re.search(rf"WARNING .*bon/{cid}\.md:5 .*{cid}.*texte brut", log_of(result))


class Failing:
    """A pipeline that fails on one body, as Python-Markdown did on nested lists."""

    def sanitise(self, body: str, fmt: str = "markdown") -> str:
        if "boom" in body:
            raise RecursionError("maximum recursion depth exceeded")
        return f"<p>{body}</p>"


def test_a_body_that_fails_falls_back_to_its_escaped_text_and_is_not_cached(tmp_path):
    renderer = BodyRenderer(tmp_path / "cache.json")
    renderer._sanitiser = Failing()
    body = "boom <script>x</script> & co\nligne 2\n\n\x1bparagraphe 2"
    html = renderer.render(body)
    assert html == "<p>boom &lt;script&gt;x&lt;/script&gt; &amp; co<br>\nligne 2</p>\n<p>paragraphe 2</p>"
    assert renderer.failures == ["RecursionError: maximum recursion depth exceeded"]
    assert renderer.render("calme") == "<p>calme</p>" and len(renderer.failures) == 1
    renderer.save()
    # Only the body that rendered is cached: the failing one warns again next build.
    again = BodyRenderer(tmp_path / "cache.json")
    again._sanitiser = Failing()
    assert again.render("calme") == "<p>calme</p>" and again.sanitised == 0
    again.render(body)
    assert again.failures and again.sanitised == 0


def test_the_fallback_has_only_paragraphs_and_breaks():
    assert escaped_paragraphs("\n\n  \n") == ""
    assert escaped_paragraphs("a<b>\r\n\r\nc") == "<p>a&lt;b&gt;</p>\n<p>c</p>"


def test_the_warning_names_the_file_and_the_line_of_the_body(tmp_path, caplog):
    path = tmp_path / "bon" / "x-1.md"
    path.parent.mkdir()
    path.write_text("id: x-1\nauthor: A\ndate: 2013-05-02T14:03:00+02:00\n\n\nboom\n", encoding="utf-8")
    comment: Comment = read_comment(path)
    renderer = BodyRenderer(None)
    renderer._sanitiser = Failing()
    state = SimpleNamespace(renderer=renderer)
    with caplog.at_level(logging.WARNING, logger=plugin.logger.name):
        html = plugin._render(state, comment)
    assert html == "<p>boom</p>"
    [record] = caplog.records
    assert record.levelno == logging.WARNING  # never an error: the file itself is valid
    assert f"{path}:6" in record.getMessage() and "x-1" in record.getMessage()
    assert "RecursionError" in record.getMessage()


def test_a_body_that_fails_in_the_worker_falls_back_in_the_build_process(monkeypatch):
    monkeypatch.setattr(bodies, "Sanitiser", Failing)  # the forked worker inherits it
    items = [(f"corps {n}", "markdown") for n in range(bodies.PARALLEL_THRESHOLD)] + [("boom 1", "markdown")]
    renderer = BodyRenderer(None)
    assert renderer.prefetch(items) == len(items)
    html = [renderer.render(body, fmt) for body, fmt in items]
    assert html[0] == "<p>corps 0</p>" and html[-1] == "<p>boom 1</p>"
    assert renderer.sanitised == len(items) - 1 and len(renderer.failures) == 1
    assert renderer._sanitiser is None  # the worker's fallback is used: nothing is rendered twice
