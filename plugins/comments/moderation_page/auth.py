"""The author's one account: a scrypt hash in a private file, server-side sessions, login throttling.

- `<queue>/author-password` (mode 600): `scrypt$n$r$p$salt$hash`, never the password;
  written by `invoke comments.password`, which also ends every open session.
- `<queue>/sessions.json` (mode 600): keyed digests of the open sessions' ids with the
  time each was last used. The cookie carries the id signed with the service's key,
  so a forged or altered cookie is refused before the file is read; logging out
  removes the entry, so a copied cookie dies with the session. The file is the source
  of truth: the service keeps a parsed copy only while the file's stat (inode, mtime,
  size) is unchanged, so a request costs a stat, and a `comments.password` run in
  another process (which deletes the file) still ends every session at once.
- login attempts are counted per client before the password is checked (an IPv6
  client per /64, the block one subscriber usually holds), in memory only, and at
  most two checks run at once: a burst of parallel attempts gets no more guesses
  and holds no more memory than two.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from pathlib import Path

from ..core.comment_file import atomic_write
from ..storage.signing import digest

PASSWORD_FILE = "author-password"
SESSIONS_FILE = "sessions.json"
MIN_PASSWORD = 10
# scrypt cost: 2**15 × 8 × 128 bytes = 32 MiB and ~0.1 s per attempt (OWASP's floor is 2**13).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MAXMEM = 64 * 1024 * 1024
TOUCH_EVERY = 600  # seconds: a session's last use is written at most this often


class PasswordError(ValueError):
    """A password that cannot be set (the message says why, in French)."""


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    derived = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                             maxmem=MAXMEM, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(derived).decode()}"


# scrypt holds 32 MiB per check: at most this many at once, whatever the number of clients.
_CHECKS = threading.BoundedSemaphore(2)


def verify_password(stored: str, password: str) -> bool:
    try:
        scheme, n, r, p, salt, expected = stored.strip().split("$")
        if scheme != "scrypt":
            return False
        with _CHECKS:
            derived = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                                     p=int(p), maxmem=MAXMEM, dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(derived, base64.b64decode(expected))


def set_password(queue_root: Path, password: str) -> Path:
    """Store the hash of `password` (mode 600) and end every open session."""
    if len(password) < MIN_PASSWORD:
        raise PasswordError(f"mot de passe trop court ({MIN_PASSWORD} caractères au moins)")
    if password != password.strip() or "\n" in password:
        raise PasswordError("le mot de passe ne doit ni commencer ni finir par une espace")
    queue_root.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = queue_root / PASSWORD_FILE
    atomic_write(path, hash_password(password) + "\n")  # mkstemp: created mode 600
    (queue_root / SESSIONS_FILE).unlink(missing_ok=True)
    return path


def stored_hash(queue_root: Path) -> str | None:
    try:
        return (queue_root / PASSWORD_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


class Sessions:
    """Open sessions: id digest -> last use (seconds since the epoch)."""

    def __init__(self, queue_root: Path, key: bytes, idle_days: int = 30, clock=time.time):
        self.path = queue_root / SESSIONS_FILE
        self.key, self.idle, self.clock = key, idle_days * 86400, clock
        self._lock = threading.Lock()
        self._cached: tuple[tuple[int, int, int], dict[str, float]] | None = None  # (stat, data)

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size

    def _read(self) -> dict[str, float]:
        """The open sessions (a copy): parsed again only when the file changed (or went)."""
        stat = self._stat()
        if stat is None:
            self._cached = None
            return {}
        if self._cached is not None and self._cached[0] == stat:
            return dict(self._cached[1])
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        data = {k: v for k, v in data.items() if isinstance(v, int | float)} if isinstance(data, dict) else {}
        self._cached = (stat, data)
        return dict(data)

    def _write(self, data: dict[str, float]) -> None:
        atomic_write(self.path, json.dumps(data, sort_keys=True) + "\n")  # mkstemp: mode 600, then rename
        self._cached = None  # read back once: another process may have replaced it since

    def _id(self, sid: str) -> str:
        return digest(self.key, "session-id", sid)

    def open(self) -> str:
        """A new session (always a fresh id: an id set before login is never adopted)."""
        sid = secrets.token_urlsafe(32)
        now = self.clock()
        with self._lock:
            data = {k: v for k, v in self._read().items() if now - v < self.idle}
            data[self._id(sid)] = now
            self._write(data)
        return sid

    def check(self, sid: str) -> bool:
        """Whether `sid` is open and not idle too long; records its use."""
        now = self.clock()
        with self._lock:
            data = self._read()
            last = data.get(self._id(sid))
            if last is None:
                return False
            if now - last >= self.idle:
                del data[self._id(sid)]
                self._write(data)
                return False
            if now - last > TOUCH_EVERY:
                data[self._id(sid)] = now
                self._write(data)
        return True

    def close(self, sid: str) -> None:
        with self._lock:
            data = self._read()
            if data.pop(self._id(sid), None) is not None:
                self._write(data)

