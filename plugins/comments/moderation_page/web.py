"""What every moderation handler shares: templates, cookies, the origin check, CSRF tokens,
the author's session, running a moderation function off the event loop."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qsl

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from ..core.comment_file import CommentFileError
from ..core.ratelimit import RateLimiter
from ..core.request_body import Dropped, TooLarge, read_body
from ..core.urls import origin_of, own_origins
from ..intake.config import IntakeConfig
from ..moderation.context import Context
from ..moderation.errors import ModerationError
from ..storage.mail import service_base
from ..storage.queue import QueueError
from ..storage.signing import digest, secret_key, sign, unsign
from .auth import Sessions

HERE = Path(__file__).parent
ROOT = "/moderation/"
SESSION, LOGIN, FLASH = "moderation_session", "moderation_login", "moderation_flash"
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
MAX_FORM = 256 * 1024
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "same-origin",  # no-referrer would make browsers send "Origin: null"
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


class Web:
    """The moderation service's shared state."""

    def __init__(self, config: IntakeConfig, post_of: Callable):
        self.config, self.post_of = config, post_of
        self.queue_root = config.queue
        self.key = secret_key(config.queue)
        self.sessions = Sessions(config.queue, self.key, config.comments.session_days)
        # Five login attempts a minute per client, counted before the password is checked.
        self.logins = RateLimiter(5)
        self.siteurl = str((config.notify and config.notify.siteurl) or config.siteurl).rstrip("/")
        self.env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True))

    # --- pages --------------------------------------------------------------------------
    def render(self, name: str, status: int = 200, **values) -> HTMLResponse:
        values.setdefault("root", ROOT)
        values.setdefault("csrf", None)
        values.setdefault("flash", None)
        html = self.config.comments.typography(self.env.get_template(name).render(**values))
        return HTMLResponse(html, status_code=status, headers=HEADERS)

    def message(self, title: str, lines: list[str], status: int = 200, back: bool = True,
                headers: dict | None = None) -> HTMLResponse:
        response = self.render("message.html", status, title=title, lines=lines, back=ROOT if back else None)
        response.headers.update(headers or {})
        return response

    # --- requests --------------------------------------------------------------------------
    def same_origin(self, request: Request) -> bool:
        """A browser's POST says where its form was: it must be this service. No Origin and no
        Referer (not a browser) passes here; the CSRF token still has to be right."""
        said = request.headers.get("origin") or request.headers.get("referer")
        if said is None:
            return True
        # The service's origins from the settings and the bound address, never from the Host
        # header, which the client chooses (the form receiver's computation).
        return origin_of(said) in own_origins(self.config.comments, self.config.siteurl, request.scope.get("server"))

    async def form(self, request: Request) -> list[tuple[str, str]]:
        """The posted form's fields; none when the body is too large or the client left
        mid-upload (one quiet log line), so the CSRF check refuses and nothing changes."""
        try:
            raw = await read_body(request, MAX_FORM, "Modération")
        except (TooLarge, Dropped):
            return []
        try:
            return parse_qsl(raw.decode("utf-8"), keep_blank_values=True, max_num_fields=2000)
        except (UnicodeDecodeError, ValueError):
            return []

    def session(self, request: Request) -> str | None:
        """The author's session id when the cookie is genuine, open and not idle too long."""
        raw = request.cookies.get(SESSION)
        sid = unsign(self.key, "session", raw) if raw else None
        return sid if sid and self.sessions.check(sid) else None

    def csrf(self, sid: str) -> str:
        return digest(self.key, "csrf", sid)

    def secure(self, request: Request) -> bool:
        """Cookies are Secure except when the author works on this machine (http://127.0.0.1)."""
        return request.url.hostname not in LOOPBACK

    def cookie(self, response: Response, request: Request, name: str, value: str, max_age: int | None) -> None:
        response.set_cookie(name, value, max_age=max_age, path=ROOT, httponly=True, samesite="strict",
                            secure=self.secure(request))

    def drop_cookie(self, response: Response, request: Request, name: str) -> None:
        response.delete_cookie(name, path=ROOT, httponly=True, samesite="strict", secure=self.secure(request))

    def set_session(self, response: Response, request: Request, sid: str) -> None:
        days = self.config.comments.session_days
        self.cookie(response, request, SESSION, sign(self.key, "session", sid), days * 86400)

    def set_flash(self, response: Response, request: Request, kind: str, text: str) -> None:
        self.cookie(response, request, FLASH, sign(self.key, "flash", json.dumps([kind, text])), 300)

    def flash(self, request: Request) -> dict | None:
        raw = request.cookies.get(FLASH)
        data = unsign(self.key, "flash", raw) if raw else None
        try:
            kind, text = json.loads(data) if data else (None, None)
        except (ValueError, TypeError):
            return None
        return {"kind": kind, "text": text} if kind in ("ok", "error") and isinstance(text, str) else None

    # --- moderation ------------------------------------------------------------------------
    def context(self, request: Request | None = None) -> Context:
        s = self.config.settings
        comments = self.config.comments
        if request is not None and not service_base(comments, self.config.siteurl).startswith("http"):
            # No public address configured: links in readers' e-mails use the one this request reached.
            comments = dataclasses.replace(comments, service_url=str(request.base_url).rstrip("/"))
        return Context(content=Path(s["PATH"]), queue_root=self.queue_root, settings=comments,
                       author=s.get("AUTHOR") or "Auteur", timezone=s.get("TIMEZONE") or "UTC",
                       out=io.StringIO(), pelican=s, siteurl=self.config.siteurl)

    async def run(self, steps: Callable[[Context], None], request: Request | None = None) -> str | None:
        """Run moderation functions (the CLI's) in a thread; None, or the French reason of a refusal."""
        def call() -> str | None:
            try:
                steps(self.context(request))
            except ModerationError as exc:
                return str(exc.message or "").strip().removeprefix("Erreur\u00a0:").strip()
            except (QueueError, CommentFileError, KeyError) as exc:
                return str(exc)
            return None
        return await run_in_threadpool(call)
