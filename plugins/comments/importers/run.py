"""Import an export into the store and the queue: validate it all, then write.

Pass 1 reads the whole export (streamed) and checks it: ids, parents, sizes,
XML safety. Only then pass 2 reads it again and writes each comment
atomically where it belongs, never overwriting a file that already exists.
A bad file therefore changes nothing, and importing twice changes nothing.
Each file is atomic against a kill (temporary file, rename); the data is
flushed to the disk once at the end rather than fsynced file by file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..model import APPROVED, PENDING, REJECTED, SPAM, Comment
from ..moderation.queue import STATE_LABELS, Queue
from ..moderation.rules import KnownAuthors
from ..store import format_comment
from . import detect
from .articles import ArticleIndex, fallback_slug
from .base import SKIP, ImportFileError, Record
from .progress import Progress
from .summary import Summary

_BUCKETS = {APPROVED: "published", PENDING: "pending", SPAM: "spam", REJECTED: "rejected"}
_SOURCE_VERDICT = {PENDING: "en attente dans l'export", SPAM: "indésirable dans l'export",
                   REJECTED: "rejeté dans l'export"}


def import_file(
    path: Path | str,
    *,
    content: Path | str,
    queue_root: Path | str,
    settings: Mapping | None = None,
    timezone: str = "UTC",
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Summary:
    """Import the export at `path`; ImportFileError (nothing written) when it is unusable."""
    path = Path(path)
    importer_class = detect(path)
    importer = importer_class(path, timezone=timezone)
    settings = settings or {}
    queue = Queue(queue_root, content, store=settings.get("path", "comments"))
    summary = Summary(path=path, format=importer.name, dry_run=dry_run)
    with queue.lock():
        existing = queue.index()
        importer.progress = progress.phase("Analyse") if progress else None
        meta = _validate(importer, existing)
        importer.progress = progress.phase("Import") if progress else None
        articles = ArticleIndex(Path(content))
        known = KnownAuthors(Path(queue_root) / "known-authors.json")
        seen: set[str] = set()
        for record in importer.records():
            summary.read += 1
            if record.id in seen:
                summary.skipped[f"identifiant en double dans l'export ({record.id})"] += 1
                continue
            seen.add(record.id)
            importer.resolve(record)
            if record.state == SKIP:
                summary.skipped[record.reason] += 1
                continue
            comment, state, reasons = _place(record, articles, meta)
            if state == APPROVED:
                known.add(record.author, record.email)
            _write(queue, comment, state, reasons, existing, summary, dry_run)
        if not dry_run:
            queue.flush()
            known.save()
    return summary


def _validate(importer, existing: Mapping) -> dict[str, tuple[str | None, bool]]:
    """Pass 1: id -> (parent, imported). Raises on a parent that is nowhere."""
    meta: dict[str, tuple[str | None, bool]] = {}
    lines: dict[str, int | None] = {}
    for record in importer.records():
        if record.id not in meta:
            meta[record.id] = (record.parent, record.state != SKIP)
            lines[record.id] = record.line
    for cid, (parent, _imported) in meta.items():
        if parent is not None and parent not in meta and parent not in existing:
            raise ImportFileError(
                importer.path, lines[cid],
                f"le commentaire {cid} répond à {parent}, absent de l'export et du site : "
                "export incomplet ?",
            )
    return meta


def _nearest_imported(parent: str | None, meta: Mapping) -> str | None:
    # A reply to a comment left out (trash, deleted) hangs under that comment's nearest imported ancestor.
    hops = 0
    while parent is not None and parent in meta and not meta[parent][1] and hops < len(meta):
        parent, hops = meta[parent][0], hops + 1
    return parent


def _place(record: Record, articles: ArticleIndex, meta: Mapping) -> tuple[Comment, str, list[str]]:
    slug = articles.match(record.post)
    state = record.state
    reasons: list[str] = []
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
        email=record.email if state != APPROVED else None,
        # held: is one comma-separated line: a comma inside a reason becomes a look-alike.
        held=[r.replace(",", "\u201a") for r in reasons] if state != APPROVED else [],
    )
    return comment, state, reasons


def _write(queue: Queue, comment: Comment, state: str, reasons: list[str], existing: dict,
           summary: Summary, dry_run: bool) -> None:
    target = queue.path_for(comment, state)
    if comment.id in existing:
        old_state, old_path = existing[comment.id]
        if old_path.resolve() != target.resolve():
            summary.unchanged[f"déjà {STATE_LABELS[old_state]} (décision de modération gardée)"] += 1
        elif _read(old_path) == format_comment(comment, queue=state != APPROVED):
            summary.unchanged["déjà importé"] += 1
        else:
            summary.conflicts.append(f"{comment.id} ({old_path})")
        return
    if not dry_run:
        queue.write(comment, state, bulk=True)
    existing[comment.id] = (state, target)
    getattr(summary, _BUCKETS[state])[", ".join(reasons)] += 1
    if state == APPROVED and comment.is_mention:
        summary.mentions += 1


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
