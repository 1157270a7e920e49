"""The author's moderation commands (called by tasks.py's `comments.*` tasks), in French.

Every command takes the queue lock for its whole run (`review` per action, so
the form receiver is never blocked by a waiting prompt). Errors end with
`ModerationError` (the CLI exits with code 1) and a message naming what is wrong.
"""

from __future__ import annotations

import re
import secrets
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from zoneinfo import ZoneInfo

from ..core.comment_file import ID_RE, ID_RULE, CommentFileError
from ..core.model import APPROVED, PENDING, QUEUE_STATES, REJECTED, SPAM, STATE_LABELS, Comment, state_label
from ..core.settings import Comments, comments_settings
from ..core.terminal import visible
from ..storage.queue import CommentNotFound, Queue, QueueError
from .display import NBSP, table, thread
from .errors import ModerationError
from .publish import publish, push_published, push_report
from .rules import KnownAuthors

if TYPE_CHECKING:
    from ..storage.posts import Catalog



@dataclass
class Context:
    """Where the commands work and with which settings."""

    content: Path
    queue_root: Path
    settings: Comments = field(default_factory=Comments)  # the COMMENTS setting
    author: str = "Auteur"
    timezone: str = "UTC"
    out: TextIO = field(default_factory=lambda: sys.stdout)
    pelican: Mapping = field(default_factory=dict)  # Pelican's settings (article URLs for e-mails)
    siteurl: str = ""
    _posts: Catalog | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_pelican(cls, pelican: Mapping, *, queue: str | None = None, content: str | None = None,
                     root: Path | None = None) -> Context:
        """From Pelican's settings. Relative paths are taken from `root`: the settings file's folder,
        as the service takes them (intake.config.load_config), else the current folder."""
        try:
            comments = comments_settings(pelican)
        except ValueError as exc:
            raise ModerationError(f"Erreur{NBSP}: {exc}") from None
        root = root or Path.cwd()
        return cls(
            content=root / (content or pelican.get("PATH", "content")),
            queue_root=root / (queue or comments.queue_path),
            settings=comments, author=pelican.get("AUTHOR") or "Auteur",
            timezone=pelican.get("TIMEZONE") or "UTC", pelican=pelican,
            siteurl=str(pelican.get("SITEURL") or ""),
        )

    def posts(self) -> Catalog:
        """The articles and pages a comment may belong to, read once per command through Pelican's
        own classes, as the receiver reads them (so every post it accepts comments for is known here)."""
        if self._posts is None:
            from ..storage.posts import Catalog, site_settings

            self._posts = Catalog(site_settings(self.pelican, self.content), self.content / self.settings.path)
        return self._posts

    def title_of(self, slug: str) -> str:
        post = self.posts().post(slug)
        return post.title if post else ""

    def queue(self) -> Queue:
        return Queue(self.queue_root, self.content, store=self.settings.path)

    def known_authors(self) -> KnownAuthors:
        return self.queue().known_authors()

    def say(self, line: str = "") -> None:
        # Names, bodies, reasons come from comments: controls and bidi are shown, never sent.
        self.out.write(visible(line) + "\n")
        self.out.flush()


def fail(message: str) -> ModerationError:
    return ModerationError(visible(f"Erreur{NBSP}: {message}\n"))


# --- looking ------------------------------------------------------------------------------

def show_queue(ctx: Context, state: str = PENDING) -> None:
    if state not in STATE_LABELS:
        raise fail(f"état inconnu « {state} » (états{NBSP}: {', '.join(STATE_LABELS)})")
    queue = ctx.queue()
    try:
        with queue.lock():
            comments = queue.list(state)
    except CommentFileError as exc:
        raise fail(str(exc)) from None
    for note in queue.notes:
        ctx.say(note)
    if not comments:
        ctx.say(f"Aucun commentaire {STATE_LABELS[state]}.")
        return
    for line in table(comments):
        ctx.say(line)
    n = len(comments)
    ctx.say(f"\n{n} commentaire{'s' if n > 1 else ''} {state_label(state, n)}.")


def check_ids(ids: list[str]) -> list[str]:
    ids = [i for i in ids if i]
    if not ids:
        raise fail("aucun identifiant donné")
    bad = [i for i in ids if not ID_RE.match(i)]
    if bad:
        raise fail("identifiant invalide " + ", ".join(f"« {i} »" for i in bad) + f" ({ID_RULE})")
    return ids


def split_ids(value: str | list[str]) -> list[str]:
    """'wp-1,wp-2 wp-3' -> ['wp-1', 'wp-2', 'wp-3']."""
    if isinstance(value, str):
        value = [value]
    return [part for item in value for part in re.split(r"[\s,;]+", item.strip()) if part]


def find_comment(queue: Queue, cid: str) -> tuple[str, Comment, Path]:
    """(state, comment, path) of `cid`, or the French refusal naming it."""
    try:
        return queue.get(cid)
    except CommentNotFound:
        raise fail(f"aucun commentaire « {cid} » (ni publié, ni dans la file {queue.root})") from None
    except CommentFileError as exc:
        raise fail(str(exc)) from None


def _thread_of(queue: Queue, post: str) -> dict[str, tuple[str, Comment]]:
    others: dict[str, tuple[str, Comment]] = {}
    folder = queue.store / post
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            others[path.stem] = (APPROVED, queue.read(APPROVED, path))
        except CommentFileError:
            continue
    for state in QUEUE_STATES:
        for path in queue.files(state):
            try:
                comment = queue.read(state, path)
            except CommentFileError:
                continue
            if comment.post == post:
                others[comment.id] = (state, comment)
    return others


def show(ctx: Context, cid: str) -> None:
    (cid,) = check_ids([cid])
    queue = ctx.queue()
    with queue.lock():
        state, comment, _path = find_comment(queue, cid)
        others = _thread_of(queue, comment.post)
    title = ctx.title_of(comment.post)
    for line in thread(comment, state, others, title):
        ctx.say(line)


# --- moving ----------------------------------------------------------------------------------

def set_state(ctx: Context, ids: list[str], new_state: str, queue: Queue | None = None, *,
              push: bool = True, notify: bool = True) -> None:
    """approve / reject / spam / restore: check every id first, then move each one (approve: `publish`).
    The commits of approvals are pushed once the queue is released (`push` False: the caller does it).
    A subscribed reader is told that their comment is published (unless `notify` is False: a reply follows)."""
    ids = check_ids(ids)
    queue = queue or ctx.queue()
    with queue.lock():
        found = {cid: find_comment(queue, cid) for cid in ids}
        if new_state == APPROVED:
            posts = ctx.posts()
            missing = [f"{cid} (post{NBSP}: {c.post})" for cid, (_s, c, _p) in found.items()
                       if posts.post(c.post) is None]
            if missing:
                raise fail(
                    "article introuvable pour " + ", ".join(missing)
                    + f"{NBSP}; corrigez « post: » dans le fichier de la file, ou créez l’article. Rien n’a été changé."
                )
        known = ctx.known_authors()
        published = []
        for cid in ids:
            if new_state == APPROVED:
                old_state, comment = publish(queue, cid, ctx.settings, author=ctx.author, push=False)
            else:
                old_state, comment = queue.move(cid, new_state)
            if old_state == new_state:
                ctx.say(f"{cid}{NBSP}: déjà {STATE_LABELS[new_state]}.")
                continue
            if new_state == APPROVED:
                known.add(comment.author, comment.email)
                published.append(comment)
            ctx.say(f"{cid}{NBSP}: {STATE_LABELS[old_state]} → {STATE_LABELS[new_state]} ({comment.path})")
        known.save()
        subscribers = queue.subscribers()
    if published and push:
        _pushed(ctx, push_published(queue, ctx.settings, author=ctx.author))
    for comment in published:  # outside the lock: SMTP may be slow
        email = subscribers.get(comment.id)
        if email and notify and comment.role != "author":
            _notify_reader(ctx, comment, None, email)


def _pushed(ctx: Context, pushed: bool | None) -> None:
    report = push_report(ctx.settings, pushed)
    if report:
        ctx.say(report)


def approve(ctx: Context, ids: list[str]) -> None:
    set_state(ctx, ids, APPROVED)


def reject(ctx: Context, ids: list[str]) -> None:
    set_state(ctx, ids, REJECTED)


def spam(ctx: Context, ids: list[str]) -> None:
    set_state(ctx, ids, SPAM)


# --- replying ----------------------------------------------------------------------------------

def replyable(ctx: Context, cid: str) -> Comment:
    """The comment `cid`, if the author may answer it (pending or published), else the French refusal."""
    (cid,) = check_ids([cid])
    queue = ctx.queue()
    with queue.lock():
        state, comment, _path = find_comment(queue, cid)
    if state in (SPAM, REJECTED):
        raise fail(f"{cid} est {STATE_LABELS[state]}{NBSP}: approuvez-le avant d’y répondre")
    return comment


def reply(ctx: Context, cid: str, text: str) -> str:
    """Publish the author's reply `text` to `cid` (approving it first if pending); returns the new id.
    (The CLI's editor, when no text is given, is cli/editor.py's.)"""
    replyable(ctx, cid)
    queue = ctx.queue()
    text = (text or "").strip()
    if not text:
        raise fail("réponse vide : rien n’a été publié")
    with queue.lock():
        state, comment, _path = find_comment(queue, cid)
        if state == PENDING:
            set_state(ctx, [cid], APPROVED, queue, push=False, notify=False)
        new_id = secrets.token_hex(5)
        while queue.locate(new_id):
            new_id = secrets.token_hex(5)
        answer = Comment(
            id=new_id, author=ctx.author, date=datetime.now(ZoneInfo(ctx.timezone)).replace(microsecond=0),
            body=text, parent=cid, role="author", post=comment.post,
        )
        try:
            _previous, answer = publish(queue, answer, ctx.settings, author=ctx.author, push=False)
        except QueueError as exc:
            raise fail(str(exc)) from None
        path = answer.path
        email = queue.subscribers().get(cid)
    ctx.say(f"Réponse {new_id} publiée ({path}).")
    _pushed(ctx, push_published(queue, ctx.settings, author=ctx.author))
    if email and comment.role != "author":
        _notify_reader(ctx, comment, answer, email)
    return new_id


def _notify_reader(ctx: Context, parent: Comment, answer: Comment | None, email: str) -> None:
    """E-mail a subscribed reader: `answer` replies to their comment `parent`, or (None) `parent`
    is published. COMMENTS['notify'] holds the SMTP settings; a failure only warns."""
    notify = ctx.settings.notify
    if notify is None:
        ctx.say(f"(Pas de notification à l’auteur du commentaire{NBSP}: COMMENTS['notify'] n’est pas configuré.)")
        return
    from ..storage.mail import notify_reader, service_base

    base = str(notify.siteurl or ctx.siteurl).rstrip("/")
    post = ctx.posts().post(parent.post)
    url = post.url if post and ctx.pelican else None
    shown = answer or parent
    link = f"{base}/{url}#comment-{shown.id}" if url is not None and base else None
    title = post.title if post else parent.post
    service = service_base(ctx.settings, ctx.siteurl)
    if notify_reader(parent, answer, to=email, notify=notify, title=title, link=link,
                     service=service, queue_root=ctx.queue_root):
        ctx.say(f"{parent.author} a été prévenu(e) par e-mail.")
    else:
        what = "la réponse" if answer else "le commentaire"
        ctx.say(f"Attention{NBSP}: l’e-mail prévenant {parent.author} n’a pas pu être envoyé "
                f"(voir le message ci-dessus){NBSP}; {what} est bien publié{'e' if answer else ''}.")


# --- purge ------------------------------------------------------------------------------------

def purge(ctx: Context, days: int = 30, *, dry_run: bool = False) -> None:
    """Delete queued comments (and their e-mails) older than `days` days, as the privacy page promises."""
    from .purge import purge as run_purge
    from .purge import summary_lines

    if days < 0:
        raise fail(f"--days doit être un nombre de jours positif ou nul (reçu{NBSP}: {days})")
    report = run_purge(ctx.queue(), days, dry_run=dry_run)
    for line in summary_lines(report, ctx.queue_root):
        ctx.say(line)
