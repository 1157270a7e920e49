"""The whole-blog import: one pass over the export, then the posts, media and addresses.

1. The export is streamed once by `BlogReader` through the comment import
   engine: each item's fate is decided as it is read (so its comments find
   their article), its comments staged; a file that is not well-formed XML, or
   holds a DTD, stops everything here and nothing is written.
2. Posts and pages are converted (links need every item known), media planned.
3. Files are written where nothing is, or where the same text is; an edited
   file is listed, never overwritten. `dry_run` writes nothing at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from comments.core.settings import Comments
from comments.importers import detect
from comments.importers.progress import Progress
from comments.importers.run import import_file
from comments.storage.articles import ArticleIndex

from .body import Converter
from .items import BlogReader, Item
from .links import Links
from .media import Media, copy_files
from .plan import ARTICLE, MEDIA, PAGE, Entry, Planner
from .report import Report
from .write import write_addresses, write_pages


def import_blog(
    path: Path | str,
    *,
    content: Path | str,
    queue_root: Path | str,
    uploads: Path | str | None = None,
    pelican: Mapping | None = None,
    comments_settings: Comments | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Report:
    """Import a WordPress export (posts, pages, media, comments, addresses); ImportFileError when unreadable."""
    path, content = Path(path), Path(content)
    detect(path)  # a missing, unreadable or unknown file: its French refusal before anything starts
    pelican = pelican or {}
    articles_folder = (pelican.get("ARTICLE_PATHS") or ["articles"])[0]
    pages_folder = (pelican.get("PAGE_PATHS") or ["pages"])[0]
    index = ArticleIndex.read(content, pelican)
    planner = Planner(articles_folder, pages_folder)

    def on_item(item: Item) -> None:
        entry = planner.decide(item)
        if entry.kind in (ARTICLE, PAGE) and not entry.draft:
            item.slug = entry.slug  # the comments' PostRef matches the article by this slug
            index.add(entry.slug, item.title)

    reader = BlogReader(path, timezone=str(pelican.get("TIMEZONE") or "UTC"), on_item=on_item)
    comments = import_file(path, content=content, queue_root=queue_root, settings=comments_settings,
                           timezone=reader.timezone, dry_run=dry_run, progress=progress,
                           importer=reader, articles=index)
    report = Report(path=path, dry_run=dry_run, comments=comments)
    hosts = _hosts(reader.site_urls)
    media = Media(Path(uploads) if uploads else None, hosts)
    links = Links(hosts, media)
    _register(planner.entries, links, reader)
    converter = Converter(reader, planner.entries, links, media)
    pages = []
    for entry in planner.entries:
        report.count(entry)
        if entry.kind in (ARTICLE, PAGE):
            pages.append(converter.page(entry, report))
    outcome = write_pages(pages, content, dry_run=dry_run)
    report.files = outcome
    report.media = copy_files(sorted(media.copies.values(), key=lambda c: c.destination), content, dry_run=dry_run)
    report.missing = dict(sorted(media.missing.items()))
    report.links = (links.rewritten, links.unresolved)
    report.addresses = _addresses(planner.entries, links, media)
    write_addresses(content, report.addresses, dry_run=dry_run)
    return report


def _hosts(urls: list[str]) -> set[str]:
    from urllib.parse import urlsplit

    hosts = set()
    for url in urls:
        host = (urlsplit(url).hostname or "").lower()
        if host and host != "wordpress.com":  # base_site_url of every wordpress.com blog
            hosts.update({host, host.removeprefix("www."), "www." + host.removeprefix("www.")})
    return hosts


def _register(entries: list[Entry], links: Links, reader: BlogReader) -> None:
    """Every link target of the export: published posts and pages, attachments, terms, authors."""
    published = [e for e in entries if e.kind in (ARTICLE, PAGE) and not e.draft]
    for entry in entries:
        if entry.kind == MEDIA:
            links.add_attachment(entry.item)
    for entry in published:
        links.add_content(entry.item, entry.source)
    articles = [e.item for e in published if e.kind == ARTICLE]
    # A category that is some post's first keeps its archive; the others became tags.
    for item in articles:
        if item.categories:
            term = item.categories[0]
            links.add_term("category", term.nicename, "category", term.name)
    for item in articles:
        for term in item.categories[1:]:
            links.add_term("category", term.nicename, "tag", term.name)
        for term in item.tags:
            links.add_term("tag", term.nicename, "tag", term.name)
        links.add_term("author", item.author, "author", reader.authors.get(item.author, item.author))


def _addresses(entries: list[Entry], links: Links, media: Media) -> dict[str, str]:
    """Old addresses of what has no article of its own: attachment pages (to the file, when it
    was copied), category and tag archives. Posts and pages carry theirs in their metadata."""
    addresses = {}
    for entry in entries:
        item = entry.item
        if entry.kind == MEDIA and item.attachment_url and (found := media.copied(item.attachment_url)):
            for old in (item.path, f"/?attachment_id={item.id}"):
                if old:
                    addresses[old] = f"{{static}}/{found}"
    for (kind, slug), link in links.terms.items():
        if kind in ("category", "tag"):
            addresses[f"/{kind}/{slug}/"] = link
    return addresses


__all__ = ["import_blog"]
