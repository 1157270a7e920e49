"""Which old WordPress addresses get a file, and what each file holds.

WordPress answered `/<slug>/` (its %postname% permalinks), `/YYYY/MM/<slug>/amp/`,
`/feed/` and friends. A static host can answer any address that ends in `/`
with the `index.html` of that folder, so each shape becomes one file there:
a small redirect page for an article, a byte copy of the feed for a feed.
"""

from __future__ import annotations

from dataclasses import dataclass

from comments.core.settings import comments_settings


@dataclass(frozen=True)
class FeedCopy:
    """`path` (relative to output/) is a byte copy of the feed at `source`."""

    path: str
    source: str


@dataclass(frozen=True)
class Redirect:
    """`path` (relative to output/) is a redirect page to `url`, titled `title`."""

    path: str
    url: str
    title: str


def folder(url: str) -> str:
    """The file a static host serves for a folder-style URL."""
    return url.strip("/") + "/index.html"


def plan_feed_copies(settings: dict, category_slugs: list[str]) -> list[FeedCopy]:
    """Feed addresses of WordPress, each mapped to the feed that replaces it."""
    copies = []
    if settings.get("FEED_ALL_RSS"):
        copies += [FeedCopy("feed/index.html", settings["FEED_ALL_RSS"]),
                   FeedCopy("feed/rss2/index.html", settings["FEED_ALL_RSS"])]
    if settings.get("FEED_ALL_ATOM"):
        copies.append(FeedCopy("feed/atom/index.html", settings["FEED_ALL_ATOM"]))
    comments_rss = comments_settings(settings).feed_rss  # COMMENTS, as the comments plugin reads it
    if comments_rss:
        copies.append(FeedCopy("comments/feed/index.html", comments_rss))
    if settings.get("CATEGORY_FEED_RSS"):
        copies += [FeedCopy(f"category/{slug}/feed/index.html", settings["CATEGORY_FEED_RSS"].format(slug=slug))
                   for slug in sorted(category_slugs)]
    return copies


def plan_article_feed_copies(articles: list, pattern: str | None) -> list[FeedCopy]:
    """WordPress's per-post comment feed `/YYYY/MM/<slug>/feed/`, a copy of the
    article's comment feed (COMMENTS['feed_article_atom'], None: not written)."""
    if not pattern:
        return []
    return [FeedCopy(folder(article.url + "feed/"), pattern.format(slug=article.slug))
            for article in sorted(articles, key=lambda a: a.url) if article.url.endswith("/")]


def plan_redirects(articles: list, siteurl: str, title_of) -> list[Redirect]:
    """`/YYYY/MM/<slug>/amp/` then `/<slug>/`, each to the article."""
    articles = sorted(articles, key=lambda a: a.url)
    base = siteurl.rstrip("/") + "/"
    amp = [Redirect(folder(a.url + "amp/"), base + a.url, title_of(a)) for a in articles if a.url.endswith("/")]
    bare = [Redirect(folder(a.slug + "/"), base + a.url, title_of(a)) for a in articles
            if a.url.strip("/") != a.slug]
    return amp + bare
