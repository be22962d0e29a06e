"""Webhook authentication: HMAC-SHA256 signatures with replay protection.

A sender signs ``"{timestamp}.{body}"`` with the shared secret and sends
``X-Tactful-Timestamp`` (Unix seconds) and ``X-Tactful-Signature: sha256=<hex>``.
A request is accepted when the signature matches (constant-time comparison),
its timestamp is within ``tolerance`` seconds of now, and the same signature
has not been seen within that window (a replayed request is refused even if
it is fresh). The same scheme signs the alerts tactful sends out.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import OrderedDict
from dataclasses import dataclass, field

from tactful.errors import TactfulError


class SignatureError(TactfulError):
    code = "E401"
    exit_code = 2


def sign(secret: bytes, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret, str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


@dataclass
class SignatureVerifier:
    secrets: tuple[bytes, ...]  # current first; previous ones keep working during rotation
    tolerance: int = 300
    max_remembered: int = 100_000
    _seen: OrderedDict[str, int] = field(default_factory=OrderedDict)

    def verify(self, body: bytes, timestamp: str | None, signature: str | None, *, now: float) -> None:
        if not timestamp or not signature:
            raise SignatureError("missing signature or timestamp header")
        try:
            sent = int(timestamp)
        except ValueError:
            raise SignatureError("timestamp is not a Unix time in seconds") from None
        if abs(now - sent) > self.tolerance:
            raise SignatureError("timestamp outside the accepted window")
        if not any(hmac.compare_digest(sign(s, sent, body), signature) for s in self.secrets):
            raise SignatureError("signature does not match")
        self._remember(signature, sent, now)

    def _remember(self, signature: str, sent: int, now: float) -> None:
        while self._seen and (next(iter(self._seen.values())) < now - self.tolerance
                              or len(self._seen) >= self.max_remembered):
            self._seen.popitem(last=False)
        if signature in self._seen:
            raise SignatureError("request was already received (replay)")
        self._seen[signature] = sent
