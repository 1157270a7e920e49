"""The e-mail to a reader who asked to be told: their comment is published, or answered.

Sent after the queue lock is released (SMTP may be slow); a failure only warns,
since the publication itself has happened.
"""

from __future__ import annotations

from ..core.model import Comment
from .context import Context
from .display import NBSP


def notify_subscriber(ctx: Context, parent: Comment, answer: Comment | None, email: str) -> None:
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
