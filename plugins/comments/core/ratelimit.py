"""Per-address rate limit: a sliding window held in memory only (addresses are never written).

Used by the form receiver (comments per minute) and the moderation page (login attempts).
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections import OrderedDict, deque


def client_key(address: str) -> str:
    """The key a client is counted under: its address, or its /64 for IPv6 (one host holds a whole /64)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


class RateLimiter:
    """At most `limit` hits per `window` seconds per key; `limit` 0 means no limit.

    Memory is bounded: at most `max_keys` addresses are tracked, the least
    recently seen forgotten first.
    """

    def __init__(self, limit: int, window: float = 60.0, max_keys: int = 100_000, clock=time.monotonic):
        self.limit, self.window, self.max_keys, self.clock = limit, window, max_keys, clock
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def hit(self, key: str) -> int:
        """Record a hit for client address `key`; 0 when allowed, else the seconds to wait
        (for Retry-After). An IPv6 client is counted per /64: one host holds a whole /64."""
        if self.limit <= 0:
            return 0
        key = client_key(key)
        now = self.clock()
        with self._lock:
            hits = self._hits.get(key)
            if hits is None:
                hits = self._hits[key] = deque()
                if len(self._hits) > self.max_keys:
                    self._hits.popitem(last=False)
            else:
                self._hits.move_to_end(key)
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return max(1, math.ceil(hits[0] + self.window - now))
            hits.append(now)
            return 0
