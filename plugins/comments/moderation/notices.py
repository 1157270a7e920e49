"""Tell a subscribed reader by e-mail that their comment is published, or that the author replied.

The reader's address comes from moderation/subscribers.json (kept when their
comment was approved, only if they ticked « Me prévenir par e-mail des
réponses »); the SMTP settings are COMMENTS['notify'], as for the author's own
notifications (comments.intake.notify.send). A failure is a warning for the
author: the comment is already published. Every such e-mail can be stopped in
one click (List-Unsubscribe, RFC 8058, handled by the moderation service).
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


UNSUBSCRIBE_PATH = "/moderation/desabonnement/"


def service_base(comments: Mapping[str, Any], siteurl: str = "") -> str:
    """The comment service's public address, for links in e-mails: COMMENTS['service_url'], else
    the origin of an absolute intake_url (the service on its own origin), else the blog's address."""
    from urllib.parse import urlsplit

    explicit = comments.get("service_url")
    if explicit:
        return str(explicit).rstrip("/")
    intake = str(comments.get("intake_url") or "")
    if intake.startswith(("http://", "https://")):
        parts = urlsplit(intake)
        return f"{parts.scheme}://{parts.netloc}"
    notify = comments.get("notify") or {}
    return str(notify.get("siteurl") or siteurl).rstrip("/")


def unsubscribe_url(service: str, queue_root: Any, cid: str) -> str:
    """The signed link that stops e-mails about comment `cid`'s thread (no expiry: it must keep working)."""
    from .signing import secret_key, sign

    return f"{service}{UNSUBSCRIBE_PATH}{sign(secret_key(queue_root), 'unsubscribe', cid)}"


def reader_message(parent: Comment, answer: Comment | None, *, to: str, notify: Mapping[str, Any], title: str,
                   link: str | None, unsubscribe: str) -> EmailMessage:
    """The French e-mail to `parent`'s author: `answer` replies to it, or (None) it is published.
    It carries List-Unsubscribe with a one-click POST (RFC 8058) and the same link in the text."""
    msg = EmailMessage()
    # Plain spaces in the header: Python's RFC 2047 folding drops a space next to a no-break one.
    if answer is None:
        msg["Subject"] = f"Votre commentaire sur « {title} » est publié"
    else:
        msg["Subject"] = f"Réponse à votre commentaire sur « {title} »"
    msg["From"] = notify["from"]
    msg["To"] = to
    if notify.get("to"):
        msg["Reply-To"] = notify["to"]
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="commentaires.local")
    msg["List-Unsubscribe"] = f"<{unsubscribe}>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    lines = [f"Bonjour {parent.author},", ""]
    if answer is None:
        lines += [f"Votre commentaire sur «{NBSP}{title}{NBSP}» a été approuvé{NBSP}: il paraît sur le site",
                  "à sa prochaine mise à jour.", ""]
    else:
        lines += [f"{answer.author} a répondu à votre commentaire sur «{NBSP}{title}{NBSP}»{NBSP}:", "",
                  *[f"> {line}" for line in answer.body.splitlines()], ""]
    if link:
        lines += [f"Le lire sur le site{NBSP}:" if answer is None else f"Lire la réponse sur le site{NBSP}:",
                  link, ""]
    lines += [
        "Vous recevez ce message parce que vous avez demandé à être prévenu(e) par e-mail des",
        "réponses à votre commentaire. Votre adresse ne sert qu’à cela.",
        f"Pour ne plus recevoir ces messages{NBSP}:",
        unsubscribe,
    ]
    msg.set_content("\n".join(lines) + "\n")
    return msg


def notify_reader(parent: Comment, answer: Comment | None, *, to: str, notify: Mapping[str, Any], title: str,
                  link: str | None, service: str, queue_root: Any) -> bool:
    """Send the reader's e-mail; True when the SMTP server took it."""
    from ..addresses import single_address
    from ..intake.notify import send

    address = single_address(to)
    if address is None:  # a queue file from before addresses were checked: never several recipients
        return False
    unsubscribe = unsubscribe_url(service, queue_root, parent.id)
    message = reader_message(parent, answer, to=address, notify=notify, title=title, link=link,
                             unsubscribe=unsubscribe)
    return send(message, notify)
