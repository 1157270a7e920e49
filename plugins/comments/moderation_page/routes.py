"""The moderation page: login, the queue by state, the actions, logout.

Every action is a POST from this service's own page with the session's CSRF
token, and calls the same moderation functions as the CLI (states, replies, actions).
"""

from __future__ import annotations

import secrets
from functools import partial

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..core.model import PENDING
from ..moderation import actions, states
from ..moderation.replies import reply
from ..storage.signing import digest
from .auth import stored_hash, verify_password
from .views import EMPTY, TABS, counts, listing
from .web import HERE, LOGIN, ROOT, SESSION, Web

DONE = {"approve": "approuvé", "reject": "rejeté", "spam": "marqué comme indésirable",
        "restore": "remis en attente", "delete": "supprimé", "reply": "approuvé, et votre réponse publiée"}


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303, headers={"Cache-Control": "no-store"})


def refused(web: Web) -> Response:
    return web.message("Action refusée", [
        "Ce formulaire ne vient pas de la page de modération, ou il a expiré : rien n’a été changé.",
        "Rechargez la page de modération et recommencez."], status=403)


def make_routes(web: Web) -> list[Route]:
    async def index(request: Request) -> Response:
        sid = web.session(request)
        if sid is None:
            return see_other(ROOT + "login")
        state = request.query_params.get("etat", PENDING)
        state = state if state in dict(TABS) else PENDING
        queue = web.context().queue()

        def read():
            with queue.lock():
                return listing(queue, state, web.post_of, web.siteurl), counts(queue)
        items, numbers = await run_in_threadpool(read)
        response = web.render(
            "queue.html", title=dict(TABS)[state] if state != PENDING else "Commentaires en attente",
            csrf=web.csrf(sid), flash=web.flash(request), tabs=TABS, state=state, counts=numbers,
            items=items, empty=EMPTY[state])
        web.set_session(response, request, sid)  # 30 days from the last visit
        if request.cookies.get("moderation_flash"):
            web.drop_cookie(response, request, "moderation_flash")
        return response

    async def login_form(request: Request) -> Response:
        if web.session(request):
            return see_other(ROOT)
        nonce = request.cookies.get(LOGIN) or secrets.token_urlsafe(24)
        response = web.render("login.html", title="Connexion", flash=web.flash(request),
                              login_csrf=digest(web.key, "login", nonce),
                              configured=stored_hash(web.queue_root) is not None)
        web.cookie(response, request, LOGIN, nonce, 3600)
        if request.cookies.get("moderation_flash"):
            web.drop_cookie(response, request, "moderation_flash")
        return response

    async def login(request: Request) -> Response:
        if not web.same_origin(request):
            return refused(web)
        # Counted before the check, success or not: parallel attempts cannot all slip under the limit.
        wait = web.logins.hit(request.client.host if request.client else "?")
        if wait:
            return web.message("Trop d’essais", [
                f"Trop d’essais de connexion : réessayez dans {wait}\u00a0s."], status=429, back=False,
                headers={"Retry-After": str(wait)})
        fields = dict(await web.form(request))
        nonce = request.cookies.get(LOGIN)
        if not nonce or not secrets.compare_digest(fields.get("csrf", ""), digest(web.key, "login", nonce)):
            return refused(web)
        stored = stored_hash(web.queue_root)
        good = stored is not None and await run_in_threadpool(verify_password, stored, fields.get("password", ""))
        if not good:
            response = web.render("login.html", status=401, title="Connexion",
                                  flash={"kind": "error", "text": "Mot de passe incorrect."},
                                  login_csrf=digest(web.key, "login", nonce), configured=stored is not None)
            return response
        # A new session id at each login: an id planted before (fixation) is never adopted.
        response = see_other(ROOT)
        web.set_session(response, request, web.sessions.open())
        web.drop_cookie(response, request, LOGIN)
        return response

    async def logout(request: Request) -> Response:
        sid = web.session(request)
        fields = dict(await web.form(request))
        if sid is None or not web.same_origin(request) or not secrets.compare_digest(
                fields.get("csrf", ""), web.csrf(sid)):
            return refused(web)
        web.sessions.close(sid)
        response = see_other(ROOT + "login")
        web.drop_cookie(response, request, SESSION)
        web.set_flash(response, request, "ok", "Vous êtes déconnecté.")
        return response

    async def act(request: Request) -> Response:
        sid = web.session(request)
        if sid is None or not web.same_origin(request):
            return refused(web)
        pairs = await web.form(request)
        fields = dict(pairs)
        if not secrets.compare_digest(fields.get("csrf", ""), web.csrf(sid)):
            return refused(web)
        state = fields.get("etat") if fields.get("etat") in dict(TABS) else PENDING
        verb, _, one = fields.get("do", "").partition(":")
        verb = verb.removesuffix("-selected")
        ids = [one] if one else [v for k, v in pairs if k == "ids"]
        parents = {v for k, v in pairs if k == "parents"}
        text = fields.get(f"text-{one}", "") if one else ""
        steps = plan(verb, ids, parents, text)
        response = see_other(f"{ROOT}?etat={state}")
        if steps is None or not ids:
            web.set_flash(response, request, "error", "Aucun commentaire coché : rien n’a été changé.")
            return response
        error = await web.run(steps, request)
        if error:
            web.set_flash(response, request, "error", error)
        else:
            n = len(ids)
            web.set_flash(response, request, "ok", f"{n} commentaire{'s' if n > 1 else ''} "
                          f"{DONE[verb]}{'s' if n > 1 and verb != 'reply' else ''}.")
        return response

    # The site's brand colours (COMMENTS['colours']) come after the page's own, so they win; in the
    # stylesheet rather than the page's head, so the CSP keeps refusing inline styles.
    css = (HERE / "static" / "moderation.css").read_text(encoding="utf-8")
    site = web.config.comments.colours(web.config.settings)
    if site:
        css += f"\n/* The site's colours (COMMENTS['colours']) */\n{site}\n"

    async def stylesheet(request: Request) -> Response:
        return Response(css, media_type="text/css",
                        headers={"Cache-Control": "max-age=3600", "X-Content-Type-Options": "nosniff"})

    return [
        Route(ROOT, index, methods=["GET", "HEAD"]),
        Route(ROOT + "login", login_form, methods=["GET", "HEAD"]),
        Route(ROOT + "login", login, methods=["POST"]),
        Route(ROOT + "logout", logout, methods=["POST"]),
        Route(ROOT + "action", act, methods=["POST"]),
        Route(ROOT + "static/moderation.css", stylesheet, methods=["GET", "HEAD"]),
    ]


def plan(verb: str, ids: list[str], parents: set[str], text: str):
    """The moderation functions an action calls, as one callable taking the Context; None if unknown."""
    with_parents = [cid for cid in ids if cid in parents]
    if verb == "approve":
        def steps(ctx):
            if with_parents:
                actions.approve(ctx, with_parents, parents=True)
            rest = [cid for cid in ids if cid not in parents]
            if rest:
                states.approve(ctx, rest)
        return steps
    if verb == "reply" and len(ids) == 1:
        def steps(ctx):
            if with_parents:
                actions.approve(ctx, with_parents, parents=True)
            reply(ctx, ids[0], text)
        return steps
    simple = {"reject": states.reject, "spam": states.spam, "restore": actions.restore, "delete": actions.delete}
    if verb in simple:
        return partial(lambda fn, ctx: fn(ctx, ids), simple[verb])
    return None

