"""The Pelican side: articles in, `article.related_posts` out, once per build."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from typing import Any

from french.contents import PerSource, content_objects
from pelican.generators import ArticlesGenerator
from source_lines import metadata_line

from .cache import load_result, load_terms, save_result, save_terms
from .scoring import Doc, TermCounts, compute_related, term_counts, text_key
from .settings import related_posts_settings
from .text import Analyzer, html_to_text

logger = logging.getLogger(__name__)


def _is_future(date: datetime, now: datetime) -> bool:
    if date.tzinfo is None:
        return date > now.replace(tzinfo=None)
    return date > now


# Each article's text digest, kept between the author's loop's builds: a save
# digests the saved text only (reading every content resolves its links, ~0.4 s
# at 1,000 articles).
_digests = PerSource()


def _to_doc(article: Any, cache: dict[str, TermCounts], analyzer: Analyzer, settings: dict[str, Any]) -> Doc:
    """The article as the scoring needs it. Its text is analysed here, into
    `cache`, unless the cache has it already (keyed by a digest of the HTML):
    no Doc holds a text, so 1,000 texts (~10 MB) are never alive at once."""
    title = getattr(article, "title", "") or ""
    key = _digests.get(article, settings, title, lambda: text_key(f"{title}\0{article.content or ''}"))
    if key not in cache:
        content = article.content or ""
        cache[key] = term_counts(analyzer.terms(f"{html_to_text(title)}\n{html_to_text(content)}"))
    category = getattr(article, "category", None)
    return Doc(
        slug=article.slug,
        lang=getattr(article, "lang", "") or "",
        date=article.date,
        tags=tuple(tag.slug for tag in getattr(article, "tags", None) or ()),
        category=category.slug if category else "",
        key=key,
    )


def parse_override(value: Any) -> list[str]:
    """`related: slug-a, slug-b` as ["slug-a", "slug-b"] (a list is accepted too)."""
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    return list(dict.fromkeys(s.strip() for s in items if str(s).strip()))


def _override(article: Any, by_slug: dict[str, Any], base: str) -> list[Any] | None:
    value = article.metadata.get("related")
    if value is None:
        return None
    chosen = []
    for slug in parse_override(value):
        target = by_slug.get(slug)
        if target is None or target is article:
            path = getattr(article, "source_path", "") or ""
            line = metadata_line(path, "related")
            where = os.path.relpath(path, base) if path and base else path
            reason = "l’article lui-même" if target is article else "aucun article publié n’a ce slug"
            logger.warning(
                "%s%s, champ «\u202frelated\u202f»\u00a0: «\u202f%s\u202f» ignoré (%s)",
                where, f":{line}" if line else "", slug, reason,
            )
            continue
        chosen.append(target)
    return chosen


def on_all_generators(generators: list) -> None:
    """all_generators_finalized: the articles generators' articles get their related posts."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            link_related(generator)


def link_related(generator: Any) -> None:
    """Set `related_posts` on every article of `generator`."""
    conf = related_posts_settings(generator.settings)
    now = datetime.now(UTC)
    # Published only: drafts and hidden articles live in other lists.
    pool = [a for a in generator.articles if not _is_future(a.date, now)]
    by_slug = {a.slug: a for a in pool}
    # Term counts of each text, persisted under CACHE_PATH by digest: a later
    # build (or `invoke livereload`) analyses only the texts that changed.
    cache_file, cache = load_terms(generator.settings, conf)
    loaded = set(cache)
    analyzer = Analyzer(conf.min_word_length)
    docs = [_to_doc(a, cache, analyzer, generator.settings) for a in pool]
    del analyzer
    # The lists depend only on the settings and on each doc's fields and text digest:
    # when none changed since the last build, its lists are reused as they are.
    inputs = text_key(repr((conf, [
        (d.slug, d.lang, d.date.isoformat(), d.tags, d.category, d.key) for d in docs])))
    related = load_result(generator.settings, conf, inputs)
    if related is None:
        related = compute_related(docs, conf, terms_cache=cache)
        save_result(generator.settings, conf, inputs, related)
    # Keep the cache to the texts of this build.
    used = {doc.key: cache[doc.key] for doc in docs}
    save_terms(cache_file, conf, used, changed=used.keys() != loaded)
    del docs, cache, used

    base = generator.settings.get("PATH", "")
    for article in content_objects(generator):
        chosen = _override(article, by_slug, base)
        if chosen is None:
            chosen = [by_slug[s] for s in related.get(article.slug, ())] if article.slug in by_slug else []
        article.related_posts = chosen
