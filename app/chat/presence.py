"""Who is connected to `/chat` right now (offline participants get an e-mail instead).

In-process by default; shared through Redis (one hash of socket ids per user) with REDIS_URL,
so that a user connected to another server process counts as online.
"""
from __future__ import annotations

import logging
import threading
from collections import defaultdict

import redis
from flask import current_app

log = logging.getLogger("examdesk.chat")
KEY = "examdesk:chat:online:{}"
TTL_SECONDS = 12 * 3600  # a crashed process cannot keep someone "online" for longer


class Presence:
    def __init__(self) -> None:
        self._local: dict[int, set[str]] = defaultdict(set)
        self._lock = threading.Lock()
        self._redis = None
        self._redis_url = None

    def _client(self):
        url = current_app.config.get("REDIS_URL")
        if url != self._redis_url:
            self._redis_url = url
            self._redis = redis.Redis.from_url(url) if url else None
        return self._redis

    def connected(self, user_id: int, sid: str) -> None:
        with self._lock:
            self._local[user_id].add(sid)
        self._shared(lambda c: (c.hset(KEY.format(user_id), sid, 1),
                                c.expire(KEY.format(user_id), TTL_SECONDS)))

    def disconnected(self, user_id: int, sid: str) -> None:
        with self._lock:
            self._local[user_id].discard(sid)
            if not self._local[user_id]:
                del self._local[user_id]
        self._shared(lambda c: c.hdel(KEY.format(user_id), sid))

    def sockets_of(self, user_id: int) -> set[str]:
        """The socket ids of the user, in this process and (with Redis) in the others."""
        with self._lock:
            local = set(self._local.get(user_id, ()))
        shared = self._shared(lambda c: {k.decode() if isinstance(k, bytes) else k
                                         for k in c.hkeys(KEY.format(user_id))})
        return local | (shared or set())

    def online(self, user_ids) -> set[int]:
        with self._lock:
            found = {uid for uid in user_ids if self._local.get(uid)}
        others = self._shared(lambda c: {uid for uid in set(user_ids) - found
                                         if c.hlen(KEY.format(uid))})
        return found | (others or set())

    def _shared(self, operation):
        """Run `operation` on Redis; while Redis is unreachable, only this process counts
        (a message must never be lost, or its acknowledgement withheld, for presence)."""
        client = self._client()
        if client is None:
            return None
        try:
            return operation(client)
        except Exception as exc:  # redis.RedisError, OSError: degrade, never fail the send
            log.warning("presence in Redis unavailable: %s", exc)
            return None


presence = Presence()
