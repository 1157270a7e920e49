"""Production output addresses the public site: feeds, sitemap, robots.txt, canonical links."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

import feedparser
import lxml.html
from defusedxml import ElementTree

from .builds import SITEURL, all_files, article_files

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def feed_files(root) -> dict:
    """Every Atom or RSS document in the output, wherever it lies (feeds/, feed copies)."""
    found = {}
    for name, path in all_files(root).items():
        start = path.read_bytes()[:400]
        if start.startswith(b"<?xml") and (b"<rss" in start or b"<feed" in start):
            found[name] = path
    return found


def links_of_feed(data: bytes) -> list[str]:
    """Every link of a feed: its own, its entries', and those inside entry content."""
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    assert not parsed.bozo, parsed.get("bozo_exception")
    links = [link.href for link in parsed.feed.get("links", [])]
    for entry in parsed.entries:
        links += [link.href for link in entry.get("links", [])]
        for part in [*entry.get("content", []), entry.get("summary_detail")]:
            if part and part.get("value") and "html" in part.get("type", ""):
                tree = lxml.html.fragment_fromstring(part["value"], create_parent="div")
                links += [value for element in tree.iter() for attr, value in element.items()
                          if attr in ("href", "src", "cite")]
    # Links feedparser does not expose (thr:in-reply-to, atom:link in RSS).
    for element in ElementTree.fromstring(data).iter():
        links += [value for attr, value in element.items() if attr in ("href", "ref")]
    return links


def test_every_feed_link_is_absolute(production_site):
    feeds = feed_files(production_site)
    assert "feeds/all.atom.xml" in feeds and "feeds/all.rss.xml" in feeds
    bad, checked = [], 0
    for name, path in feeds.items():
        links = links_of_feed(path.read_bytes())
        assert links, f"{name} has no link at all"
        for link in links:
            checked += 1
            parts = urlsplit(link)
            own_site = parts.netloc == urlsplit(SITEURL).netloc
            if parts.scheme not in ("http", "https", "mailto") or (own_site and not link.startswith(SITEURL + "/")):
                bad.append(f"{name}: {link}")
    assert not bad, f"{len(bad)} of {checked} feed links are not absolute public links:\n" + "\n".join(bad[:20])


def sitemap_urls(root) -> list[str]:
    tree = ElementTree.parse(root / "sitemap.xml")
    return [loc.text for loc in tree.iter(f"{SITEMAP_NS}loc")]


def test_sitemap_lists_existing_public_pages(production_site):
    urls = sitemap_urls(production_site)
    assert urls and all(url.startswith(SITEURL + "/") for url in urls), urls[:5]
    assert len(urls) == len(set(urls))
    for url in urls:
        rel = url[len(SITEURL) + 1:]
        assert not rel or rel.endswith(("/", ".html")), f"{url} in sitemap.xml is not a page"
        path = production_site / (rel + "index.html" if rel.endswith("/") or not rel else rel)
        assert path.is_file(), f"{url} is in sitemap.xml but {path} does not exist"
        assert b'http-equiv="refresh"' not in path.read_bytes(), f"{url} is a redirect page"
    listed = {url[len(SITEURL) + 1:] + "index.html" for url in urls}
    assert set(article_files(production_site)) <= listed, "an article is missing from sitemap.xml"
    assert SITEURL + "/404.html" not in urls and (production_site / "404.html").is_file()  # SITEMAP exclude


def test_sitemap_dates_come_from_the_content(production_site):
    tree = ElementTree.parse(production_site / "sitemap.xml")
    lastmod = {url.find(f"{SITEMAP_NS}loc").text: url.find(f"{SITEMAP_NS}lastmod").text
               for url in tree.iter(f"{SITEMAP_NS}url")}
    assert all(not date.endswith("-00:00") for date in lastmod.values()), "a naive (clock) date in sitemap.xml"
    dates = {loc: datetime.fromisoformat(date) for loc, date in lastmod.items()}
    # Index pages carry the newest content date, never the build's clock.
    assert dates[SITEURL + "/"] == max(dates.values())


def test_robots_txt_names_the_sitemap(production_site):
    robots = (production_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots.splitlines()


def test_every_article_has_its_canonical_link(production_site):
    articles = article_files(production_site)
    assert articles
    for rel, path in articles.items():
        tree = lxml.html.fromstring(path.read_bytes())
        canonical = tree.xpath('//head/link[@rel="canonical"]/@href')
        assert canonical == [f"{SITEURL}/{rel.removesuffix('index.html')}"], f"{rel}: {canonical}"
