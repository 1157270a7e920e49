"""The sanitiser: allowlist, dropped contents, links, idempotence, the cache."""

from __future__ import annotations

import json
import re

import lxml.html
import pytest
from comments.build import bodies
from comments.build.bodies import BodyRenderer
from comments.build.sanitiser import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, READER_REL, Sanitiser
from french.typography import french_typography
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import TESTDATA

PAYLOADS = [
    item["payload"]
    for name in ("bleach", "dompurify", "h5sc")
    for item in json.loads((TESTDATA / "xss" / f"{name}.json").read_text(encoding="utf-8"))
]
NNBSP = "\u202f"


@pytest.fixture(scope="module")
def san() -> Sanitiser:
    return Sanitiser()


def elements(html: str):
    root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    return [el for el in root.iter() if el is not root and isinstance(el.tag, str)]


def assert_safe(html: str) -> None:
    for el in elements(html):
        assert el.tag in ALLOWED_TAGS, (el.tag, html)
        for name, value in el.attrib.items():
            allowed = ALLOWED_ATTRIBUTES.get(el.tag, set()) | ({"rel"} if el.tag == "a" else set())
            assert name in allowed, (el.tag, name, html)
            if name in ("href", "cite"):
                scheme = re.match(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):", value)
                assert scheme is None or scheme.group(1).lower() in ("http", "https", "mailto"), value
        if el.tag == "a":
            assert el.get("rel") == READER_REL, html
            assert el.get("href"), html  # <a rel> without href is invalid HTML: unwrapped


def test_allowed_markup_is_kept(san):
    html = san.sanitise(
        '<p>a <em>b</em> <strong>c</strong> <b>d</b> <i>e</i> <code>f</code> <q cite="https://x.fr/">g</q> '
        '<cite>h</cite> <abbr title="t">i</abbr> <del>j</del> <s>k</s><br></p>'
        '<blockquote cite="https://x.fr/"><p>l</p></blockquote><ul><li>m</li></ul><ol><li>n</li></ol><pre>o</pre>',
        "html",
    )
    assert {el.tag for el in elements(html)} == set(ALLOWED_TAGS) - {"a"}
    assert 'cite="https://x.fr/"' in html and 'title="t"' in html


@pytest.mark.parametrize("markup", [
    '<p id="x" class="y" style="color:red" onclick="alert(1)" lang="en" dir="rtl" data-x="1">t</p>',
    '<a href="https://x.fr/" id="comments" class="c" target="_blank" rel="me" onmouseover="alert(1)">t</a>',
])
def test_ids_classes_styles_and_handlers_never_come_from_content(san, markup):
    html = san.sanitise(markup, "html")
    assert_safe(html)
    assert not re.search(r"\b(id|class|style|on\w+|target|lang|dir|data-x)=", html)


@pytest.mark.parametrize("tag", ["script", "style", "template", "noscript", "iframe", "object",
                                 "svg", "math", "textarea", "title", "xmp", "noembed", "noframes"])
def test_dangerous_elements_are_dropped_with_their_content(san, tag):
    html = san.sanitise(f"<p>avant</p><{tag}>SECRET alert(1)</{tag}><p>après</p>", "html")
    assert "SECRET" not in html and "alert" not in html
    assert "avant" in html and "après" in html
    # In Markdown (form comments) raw HTML is off: the markup is shown as text, never an element.
    md = san.sanitise(f"avant\n\n<{tag}>SECRET</{tag}>\n\naprès", "markdown")
    assert md == f"<p>avant</p>\n<p>&lt;{tag}&gt;SECRET&lt;/{tag}&gt;</p>\n<p>après</p>"


# embed, img, input... are void elements: text after them is ordinary text, the element goes.
@pytest.mark.parametrize("tag", ["embed", "img", "form", "input", "button", "video", "audio", "link", "meta", "base", "div"])
def test_other_tags_are_stripped(san, tag):
    html = san.sanitise(f'<p>a<{tag} src="x" action="x" href="x">b</{tag}>c</p>', "html")
    assert f"<{tag}" not in html
    assert_safe(html)


@pytest.mark.parametrize("href", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)",
                                  "data:text/html,<script>alert(1)</script>", " javascript:alert(1)",
                                  "jav&#x09;ascript:alert(1)", "java\nscript:alert(1)"])
def test_dangerous_schemes_are_removed(san, href):
    html = san.sanitise(f'<a href="{href}">x</a>', "html")
    assert "href" not in html and "script:" not in html.lower()


def test_every_link_gets_the_reader_rel_and_bare_urls_are_linked(san):
    html = san.sanitise("Voir https://example.fr/page et [ici](http://example.org/) ou <mailto:a@b.fr>.")
    links = [el for el in elements(html) if el.tag == "a"]
    assert [a.get("href") for a in links] == ["https://example.fr/page", "http://example.org/", "mailto:a@b.fr"]
    assert all(a.get("rel") == READER_REL for a in links)


def test_links_that_lose_their_href_are_unwrapped_to_text(san):
    html = san.sanitise('<a href="javascript:alert(1)">un</a> <a name="x">deux</a> <a href="https://x.fr/">trois</a>',
                        "html")
    assert html == f'<p>un deux <a href="https://x.fr/" rel="{READER_REL}">trois</a></p>'


def test_urls_in_code_are_not_linked(san):
    html = san.sanitise("```\nhttps://example.fr/ <b>x</b>\n```\n\n`http://a.fr/`")
    assert "<a" not in html and "&lt;b&gt;" in html


def test_imported_html_gets_paragraphs_and_line_breaks(san):
    assert san.sanitise("un\ndeux\n\ntrois", "html") == "<p>un<br>\ndeux</p>\n<p>trois</p>"
    assert san.sanitise("<p>déjà</p>", "html") == "<p>déjà</p>"


def test_imported_html_paragraphs_are_the_importers_own(san):
    # One autop (core/autop.py): spaces around a line break are dropped, and a line of
    # non-ASCII spaces is no paragraph break, as in WordPress (PHP's \s is ASCII).
    assert san.sanitise("un  \n  deux\n\u3000\ntrois", "html") == "<p>un<br>\ndeux<br>\n\u3000<br>\ntrois</p>"


def test_markdown_line_breaks_are_kept(san):
    assert san.sanitise("un\ndeux") == "<p>un<br>\ndeux</p>"


def test_bodies_always_end_in_block_elements(san):
    # A stripped heading leaves bare text: wrapped, so that re-sanitising changes nothing.
    assert san.sanitise("# Titre") == "<p>Titre</p>"
    assert san.sanitise("") == ""


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_public_payload_comes_out_safe_and_idempotent(san, payload):
    for fmt in ("markdown", "html"):
        once = san.sanitise(payload, fmt)
        assert_safe(once)
        assert san.sanitise(once, "html") == once


HTMLISH = st.lists(
    st.sampled_from(list("ab <>/=\"'&;:#\n\t-*_`[]()!?«»") + [
        "<p>", "</p>", "<a href=", "https://x.fr/", "javascript:", "<script>", "</script>", "<b>", "</b>",
        "<em>", "<pre>", "<code>", "<!--", "-->", "<svg>", "<style>", "www.example.fr", "&amp;", "&#x3c;",
        "<blockquote>", "<li>", "<ul>", "onclick=", "<img src=x>", "<noscript>", "<br>", "<q cite=",
    ]),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(HTMLISH)
@example("#<a href=<p>")  # an unclosed link around a block
@example("<b><pre>https://x.fr/")  # a block inside an inline element, holding a URL
@example("#<q cite=https://x.fr/")  # escaped "<q" before the first element, then a linkified URL
@example("<a href=>https://x.fr/")  # a link without address around a URL: linked in one pass
@example('<q cite=a"<svg>')  # a quotation source that is no URL: dropped, not escaped twice
def test_sanitise_is_idempotent(text):
    san = Sanitiser()
    for fmt in ("markdown", "html"):
        once = san.sanitise(text, fmt)
        assert_safe(once)
        assert san.sanitise(once, "html") == once


def test_french_typography_after_sanitising_on_text_only(tmp_path):
    renderer = BodyRenderer(None, french_typography)  # the project's COMMENTS['typography']
    html = renderer.render("Vraiment ? `a ? b` [lien !](https://example.fr/?q=a:b;c) « oui »")
    assert f"Vraiment{NNBSP}?" in html and f"lien{NNBSP}!" in html and f"«{NNBSP}oui{NNBSP}»" in html
    assert "<code>a ? b</code>" in html
    assert 'href="https://example.fr/?q=a:b;c"' in html


def test_cache_avoids_sanitising_again(tmp_path, monkeypatch):
    cache = tmp_path / "cache" / "comments-sanitised.json"
    first = BodyRenderer(cache)
    out = [first.render(f"Commentaire {i} !") for i in range(5)]
    first.render("Commentaire 0 !")  # same body twice in one build: once
    assert first.sanitised == 5
    first.save()
    assert cache.exists()

    def forbidden(*args, **kwargs):
        raise AssertionError("sanitised again")

    monkeypatch.setattr(bodies.Sanitiser, "sanitise", forbidden)
    second = BodyRenderer(cache)
    assert [second.render(f"Commentaire {i} !") for i in range(5)] == out
    assert second.sanitised == 0
    monkeypatch.undo()
    mtime = cache.stat().st_mtime_ns
    second.save()
    assert cache.stat().st_mtime_ns == mtime  # nothing changed: not rewritten


def test_cache_keeps_only_what_the_build_used_and_survives_garbage(tmp_path):
    cache = tmp_path / "comments-sanitised.json"
    first = BodyRenderer(cache)
    first.render("a")
    first.render("b")
    first.save()
    second = BodyRenderer(cache)
    second.render("b", "html")  # another format is another entry
    second.render("b")
    assert second.sanitised == 1
    second.save()
    assert len(json.loads(cache.read_text())["entries"]) == 2
    cache.write_text("{ not json")
    third = BodyRenderer(cache)
    assert third.render("c") == "<p>c</p>" and third.sanitised == 1
    cache.write_text(json.dumps({"version": "old", "entries": {bodies.body_key("old", "c", "markdown"): "STALE"}}))
    assert BodyRenderer(cache).render("c") == "<p>c</p>"


@pytest.mark.parametrize("markup, expected", [
    ("<li>a</li>", "<p>a</p>"),
    ("<ul>texte<li>x</li></ul>", "<p>textex</p>"),
    ("<em>x<b>y</b><p>z</p></em>", "<p><em>x<b>y</b>z</em></p>"),
    ("<pre><p>x</p></pre>", "<pre>x</pre>"),
    ("<ul><li>ok</li></ul><blockquote><p>q</p></blockquote>", "<ul><li>ok</li></ul><blockquote><p>q</p></blockquote>"),
    ("a\x01b\x7fc\ufdd0d", "<p>abcd</p>"),
])
def test_hostile_nesting_and_control_characters_cannot_make_the_page_invalid(san, markup, expected):
    assert san.sanitise(markup, "html") == expected
