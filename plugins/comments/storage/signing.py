"""The service's signing key and HMAC-signed tokens (sessions, e-mail actions, unsubscribe links).

The key is COMMENTS_SECRET_KEY from the environment, else a random key kept in
`<queue>/.secret-key` (mode 600, created on first use): never in a tracked file.
The CLI and the service share it, so a link in an e-mail sent by a command is
honoured by the service. A token is `<payload>.<signature>`, both base64url;
the purpose is part of what is signed, so a token made for one use is worthless
for another.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
from pathlib import Path

ENV_KEY = "COMMENTS_SECRET_KEY"
KEY_FILE = ".secret-key"
_keys: dict[Path, tuple[tuple[int, int, int], bytes]] = {}  # key file -> (its stat, the key)


def private_file(path: Path, data: bytes) -> bool:
    """Create `path` with `data`, mode 600, only if it does not exist; True when this call created it."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    return True


def secret_key(queue_root: Path | str) -> bytes:
    """The signing key: the environment's, else the queue's private file (made on first use)."""
    from_env = os.environ.get(ENV_KEY, "")
    if from_env:
        return from_env.encode("utf-8")
    path = Path(queue_root) / KEY_FILE
    cached = _keys.get(path)
    if cached is not None and cached[0] == _stat(path):  # read again only when the file changed
        return cached[1]
    private_file(path, secrets.token_hex(32).encode("ascii"))
    stat = _stat(path)
    key = path.read_bytes().strip()
    if len(key) < 32:
        raise ValueError(f"{path} : clé de signature trop courte (32 caractères au moins)")
    if stat is not None and stat == _stat(path):
        _keys[path] = (stat, key)
    return key


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(key: bytes, purpose: str, payload: bytes) -> bytes:
    return hmac.new(key, purpose.encode("utf-8") + b"\0" + payload, hashlib.sha256).digest()


def sign(key: bytes, purpose: str, payload: str) -> str:
    """A token carrying `payload` for `purpose`."""
    data = payload.encode("utf-8")
    return f"{_b64(data)}.{_b64(_mac(key, purpose, data))}"


def unsign(key: bytes, purpose: str, token: str) -> str | None:
    """The payload of a genuine token for `purpose`; None for anything else."""
    if not isinstance(token, str) or token.count(".") != 1 or len(token) > 4096:
        return None
    head, tail = token.split(".")
    try:
        data, mac = _unb64(head), _unb64(tail)
    except (binascii.Error, ValueError):
        return None
    if not hmac.compare_digest(mac, _mac(key, purpose, data)):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def digest(key: bytes, purpose: str, value: str) -> str:
    """A keyed digest (CSRF tokens, stored session ids)."""
    return _b64(_mac(key, purpose, value.encode("utf-8")))
