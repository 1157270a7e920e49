"""E-mail, composed and sent with COMMENTS['notify']'s SMTP settings.

The author hears of a new pending comment (sent after the reader has had the
answer); a subscribed reader hears that their comment is published or that the
author replied (the address comes from subscribers.json, kept only if they
ticked « Me prévenir par e-mail des réponses »; every such e-mail can be
stopped in one click: List-Unsubscribe, RFC 8058, handled by the service).
A failure is logged, never fatal: the comment or the reply is already safe.
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

from ..core.model import Comment
from ..core.settings import SMTP_PASSWORD_ENV, Comments, Notify
from .posts import Post

logger = logging.getLogger(__name__)
NBSP = "\u00a0"

# COMMENTS['notify'] is a core.settings.Notify; the password is COMMENTS_SMTP_PASSWORD
# in the environment (settings.SMTP_PASSWORD_ENV), never in a settings file.


LINK_LABELS = {"approve": "Approuver", "reject": "Rejeter", "spam": "Indésirable", "reply": "Répondre"}


def build_message(comment: Comment, post: Post, notify: Notify, siteurl: str = "",
                  links: Mapping[str, str] | None = None) -> EmailMessage:
    """The French notification for `comment`, pending on `post`: plain text, plus an HTML part
    where the reader's text is only text (no remote image, no link but the site's and the
    service's own). `links`: action -> signed link (see moderation_page.tokens)."""
    msg = EmailMessage()
    msg["Subject"] = f"Nouveau commentaire en attente sur « {post.title} »"
    msg["From"] = notify.sender
    msg["To"] = notify.to
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


def send(msg: EmailMessage, notify: Notify) -> bool:
    """Send `msg` with the SMTP settings; True when sent, False (logged) otherwise."""
    host, timeout = notify.host, float(notify.timeout)
    try:
        if notify.ssl:
            smtp = smtplib.SMTP_SSL(host, notify.smtp_port, timeout=timeout,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(host, notify.smtp_port, timeout=timeout)
        with smtp:
            if notify.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if notify.user:
                smtp.login(notify.user, os.environ.get(SMTP_PASSWORD_ENV, ""))
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        logger.warning("Notification par e-mail non envoyée (%s:%s) : %s", host, notify.smtp_port, exc)
        return False
    return True


def notify_pending(comment: Comment, post: Post, notify: Notify, siteurl: str = "",
                   links: Mapping[str, str] | None = None) -> bool:
    """Build and send the notification for one pending comment."""
    return send(build_message(comment, post, notify, siteurl, links), notify)


# --- a subscribed reader's e-mails ---

UNSUBSCRIBE_PATH = "/moderation/desabonnement/"


def service_base(comments: Comments, siteurl: str = "") -> str:
    """The comment service's public address, for links in e-mails: COMMENTS['service_url'], else
    the origin of an absolute intake_url (the service on its own origin), else the blog's address."""
    from urllib.parse import urlsplit

    if comments.service_url:
        return comments.service_url.rstrip("/")
    intake = comments.intake_url
    if intake.startswith(("http://", "https://")):
        parts = urlsplit(intake)
        return f"{parts.scheme}://{parts.netloc}"
    return str((comments.notify and comments.notify.siteurl) or siteurl).rstrip("/")


def unsubscribe_url(service: str, queue_root: Any, cid: str) -> str:
    """The signed link that stops e-mails about comment `cid`'s thread (no expiry: it must keep working)."""
    from .signing import secret_key, sign

    return f"{service}{UNSUBSCRIBE_PATH}{sign(secret_key(queue_root), 'unsubscribe', cid)}"


def reader_message(parent: Comment, answer: Comment | None, *, to: str, notify: Notify, title: str,
                   link: str | None, unsubscribe: str) -> EmailMessage:
    """The French e-mail to `parent`'s author: `answer` replies to it, or (None) it is published.
    It carries List-Unsubscribe with a one-click POST (RFC 8058) and the same link in the text."""
    msg = EmailMessage()
    # Plain spaces in the header: Python's RFC 2047 folding drops a space next to a no-break one.
    if answer is None:
        msg["Subject"] = f"Votre commentaire sur « {title} » est publié"
    else:
        msg["Subject"] = f"Réponse à votre commentaire sur « {title} »"
    msg["From"] = notify.sender
    msg["To"] = to
    msg["Reply-To"] = notify.to
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


def notify_reader(parent: Comment, answer: Comment | None, *, to: str, notify: Notify, title: str,
                  link: str | None, service: str, queue_root: Any) -> bool:
    """Send the reader's e-mail; True when the SMTP server took it."""
    from ..core.addresses import single_address
    address = single_address(to)
    if address is None:  # a queue file from before addresses were checked: never several recipients
        return False
    unsubscribe = unsubscribe_url(service, queue_root, parent.id)
    message = reader_message(parent, answer, to=address, notify=notify, title=title, link=link,
                             unsubscribe=unsubscribe)
    return send(message, notify)
