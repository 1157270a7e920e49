"""Old WordPress addresses answered by the production build (plugins/wp_redirects)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import lxml.html
from comments.core.settings import Comments
from wp_redirects.page import plain_title, render_redirect
from wp_redirects.plan import plan_article_feed_copies, plan_feed_copies, plan_redirects

from tests.conftest import run_pelican
from tests.site.test_validity import nu_errors

from .builds import ARTICLE_PATH, SITEURL, all_files, article_files


def redirect_target(path: Path) -> tuple[str, str, str]:
    """(meta refresh URL, canonical URL, visible French text) of a redirect page."""
    tree = lxml.html.fromstring(path.read_bytes())
    refresh = tree.xpath('//meta[@http-equiv="refresh"]/@content')[0]
    canonical = tree.xpath('//link[@rel="canonical"]/@href')[0]
    assert tree.get("lang") == "fr"
    # A canonical link, never `noindex`, which search engines may carry over to the target.
    assert tree.xpath('//meta[@name="robots"]') == []
    return refresh.split("url=", 1)[1], canonical, tree.body.text_content().strip()


def test_each_article_answers_its_wordpress_addresses(production_site):
    articles = article_files(production_site)
    assert articles
    for rel, path in articles.items():
        slug = ARTICLE_PATH.match(rel).group(3)
        url = f"{SITEURL}/{rel.removesuffix('index.html')}"
        title = lxml.html.fromstring(path.read_bytes()).findtext(".//title")
        for old in (f"{slug}/index.html", rel.replace("/index.html", "/amp/index.html")):
            refresh, canonical, text = redirect_target(production_site / old)
            assert refresh == canonical == url, old
            assert text.startswith("Cet article a déménagé\u00a0:"), text
            assert text.split(":", 1)[1].strip() in title, (old, text, title)


def test_wordpress_feed_addresses_serve_the_feeds(production_site):
    files = all_files(production_site)
    expected = {"feed/index.html": "feeds/all.rss.xml", "feed/rss2/index.html": "feeds/all.rss.xml",
                "feed/atom/index.html": "feeds/all.atom.xml"}
    for rel in files:
        if match := re.fullmatch(r"feeds/category/([^/]+)\.rss\.xml", rel):
            expected[f"category/{match.group(1)}/feed/index.html"] = rel
    expected["comments/feed/index.html"] = "feeds/comments.rss.xml"
    for rel in files:
        if match := re.fullmatch(r"feeds/comments/([^/]+)\.atom\.xml", rel):
            article = next(a for a in article_files(production_site) if f"/{match.group(1)}/" in a)
            expected[article.replace("/index.html", "/feed/index.html")] = rel
    for copy, source in expected.items():
        assert copy in files, f"{copy} missing (copy of {source})"
        assert files[copy].read_bytes() == files[source].read_bytes(), copy


def test_redirect_pages_are_valid_html5(production_site):
    redirects = sorted(path for path in production_site.rglob("index.html")
                       if b'http-equiv="refresh"' in path.read_bytes())
    assert redirects
    assert nu_errors(redirects) == []


def test_a_real_page_is_never_overwritten(mini_content, tmp_path):
    """A page whose slug is an article's slug keeps its address; the build warns, naming the file."""
    article = sorted((mini_content / "articles").glob("*.md"))[0]
    slug = re.search(r"^Slug:\s*(\S+)", article.read_text(encoding="utf-8"), re.M).group(1)
    (mini_content / "pages" / "collision.md").write_text(
        f"Title: Page homonyme\nSlug: {slug}\n\nUne page réelle.\n", encoding="utf-8")
    output = tmp_path / "output"
    # Without --fatal, so that the build goes on past the warning, as `invoke preview` does.
    result = run_pelican(mini_content, output, settings="publishconf.py", env={"SITEURL": SITEURL}, fatal=None)
    log = (result.stdout + result.stderr).replace("\n", "").replace(" ", "")
    assert "existedéjà" in log and f"{slug}/index.html" in log, log
    page = (output / slug / "index.html").read_text(encoding="utf-8")
    assert "Une page réelle." in page and "déménagé" not in page
    # The article's other old address is still answered.
    assert len(list(output.glob(f"*/*/{slug}/amp/index.html"))) == 1


def test_redirect_page_escapes_the_title():
    html = render_redirect("https://blog.example.fr/2013/04/a/?x=1&y=2", plain_title("L&#8217;<em>été</em> <b>&</b>"))
    tree = lxml.html.fromstring(html)
    assert tree.xpath("//a/@href") == ["https://blog.example.fr/2013/04/a/?x=1&y=2"]
    assert tree.findtext(".//title") == "L\u2019été &"
    assert "<em>" not in html and "&amp;" in html


def test_plan_follows_the_settings():
    articles = [SimpleNamespace(url="2014/02/b/", slug="b", title="B"),
                SimpleNamespace(url="a.html", slug="a", title="A")]
    redirects = plan_redirects(articles, "https://blog.example.fr/", lambda a: a.title)
    assert [(r.path, r.url) for r in redirects] == [
        ("2014/02/b/amp/index.html", "https://blog.example.fr/2014/02/b/"),
        ("b/index.html", "https://blog.example.fr/2014/02/b/"),
        ("a/index.html", "https://blog.example.fr/a.html"),
    ]
    pattern = Comments().feed_article_atom
    assert [c.path for c in plan_article_feed_copies(articles, pattern)] == ["2014/02/b/feed/index.html"]
    assert plan_article_feed_copies(articles, None) == []
    copies = plan_feed_copies({"FEED_ALL_RSS": None, "FEED_ALL_ATOM": "all.xml",
                               "CATEGORY_FEED_RSS": "c/{slug}.xml"}, ["z", "y"])
    assert [(c.path, c.source) for c in copies] == [
        ("feed/atom/index.html", "all.xml"), ("comments/feed/index.html", "feeds/comments.rss.xml"),
        ("category/y/feed/index.html", "c/y.xml"), ("category/z/feed/index.html", "c/z.xml")]
    # Renamed comment feeds are followed; none, no copy.
    renamed = plan_feed_copies({"COMMENTS": {"feed_rss": "feeds/commentaires.xml"}}, [])
    assert [(c.path, c.source) for c in renamed] == [("comments/feed/index.html", "feeds/commentaires.xml")]
    assert plan_feed_copies({"COMMENTS": {"feed_rss": None}}, []) == []

