"""Which origins may post the comment form: the site's and configured ones, and the
service's own, computed from the settings and the address the server is bound to,
never from the request's Host header (which the client chooses)."""

from __future__ import annotations

from .config import IntakeConfig, origin_of


def own_origins(config: IntakeConfig, server: tuple[str, int] | None) -> set[str]:
    """The service's public origins (COMMENTS['intake_url'] when absolute, else the site's own;
    COMMENTS['service_url']) and the bound address `server` (ASGI scope["server"], from the listening socket)."""
    comments = config.comments
    found = {origin_of(url or "") for url in (comments.intake_url, comments.service_url)}
    if comments.intake_url.startswith("/"):
        # A relative intake_url: the service answers behind the site's own origin (one server).
        found.add(origin_of(config.siteurl or ""))
    if server and server[0]:
        host = f"[{server[0]}]" if ":" in server[0] else server[0]
        found |= {origin_of(f"{scheme}://{host}:{server[1]}") for scheme in ("http", "https")}
    return {origin for origin in found if origin}


NO_ORIGIN = "Envoi refusé : la requête ne dit pas de quel site elle vient (ni Origin ni Referer)."
