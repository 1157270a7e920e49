"""Tell a reader by e-mail that the author replied to their comment (`comments.reply`).

The reader's address comes from moderation/subscribers.json (kept when their
comment was approved); the SMTP settings are COMMENTS['notify'], as for the
author's own notifications (comments.intake.notify.send). A failure is a
warning for the author: the reply itself is already published.
"""

from __future__ import annotations

from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import TYPE_CHECKING, Any

from ..model import Comment

if TYPE_CHECKING:
    from ..importers.articles import ArticleIndex

NBSP = "\u00a0"


def article_url(posts: ArticleIndex, slug: str, pelican: Mapping[str, Any]) -> str | None:
    """The article's (or page's) URL relative to SITEURL, as Pelican writes it; None if it is not found."""
    from ..intake.catalog import build_post

    path = posts.paths.get(slug)
    if path is None or not pelican:
        return None
    post = build_post(path, pelican, page=slug in posts.pages)
    return post.url if post else None


def reply_message(parent: Comment, answer: Comment, *, to: str, notify: Mapping[str, Any], title: str,
                  link: str | None) -> EmailMessage:
    """The French e-mail telling `parent`'s author about `answer`."""
    msg = EmailMessage()
    # Plain spaces in the header: Python's RFC 2047 folding drops a space next to a no-break one.
    msg["Subject"] = f"Réponse à votre commentaire sur « {title} »"
    msg["From"] = notify["from"]
    msg["To"] = to
    if notify.get("to"):
        msg["Reply-To"] = notify["to"]
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="commentaires.local")
    lines = [
        f"Bonjour {parent.author},",
        "",
        f"{answer.author} a répondu à votre commentaire sur «{NBSP}{title}{NBSP}»{NBSP}:",
        "",
        *[f"> {line}" for line in answer.body.splitlines()],
        "",
    ]
    if link:
        lines += [f"Lire la réponse sur le site{NBSP}:", link, ""]
    lines += [
        "Vous recevez ce message parce que vous avez laissé votre adresse e-mail avec votre",
        "commentaire. Elle ne sert qu’à cela ; pour la faire effacer, répondez à ce message.",
    ]
    msg.set_content("\n".join(lines) + "\n")
    return msg


def notify_reply(parent: Comment, answer: Comment, *, to: str, notify: Mapping[str, Any], title: str,
                 link: str | None) -> bool:
    """Send the notification; True when the SMTP server took it."""
    from ..intake.notify import send

    return send(reply_message(parent, answer, to=to, notify=notify, title=title, link=link), notify)
