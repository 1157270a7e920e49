"""The intake receiver: a small Starlette app taking comment form posts into the moderation queue.

POST /comment (form-encoded or JSON) and GET /health. The order of checks
keeps the cheap refusals first: size announced, origin, rate limit, then the
body is read (never more than the limit), decoded and checked.
"""

from __future__ import annotations

import contextlib
import secrets
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..core.model import APPROVED, PENDING, Comment
from ..core.ratelimit import RateLimiter
from ..core.request_body import Dropped, TooLarge, read_body
from ..core.texts import NOTICES
from ..core.urls import origin_of, own_origins
from ..moderation_page.tokens import links as email_links
from ..storage.mail import notify_pending, service_base
from ..storage.posts import Catalog
from .config import IntakeConfig
from .filing import Filer
from .form import JSON_TYPE, Rejected, check, decode_fields, media_type
from .pages import error_page
from .workers import Workers

NO_ORIGIN = "Envoi refusé : la requête ne dit pas de quel site elle vient (ni Origin ni Referer)."


def new_id() -> str:
    """A random comment id, `[a-z0-9-]+` as the store requires."""
    return "c-" + secrets.token_hex(6)


def request_origin(request: Request) -> str | None:
    """The origin the browser says the post comes from (Origin, else Referer); None if neither."""
    origin = request.headers.get("origin")
    if origin is not None:
        return origin_of(origin) or "null"
    referer = request.headers.get("referer")
    if referer:
        return origin_of(referer) or "null"
    return None


def origin_allowed(origin: str, config: IntakeConfig, request: Request) -> bool:
    """SITEURL's origin, the configured ones and the receiver's own (from the settings and
    the bound address, never Host); with a relative SITEURL (local development) any
    loopback origin is accepted too."""
    if origin in config.allowed_origins or origin in own_origins(config.comments, config.siteurl,
                                                                 request.scope.get("server")):
        return True
    if not config.siteurl.startswith(("http://", "https://")):
        return urlsplit(origin).hostname in ("127.0.0.1", "localhost", "::1")
    return False


def create_app(config: IntakeConfig) -> Starlette:
    """The ASGI application for `config`."""
    catalog = Catalog(config.settings, config.comments_dir)
    filer = Filer(config.queue, Path(config.settings["PATH"]), config.comments, catalog.is_published,
                  author=str(config.settings.get("AUTHOR") or "Auteur"))
    limiter = RateLimiter(config.rate_limit)
    tz = ZoneInfo(str(config.settings.get("TIMEZONE") or "UTC"))
    # Links in the author's e-mails: COMMENTS['notify']['siteurl'], as for reply e-mails.
    mail_base = str((config.notify and config.notify.siteurl) or config.siteurl).rstrip("/")
    service = service_base(config.comments, config.siteurl)  # the moderation links' base
    too_large = Rejected(413, {"": f"Requête trop volumineuse ({config.max_bytes // 1024}\u00a0Ko au plus)."})

    def wants_json(request: Request) -> bool:
        kind, _ = media_type(request.headers.get("content-type", ""))
        return kind == JSON_TYPE or "application/json" in request.headers.get("accept", "")

    def refuse(request: Request, exc: Rejected, headers: dict | None = None) -> Response:
        if wants_json(request):
            return JSONResponse({"error": " ".join(exc.errors.values()), "errors": exc.errors},
                                status_code=exc.status, headers=headers)
        post = catalog.post(exc.fields.get("post", "")) if exc.fields.get("post") else None
        back = site_url(request, post.url) + "#respond" if post else None
        html = error_page(exc.errors, exc.fields, action=str(request.url.path), back=back,
                          typography=config.comments.typography)
        return HTMLResponse(html, status_code=exc.status, headers=headers)

    def site_url(request: Request, path: str) -> str:
        # Absolute SITEURL in production; else the (allowed) origin of the page that posted.
        if config.siteurl.startswith(("http://", "https://")):
            return f"{config.siteurl}/{path}"
        origin = request_origin(request)
        if origin and origin != "null":
            return f"{origin}{config.siteurl}/{path}"
        return f"{config.siteurl}/{path}"

    async def submit(request: Request) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > config.max_bytes):
            return refuse(request, too_large)
        origin = request_origin(request)
        if origin is None:  # browsers always send Origin on a form POST
            return refuse(request, Rejected(403, {"": NO_ORIGIN}))
        if not origin_allowed(origin, config, request):
            return refuse(request, Rejected(403, {"": "Envoi refusé : ce formulaire vient d’un autre site."}))
        client = request.client.host if request.client else "?"
        wait = limiter.hit(client)
        if wait:
            return refuse(
                request,
                Rejected(429, {"": f"Trop de commentaires envoyés : réessayez dans {wait}\u00a0s."}),
                headers={"Retry-After": str(wait)},
            )
        try:
            raw = await read_body(request, config.max_bytes, "Réception")
        except TooLarge:
            return refuse(request, too_large)
        except Dropped:  # the reader left mid-upload: logged in one line, no address, no traceback
            return Response(status_code=400)
        try:
            fields = decode_fields(request.headers.get("content-type", ""), raw)
            # The catalog's lookups refresh it (a file system walk at most once a second): off the event loop.
            sub = await run_in_threadpool(check, fields, catalog, request.headers.get("referer"))
        except Rejected as exc:
            return refuse(request, exc)

        comment = Comment(
            id=new_id(), author=sub.author, date=datetime.now(tz).replace(microsecond=0),
            body=sub.body, parent=sub.parent, website=sub.website, source="form",
            post=sub.post.slug, email=sub.email,
        )
        state = await run_in_threadpool(filer.file, comment, sub.honeypot)
        # A honeypot or spam verdict is answered exactly like a pending comment.
        shown = APPROVED if state == APPROVED else PENDING
        task = None
        if state == PENDING and config.notify:
            # Without a known public address, the one this request reached (the proxy passes Host).
            base = service if service.startswith(("http://", "https://")) else str(request.base_url).rstrip("/")
            links = email_links(config.queue, base, comment.id)
            task = BackgroundTask(notify_pending, comment, sub.post, config.notify, mail_base, links)
        if wants_json(request):
            return JSONResponse({"status": shown, "message": NOTICES[shown].message}, status_code=202, background=task)
        url = site_url(request, sub.post.url) + "#" + NOTICES[shown].fragment
        return RedirectResponse(url, status_code=303, background=task)

    workers = Workers(config, catalog)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", **await run_in_threadpool(workers.health)})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        await run_in_threadpool(workers.start)
        try:
            yield
        finally:
            await run_in_threadpool(workers.stop)

    from ..moderation_page import moderation_routes

    def post_of(slug: str | None):  # the moderation page calls it in a thread (a lookup may refresh)
        return catalog.post(slug) if slug else None

    return Starlette(routes=[
        Route("/comment", submit, methods=["POST"]),
        Route("/health", health, methods=["GET", "HEAD"]),
        *moderation_routes(config, post_of),
    ], lifespan=lifespan)
