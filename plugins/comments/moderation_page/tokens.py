"""Links in the author's e-mail that act on one comment, safe from mail scanners.

A link is `/moderation/courriel/<action>/<id>/<token>`: the token is signed with
the service's key and binds the comment id, the action and an expiry (7 days),
plus a random nonce. Opening it (GET, HEAD) only shows a confirmation page; the
POST of that page acts, once: the nonce is then recorded in
`<queue>/used-tokens.json` (mode 600) until the token would have expired anyway.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from pathlib import Path

from ..core.comment_file import atomic_write
from ..storage.signing import secret_key, sign, unsign

PURPOSE = "email-action"
ACTIONS = {"approve": "Approuver", "reject": "Rejeter", "spam": "Indésirable", "reply": "Répondre"}
PHRASES = {"approve": "l’approuver", "reject": "le rejeter", "spam": "le marquer comme indésirable",
           "reply": "y répondre"}
LIFETIME = 7 * 86400
USED_FILE = "used-tokens.json"
LINK_PATH = "/moderation/courriel/"
_used_lock = threading.Lock()


class TokenError(Exception):
    """A link that cannot act; the message (French) says why."""


def make_token(key: bytes, cid: str, action: str, now: float | None = None) -> str:
    expires = int((now if now is not None else time.time()) + LIFETIME)
    return sign(key, PURPOSE, f"{cid}|{action}|{expires}|{secrets.token_urlsafe(12)}")


def links(queue_root: Path, service: str, cid: str) -> dict[str, str]:
    """action -> absolute link, one fresh token each."""
    key = secret_key(queue_root)
    return {action: f"{service}{LINK_PATH}{action}/{cid}/{make_token(key, cid, action)}" for action in ACTIONS}


def check(queue_root: Path, token: str, cid: str, action: str, now: float | None = None) -> str:
    """The token's nonce when it may act on `cid` with `action`; TokenError otherwise."""
    payload = unsign(secret_key(queue_root), PURPOSE, token)
    parts = payload.split("|") if payload else []
    if len(parts) != 4 or not parts[2].isdigit():
        raise TokenError("Ce lien n’est pas valide : il a peut-être été mal copié depuis l’e-mail.")
    token_cid, token_action, expires, nonce = parts
    if token_cid != cid:
        raise TokenError("Ce lien concerne un autre commentaire : rien n’a été changé.")
    if token_action != action:
        raise TokenError(f"Ce lien sert à {PHRASES.get(token_action, token_action)}, "
                         f"pas à {PHRASES.get(action, action)} : rien n’a été changé.")
    if int(expires) < (now if now is not None else time.time()):
        raise TokenError("Ce lien a expiré (il vaut sept jours) : modérez ce commentaire depuis la page de "
                         "modération.")
    if nonce in _read_used(queue_root):
        raise TokenError("Ce lien a déjà servi : il ne peut être utilisé qu’une fois.")
    return nonce


def _read_used(queue_root: Path) -> dict[str, int]:
    try:
        data = json.loads((queue_root / USED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def mark_used(queue_root: Path, nonce: str, now: float | None = None) -> bool:
    """Record `nonce` as spent; False if it already was (two clicks at once: only one acts)."""
    now = now if now is not None else time.time()
    with _used_lock:
        used = {n: t for n, t in _read_used(queue_root).items() if isinstance(t, int | float) and t > now}
        if nonce in used:
            return False
        used[nonce] = int(now + LIFETIME)
        atomic_write(queue_root / USED_FILE, json.dumps(used, sort_keys=True) + "\n")
    return True
