"""HANDLE, inside links and ids: the account part of a profile or post URL (``https://host/@jane/1``,
``/users/jane``, Reddit ``/u/jane`` and ``/r/u_jane``, ``bsky.app/profile/jane.bsky.social``,
``x.com/jane/status/1``), an ``at://did:.../...`` URI, or a bare Bluesky DID. The rest of the
link stays readable; only the account becomes the handle placeholder."""

from __future__ import annotations

import re

from tactful.privacy.platform_ids import account_parts
from tactful.privacy.recognizers.base import DetectionContext, PiiSpan, Recognizer, recognizers
from tactful.privacy.recognizers.handle import is_brand
from tactful.privacy.recognizers.url import find_urls

_AT_URI = re.compile(r"\bat://[^\s<>\"'`]+")
_BARE_DID = re.compile(r"(?<![\w:/])did:(?:plc:[a-z2-7]{24}|web:[A-Za-z0-9.-]+\.[A-Za-z]{2,})(?![\w.-])")


@recognizers.register("account_url")
class AccountUrlRecognizer(Recognizer):
    name = "account_url"
    entity_types = ("HANDLE",)

    def analyze(self, text: str, context: DetectionContext) -> list[PiiSpan]:
        if "://" not in text and "did:" not in text:
            return []
        spans = []
        links = find_urls(text) + [m.span() for m in _AT_URI.finditer(text)]
        for start, end in links:
            for a, b in account_parts(text[start:end]):
                if not is_brand(text[start + a : start + b], context.brand_handles):
                    spans.append(self.span("HANDLE", start + a, start + b, 0.95))
        spans += [self.span("HANDLE", m.start(), m.end(), 0.9) for m in _BARE_DID.finditer(text)]
        return spans
