"""Remember recent event ids so a redelivered event gets no second answer."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict


class RecentIds:
    """A bounded, thread-safe set of ids that forgets them after `ttl` seconds.

    Slack retries an event up to three times within about five minutes; an hour covers that.
    Per process: with several gunicorn workers each keeps its own, which the retry header
    check in front of it makes enough.
    """

    def __init__(self, ttl: float = 3600.0, size: int = 10_000) -> None:
        self.ttl = ttl
        self.size = size
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, key: str) -> bool:
        """True the first time `key` is seen (within the ttl), False on every repeat."""
        now = time.monotonic()
        with self._lock:
            while self._seen:
                at = next(iter(self._seen.values()))
                if now - at < self.ttl and len(self._seen) < self.size:
                    break
                self._seen.popitem(last=False)
            if key in self._seen:
                return False
            self._seen[key] = now
            return True
