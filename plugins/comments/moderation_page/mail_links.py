"""The links of e-mails: the author's « Approuver », « Rejeter »… and a reader's unsubscribe link.

Opening a link (GET or HEAD: mail scanners open them all) only shows a page
with one button; the button's POST acts. The author's links need no login: the
signed, single-use token is the proof (see tokens.py). The unsubscribe POST is
RFC 8058's one-click: a mail provider sends it from elsewhere, so no origin
check there; its token only ever removes a reader's own address.
"""

from __future__ import annotations

import secrets

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..core.comment_file import ID_RE, CommentFileError
from ..storage.queue import CommentNotFound
from ..storage.signing import digest, unsign
from . import tokens
from .routes import plan
from .views import item
from .web import ROOT, Web

BUTTONS = {"approve": "Approuver", "reject": "Rejeter", "spam": "Marquer comme indésirable",
           "reply": "Publier la réponse"}
TITLES = {"approve": "Approuver ce commentaire\u202f?", "reject": "Rejeter ce commentaire\u202f?",
          "spam": "Marquer ce commentaire comme indésirable\u202f?", "reply": "Répondre à ce commentaire"}
DONE = {"approve": "Le commentaire est approuvé.", "reject": "Le commentaire est rejeté.",
        "spam": "Le commentaire est classé comme indésirable.",
        "reply": "Votre réponse est publiée, et le commentaire approuvé."}


def make_routes(web: Web) -> list[Route]:
    def unusable(reason: str, status: int = 400) -> Response:
        return web.message("Lien inutilisable", [reason, "Rien n’a été changé."], status=status)

    def load(cid: str):
        queue = web.context().queue()
        with queue.lock():
            state, comment, _path = queue.get(cid)
            return item(queue, comment, web.post_of(comment.post), web.siteurl, state), state

    async def confirm(request: Request) -> Response:
        action, cid, token = (request.path_params[k] for k in ("action", "cid", "token"))
        if action not in tokens.ACTIONS or not ID_RE.match(cid):
            return unusable("Ce lien n’est pas valide : il a peut-être été mal copié depuis l’e-mail.", 404)
        try:
            tokens.check(web.queue_root, token, cid, action)
            view, _state = await run_in_threadpool(load, cid)
        except tokens.TokenError as exc:
            return unusable(str(exc))
        except (CommentNotFound, CommentFileError):
            return unusable("Ce commentaire n’existe plus (il a peut-être été supprimé).", 404)
        return web.render("confirm.html", title=TITLES[action], item=view, verb=action, button=BUTTONS[action],
                          action=request.url.path, confirm_csrf=digest(web.key, "confirm", token))

    async def act(request: Request) -> Response:
        action, cid, token = (request.path_params[k] for k in ("action", "cid", "token"))
        if action not in tokens.ACTIONS or not ID_RE.match(cid):
            return unusable("Ce lien n’est pas valide.", 404)
        pairs = await web.form(request)
        fields = dict(pairs)
        if not web.same_origin(request) or not secrets.compare_digest(
                fields.get("csrf", ""), digest(web.key, "confirm", token)):
            return web.message("Action refusée", [
                "Ce formulaire ne vient pas de la page de confirmation : rien n’a été changé."], status=403)
        try:
            nonce = tokens.check(web.queue_root, token, cid, action)
        except tokens.TokenError as exc:
            return unusable(str(exc))
        if action == "reply" and not fields.get("text", "").strip():
            return unusable("Votre réponse est vide : écrivez-la avant de la publier.")
        if not tokens.mark_used(web.queue_root, nonce):
            return unusable("Ce lien a déjà servi : il ne peut être utilisé qu’une fois.")
        parents = {cid} if fields.get("parents") == "1" else set()
        error = await web.run(plan(action, [cid], parents, fields.get("text", "")), request)
        if error:
            return web.message("Action impossible", [error, "Le lien a servi : modérez ce commentaire depuis la "
                                                     "page de modération."], status=409)
        return web.message("C’est fait", [DONE[action]])

    def subscriber_of(token: str) -> str | None:
        cid = unsign(web.key, "unsubscribe", token)
        return cid if cid and ID_RE.match(cid) else None

    async def unsubscribe_form(request: Request) -> Response:
        if subscriber_of(request.path_params["token"]) is None:
            return unusable("Ce lien de désabonnement n’est pas valide.", 404)
        return web.render("confirm.html", title="Ne plus recevoir d’e-mails", item=None, verb="unsubscribe",
                          button="Ne plus recevoir d’e-mails", action=request.url.path, confirm_csrf="")

    async def unsubscribe(request: Request) -> Response:
        cid = subscriber_of(request.path_params["token"])
        if cid is None:
            return unusable("Ce lien de désabonnement n’est pas valide.", 404)

        def forget() -> None:
            queue = web.context().queue()
            with queue.lock():
                subscribers = queue.subscribers()
                email = subscribers.get(cid)
                for other, address in list(subscribers.emails.items()):
                    if address == email:
                        subscribers.discard(other)
                subscribers.save()
        await run_in_threadpool(forget)
        return web.message("Désabonnement fait", [
            "Vous ne recevrez plus d’e-mails au sujet de vos commentaires : votre adresse a été effacée."],
            back=False)

    return [
        Route(ROOT + "courriel/{action}/{cid}/{token}", confirm, methods=["GET", "HEAD"]),
        Route(ROOT + "courriel/{action}/{cid}/{token}", act, methods=["POST"]),
        Route(ROOT + "desabonnement/{token}", unsubscribe_form, methods=["GET", "HEAD"]),
        Route(ROOT + "desabonnement/{token}", unsubscribe, methods=["POST"]),
    ]

