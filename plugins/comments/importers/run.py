"""Import an export into the store and the queue, in one pass over the file.

Each record is checked and its file staged (moderation/staging.py) as it is
read; only light metadata (id, parent, line) stays in memory for the checks
that need the whole file (parents, duplicates). If anything is wrong, the
staging folder is deleted and nothing changed; otherwise the staged files are
synced once and renamed into place. Existing files are never overwritten, so
importing twice changes nothing.

A record that only the rest of the file can settle (a reply to a comment not
read yet, a Disqus post before its thread, a WordPress user id not yet known
as an author's) is held whole until the end of the file; exports put those
first, so in practice almost nothing is held.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from ..core.comment_file import format_comment
from ..core.model import APPROVED, PENDING, REJECTED, SPAM, STATE_LABELS, Comment
from ..core.settings import Comments
from ..storage.articles import ArticleIndex
from ..storage.known_authors import KnownAuthors
from ..storage.queue import Queue
from ..storage.staging import Staging
from . import detect
from .articles import fallback_slug, match
from .base import SKIP, Importer, Record
from .progress import Progress
from .summary import NBSP, Summary

_BUCKETS = {APPROVED: "published", PENDING: "pending", SPAM: "spam", REJECTED: "rejected"}
_SOURCE_VERDICT = {PENDING: "en attente dans l’export", SPAM: "indésirable dans l’export",
                   REJECTED: "rejeté dans l’export"}


def import_file(
    path: Path | str,
    *,
    content: Path | str,
    queue_root: Path | str,
    settings: Comments | None = None,
    timezone: str = "UTC",
    dry_run: bool = False,
    progress: Progress | None = None,
    importer: Importer | None = None,
    articles: ArticleIndex | None = None,
) -> Summary:
    """Import the export at `path`; ImportFileError (nothing written) when it is unusable.

    `importer` and `articles` let the whole-blog import (plugins/wordpress_import) read
    posts in the same pass and match comments to the articles it is creating."""
    path = Path(path)
    importer = importer or detect(path)(path, timezone=timezone)
    queue = Queue(queue_root, content, store=(settings or Comments()).path)
    summary = Summary(path=path, format=importer.name, dry_run=dry_run)
    # Queued comments carry the day they entered the queue: the purge counts from it.
    now = datetime.now(UTC).replace(microsecond=0).astimezone(getattr(importer, "zone", UTC))
    with queue.lock():
        run = _Run(queue, summary, articles or ArticleIndex.read(Path(content)), queue.index(),
                   None if dry_run else queue.staging(), now)
        known = queue.known_authors()
        importer.progress = progress.phase("Import") if progress else None
        try:
            for record in importer.records():
                run.read(record, importer, known)
            run.finish(importer, known)
            if run.staging is not None:
                run.staging.commit()
        except BaseException:
            if run.staging is not None:
                run.staging.discard()
            raise
        if not dry_run:
            known.save()
    return summary


class _Run:
    """One import's state: light metadata for every record, the records held to the end."""

    def __init__(self, queue: Queue, summary: Summary, articles: ArticleIndex, existing: dict,
                 staging: Staging | None, now: datetime):
        self.queue, self.summary, self.articles, self.existing = queue, summary, articles, existing
        self.staging, self.now = staging, now
        self.meta: dict[str, tuple[str | None, bool]] = {}  # id -> (parent, imported)
        self.held: list[Record] = []

    def read(self, record: Record, importer, known: KnownAuthors) -> None:
        self.summary.read += 1
        if record.id in self.meta:
            self.summary.skipped[f"identifiant en double dans l’export ({record.id})"] += 1
            return
        if record.parent == record.id:
            record.parent = None
            record.notes.append("se répondait à lui-même, placé en tête de l’article")
        self.meta[record.id] = (record.parent, record.state != SKIP)
        if record.state == SKIP:
            self.summary.skipped[record.reason] += 1
        elif importer.settled(record) and self._parent_settled(record.parent):
            self._import(importer.resolve(record), known)
        else:
            self.held.append(record)

    def finish(self, importer, known: KnownAuthors) -> None:
        """The whole file is read: orphans go to the top of their article, then the records held are imported.

        A reply whose parent is in neither the export nor the site (an incomplete export)
        is never lost: it becomes a top-level comment, listed in the summary."""
        for record in self.held:
            missing = _nearest_imported(record.parent, self.meta)
            if missing is not None and missing not in self.meta and missing not in self.existing:
                record.notes.append(f"réponse à {missing}, absent de l’export et du site : placée en tête de l’article")
                record.parent = None
                self.meta[record.id] = (None, True)
        for record in self.held:
            self._import(importer.resolve(record), known)
        self.held.clear()

    def _parent_settled(self, parent: str | None) -> bool:
        # Settled once the chain up to an imported comment (or one of the site) is known.
        hops = 0
        while parent is not None and hops <= len(self.meta):
            if parent not in self.meta:
                return parent in self.existing
            parent, imported = self.meta[parent]
            if imported:
                return True
            hops += 1
        return True

    def _import(self, record: Record, known: KnownAuthors) -> None:
        comment, state, reasons = _place(record, self.articles, self.meta, self.now)
        self.summary.notices += [f"{record.id}{NBSP}: {note}" for note in record.notes]
        if state == APPROVED:
            known.add(record.author, record.email)
        _write(self.queue, comment, state, reasons, self.existing, self.summary, self.staging)


def _nearest_imported(parent: str | None, meta: Mapping) -> str | None:
    # A reply to a comment left out (trash, deleted) hangs under that comment's nearest imported ancestor.
    hops = 0
    while parent is not None and parent in meta and not meta[parent][1] and hops < len(meta):
        parent, hops = meta[parent][0], hops + 1
    return parent


def _place(record: Record, articles: ArticleIndex, meta: Mapping,
           now: datetime) -> tuple[Comment, str, list[str]]:
    slug = match(articles, record.post)
    state = record.state
    reasons: list[str] = list(record.notes)
    if state != APPROVED:
        reasons.append(record.reason or _SOURCE_VERDICT[state])
    if slug is None:
        reasons.append(f"article introuvable : {record.post.label()}")
        if state == APPROVED:
            state = PENDING
    comment = Comment(
        id=record.id, author=record.author, date=record.date, body=record.body,
        parent=_nearest_imported(record.parent, meta), website=record.website, role=record.role,
        source=record.source, type=record.type, format=record.format,
        post=slug or fallback_slug(record.post),
        email=None,  # nobody asked an export to be told of replies: imports never subscribe anyone
        held=list(reasons) if state != APPROVED else [],
        queued=now if state != APPROVED else None,
    )
    return comment, state, reasons


def _write(queue: Queue, comment: Comment, state: str, reasons: list[str], existing: dict,
           summary: Summary, staging: Staging | None) -> None:
    target = queue.path_for(comment, state)
    if comment.id in existing:
        old_state, old_path = existing[comment.id]
        if old_path.resolve() != target.resolve():
            summary.unchanged[f"déjà {STATE_LABELS[old_state]} (décision de modération gardée)"] += 1
        elif _without_queued(_read(old_path)) == _without_queued(format_comment(comment, queue=state != APPROVED)):
            summary.unchanged["déjà importé"] += 1
        else:
            summary.conflicts.append(f"{comment.id} ({old_path})")
        return
    if staging is not None:
        staging.write(target, format_comment(comment, queue=state != APPROVED), in_store=state == APPROVED)
    existing[comment.id] = (state, target)
    getattr(summary, _BUCKETS[state])[", ".join(reasons)] += 1
    if state == APPROVED and comment.is_mention:
        summary.mentions += 1


def _without_queued(text: str | None) -> str | None:
    # The day a comment entered the queue differs between two imports of the same export.
    head, sep, body = (text or "").partition("\n\n")
    return "\n".join(line for line in head.split("\n") if not line.startswith("queued:")) + sep + body


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
