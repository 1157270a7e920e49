"""E-mail the author about a new pending comment (COMMENTS['notify'] holds the SMTP settings).

Sent after the reader has had the answer; a failure is logged, never fatal:
the comment is already safe in the queue.
"""

from __future__ import annotations

import html
import logging
import os
import smtplib
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from ..model import Comment
from ..settings import SMTP_PASSWORD_ENV
from .catalog import Post

logger = logging.getLogger(__name__)

# Keys of COMMENTS['notify']: host, port (25), from, to, starttls (False),
# ssl (False: implicit TLS, port 465), user, timeout (10 s); the password is COMMENTS_SMTP_PASSWORD
# in the environment (settings.SMTP_PASSWORD_ENV), never in a settings file.


LINK_LABELS = {"approve": "Approuver", "reject": "Rejeter", "spam": "Indésirable", "reply": "Répondre"}


def build_message(comment: Comment, post: Post, notify: Mapping[str, Any], siteurl: str = "",
                  links: Mapping[str, str] | None = None) -> EmailMessage:
    """The French notification for `comment`, pending on `post`: plain text, plus an HTML part
    where the reader's text is only text (no remote image, no link but the site's and the
    service's own). `links`: action -> signed link (see moderation_page.tokens)."""
    msg = EmailMessage()
    msg["Subject"] = f"Nouveau commentaire en attente sur « {post.title} »"
    msg["From"] = notify["from"]
    msg["To"] = notify["to"]
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="commentaires.local")
    url = f"{siteurl}/{post.url}" if siteurl else f"/{post.url}"
    held = ", ".join(comment.held) or "premier commentaire de cet auteur"
    quoted = comment.body.splitlines()[:20]
    lines = [
        f"{comment.author} a laissé un commentaire sur « {post.title} » :",
        url,
        "",
        *[f"> {line}" for line in quoted],
        "",
        f"Retenu pour modération : {held}.",
        "",
    ]
    if links:
        lines += ["Chaque lien ouvre une page de confirmation (valable sept jours, une seule fois) :"]
        lines += [f"{LINK_LABELS[action]} : {link}" for action, link in links.items()]
        lines += [""]
    lines += [
        "Ou, en ligne de commande :",
        f"    invoke comments.show {comment.id}",
        f"    invoke comments.approve {comment.id}",
    ]
    msg.set_content("\n".join(lines) + "\n")
    esc = html.escape
    parts = [
        f"<p>{esc(comment.author)} a laissé un commentaire sur "
        f"<a href=\"{esc(url)}\">«&nbsp;{esc(post.title)}&nbsp;»</a>&nbsp;:</p>",
        "<blockquote>" + "<br>".join(esc(line) for line in quoted) + "</blockquote>",
        f"<p>Retenu pour modération&nbsp;: {esc(held)}.</p>",
    ]
    if links:
        parts.append("<p>" + " · ".join(f"<a href=\"{esc(link)}\">{LINK_LABELS[action]}</a>"
                                        for action, link in links.items()) + "</p>")
        parts.append("<p>Chaque lien ouvre une page de confirmation (valable sept jours, une seule fois).</p>")
    msg.add_alternative("<!DOCTYPE html><html lang=\"fr\"><body>" + "".join(parts) + "</body></html>\n",
                        subtype="html")
    return msg


def send(msg: EmailMessage, notify: Mapping[str, Any]) -> bool:
    """Send `msg` with the SMTP settings; True when sent, False (logged) otherwise."""
    host, timeout = notify.get("host", "127.0.0.1"), float(notify.get("timeout", 10))
    try:
        if notify.get("ssl"):
            smtp = smtplib.SMTP_SSL(host, int(notify.get("port", 465)), timeout=timeout,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(host, int(notify.get("port", 25)), timeout=timeout)
        with smtp:
            if notify.get("starttls"):
                smtp.starttls(context=ssl.create_default_context())
            if notify.get("user"):
                smtp.login(notify["user"], os.environ.get(SMTP_PASSWORD_ENV, ""))
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        logger.warning("Notification par e-mail non envoyée (%s:%s) : %s", host, notify.get("port"), exc)
        return False
    return True


def notify_pending(comment: Comment, post: Post, notify: Mapping[str, Any], siteurl: str = "",
                   links: Mapping[str, str] | None = None) -> bool:
    """Build and send the notification for one pending comment."""
    return send(build_message(comment, post, notify, siteurl, links), notify)
