"""The Markdown file of an imported post or page, and writing it without ever losing an edit.

A file is written only where none is, or where the same text already is
(importing twice changes nothing). A file that differs was edited since the
import (or is the author's own): it is never overwritten, only listed.
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .plan import PAGE, Entry

ADDRESSES = "wordpress-addresses.json"  # under content/: old addresses of media and terms
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


@dataclass
class Page:
    """One file to write: its metadata lines and its Markdown body."""

    source: str
    meta: list[tuple[str, str]]
    body: str

    def text(self) -> str:
        head = "\n".join(f"{key}: {_one_line(value)}" for key, value in self.meta if value)
        return f"{head}\n\n{self.body.strip()}\n" if self.body.strip() else f"{head}\n"


def _one_line(value: str) -> str:
    return _SPACES.sub(" ", str(value)).strip()


def plain_title(value: str) -> str:
    """A WordPress title (entities, inline tags) as the text of a Title: line."""
    text = html.unescape(_TAGS.sub("", value or "")).strip()
    return text.replace("&", "&amp;").replace("<", "&lt;") if re.search(r"[<&]", text) else text


def local(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def metadata(entry: Entry, *, title: str, date: datetime, author: str, summary: str, image: str,
             category: str, tags: list[str]) -> list[tuple[str, str]]:
    item = entry.item
    modified = item.modified if item.modified and item.date and item.modified > item.date else None
    meta = [
        ("Title", title), ("Date", local(date)), ("Modified", local(modified)),
        ("Category", category if entry.kind != PAGE else ""),
        ("Tags", ", ".join(t.replace(",", " ") for t in tags) if entry.kind != PAGE else ""),
        ("Slug", entry.slug), ("Author", author), ("Summary", summary),
        ("Status", "draft" if entry.draft else ""), ("Image", image),
    ]
    if entry.url:
        meta += [("URL", entry.url), ("Save_as", entry.url + "index.html")]
    if item.comment_status == "closed":
        meta.append(("comments", "closed"))
    elif entry.kind == PAGE and item.comments:
        meta.append(("comments", "open"))
    meta += [("wordpress_id", item.id), ("wordpress_path", item.path if not entry.draft else "")]
    return meta


@dataclass
class Outcome:
    written: list[str]
    unchanged: list[str]
    conflicts: list[str]


def write_pages(pages: list[Page], content: Path, *, dry_run: bool) -> Outcome:
    """Write the new files: each staged beside its destination, all synced at once, then renamed
    (one sync instead of one per file, as the comment import does)."""
    outcome = Outcome([], [], [])
    staged: list[tuple[Path, Path]] = []
    try:
        for page in pages:
            path = content / page.source
            text = page.text()
            try:
                existing = path.read_text(encoding="utf-8") if path.exists() else None
            except (OSError, UnicodeDecodeError):
                existing = ""
            if existing is None:
                outcome.written.append(page.source)
                if not dry_run:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    temporary = path.with_name(f".{path.name}.tmp")
                    temporary.write_text(text, encoding="utf-8", newline="\n")
                    staged.append((temporary, path))
            elif existing == text:
                outcome.unchanged.append(page.source)
            else:
                outcome.conflicts.append(page.source)
        if staged:
            os.sync()
            for temporary, path in staged:
                temporary.replace(path)
            os.sync()
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
    return outcome


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)


def write_addresses(content: Path, addresses: dict[str, str], *, dry_run: bool) -> bool:
    """Merge `addresses` ({old path: "{static}/images/…", "{category}Name" or "{tag}Name"}) into
    content/wordpress-addresses.json, read by wp_redirects; True when the file changed."""
    path = content / ADDRESSES
    try:
        current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError):
        current = {}
    if not isinstance(current, dict):
        current = {}
    merged = dict(sorted({**current, **addresses}.items()))
    if merged == current:
        return False
    if not dry_run:
        _atomic_write(path, json.dumps(merged, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return True
