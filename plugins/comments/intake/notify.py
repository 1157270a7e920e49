"""E-mail the author about a new pending comment (COMMENTS['notify'] holds the SMTP settings).

Sent after the reader has had the answer; a failure is logged, never fatal:
the comment is already safe in the queue.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from ..model import Comment
from .catalog import Post

logger = logging.getLogger(__name__)

# Keys of COMMENTS['notify']: host, port (25), from, to, starttls (False),
# ssl (False: implicit TLS, port 465), user, password, timeout (10 s).


def build_message(comment: Comment, post: Post, notify: Mapping[str, Any], siteurl: str = "") -> EmailMessage:
    """The French notification for `comment`, pending on `post`."""
    msg = EmailMessage()
    msg["Subject"] = f"Nouveau commentaire en attente sur « {post.title} »"
    msg["From"] = notify["from"]
    msg["To"] = notify["to"]
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="commentaires.local")
    url = f"{siteurl}/{post.url}" if siteurl else f"/{post.url}"
    held = ", ".join(comment.held) or "premier commentaire de cet auteur"
    lines = [
        f"{comment.author} a laissé un commentaire sur « {post.title} » :",
        url,
        "",
        *[f"> {line}" for line in comment.body.splitlines()[:20]],
        "",
        f"Retenu pour modération : {held}.",
        "",
        "Pour le lire avec son fil :",
        f"    invoke comments.show {comment.id}",
        "Pour le publier, le refuser ou le marquer comme indésirable :",
        f"    invoke comments.approve {comment.id}",
        f"    invoke comments.reject {comment.id}",
        f"    invoke comments.spam {comment.id}",
    ]
    msg.set_content("\n".join(lines) + "\n")
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
                smtp.login(notify["user"], notify.get("password", ""))
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        logger.warning("Notification par e-mail non envoyée (%s:%s) : %s", host, notify.get("port"), exc)
        return False
    return True


def notify_pending(comment: Comment, post: Post, notify: Mapping[str, Any], siteurl: str = "") -> bool:
    """Build and send the notification for one pending comment."""
    return send(build_message(comment, post, notify, siteurl), notify)
