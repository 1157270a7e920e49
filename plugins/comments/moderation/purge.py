"""Delete what the privacy page promises to delete: queued comments older than N days.

Age is the comment's own date (`date:`), which for a form submission is when
it was received. It never changes when a comment moves between pending, spam
and rejected, unlike a file's mtime (rewritten by every move, reset by a copy
or a restore), so "30 days after reception" holds whatever happened since.
Imported comments keep their original date but also carry `queued:`, the day
they entered the queue: their age counts from that day, so a 2013 pending
WordPress comment is not deleted before anyone has read it.
Published comments are never purged. Each deletion also drops the comment's
e-mail from subscribers.json; the e-mail itself lived only in the deleted file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..core.comment_file import CommentFileError
from ..core.model import QUEUE_STATES, Comment, state_label
from ..storage.queue import Queue
from .context import Context, fail
from .display import NBSP


@dataclass
class PurgeReport:
    days: int
    dry_run: bool
    deleted: dict[str, list[Comment]] = field(default_factory=lambda: {s: [] for s in QUEUE_STATES})
    kept: int = 0
    unreadable: list[str] = field(default_factory=list)  # "path : reason", left for the author

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.deleted.values())


def purge(queue: Queue, days: int, *, dry_run: bool = False, now: datetime | None = None) -> PurgeReport:
    """Delete (or, with `dry_run`, list) queued comments dated more than `days` days ago."""
    if days < 0:
        raise ValueError(days)
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    report = PurgeReport(days=days, dry_run=dry_run)
    with queue.lock():
        for state in QUEUE_STATES:
            for path in queue.files(state):
                try:
                    comment = queue.read(state, path)
                except (CommentFileError, OSError) as exc:
                    report.unreadable.append(str(exc) if isinstance(exc, CommentFileError) else f"{path} : {exc}")
                    continue
                if queue_age_start(comment) >= cutoff:
                    report.kept += 1
                    continue
                if not dry_run:
                    queue.delete(state, path)
                report.deleted[state].append(comment)
        if not dry_run:
            _drop_orphans(queue)
    return report


def queue_age_start(comment: Comment):
    """When `comment` entered the queue: `queued:` (imports), else its date (form submissions)."""
    return max(comment.date, comment.queued) if comment.queued else comment.date


def _drop_orphans(queue: Queue) -> None:
    # An e-mail whose comment is neither queued nor published any more (deleted by hand).
    subscribers = queue.subscribers()
    known = queue.index()
    for cid in [c for c in subscribers.emails if c not in known]:
        subscribers.discard(cid)
    subscribers.save()


def summary_lines(report: PurgeReport, queue_root: Path) -> list[str]:
    """The French summary printed by `comments.purge`."""
    nbsp = "\u00a0"
    n = report.total
    plural = "s" if n > 1 else ""
    verb = ("serait supprimé" if n <= 1 else "seraient supprimés") if report.dry_run else (
        "supprimé" if n <= 1 else "supprimés")
    head = f"Purge de la file {queue_root} (commentaires de plus de {report.days} jour{'s' if report.days > 1 else ''})"
    lines = [f"{head}{nbsp}: {n} commentaire{plural} {verb}."]
    if report.dry_run:
        lines.append(f"Simulation (--dry-run){nbsp}: rien n’a été supprimé.")
    for state, comments in report.deleted.items():
        if comments:
            lines.append(f"  {len(comments)} {state_label(state, len(comments))}{nbsp}: " + ", ".join(c.id for c in comments[:20])
                         + (f", … et {len(comments) - 20} autres" if len(comments) > 20 else ""))
    lines.append(f"{report.kept} commentaire{'s' if report.kept > 1 else ''} plus récent{'s' if report.kept > 1 else ''} "
                 f"gardé{'s' if report.kept > 1 else ''} dans la file.")
    for problem in report.unreadable:
        lines.append(f"Fichier illisible, laissé en place{nbsp}: {problem}")
    return lines


def purge_and_report(ctx: Context, days: int = 30, *, dry_run: bool = False) -> None:
    """`comments.purge`: delete queued comments (and their e-mails) older than `days` days,
    as the privacy page promises, then print the summary."""
    if days < 0:
        raise fail(f"--days doit être un nombre de jours positif ou nul (reçu{NBSP}: {days})")
    report = purge(ctx.queue(), days, dry_run=dry_run)
    for line in summary_lines(report, ctx.queue_root):
        ctx.say(line)
