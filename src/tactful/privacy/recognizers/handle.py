"""HANDLE: @mentions of anyone who is not the brand (Twitter/X '@jane_doe', also in the
'.@jane_doe' form that makes a reply public; Bluesky '@jane.bsky.social'; Mastodon
'@jane@mastodon.social'). The brand's own handles, and the '@user' placeholder of
anonymised datasets, are never flagged."""

from __future__ import annotations

import re

from tactful.privacy.recognizers.base import DetectionContext, PiiSpan, Recognizer, recognizers

_HANDLE = re.compile(
    r"(?<![\w@+-])@(?P<handle>[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?"
    r"(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)"
)
PLACEHOLDERS = frozenset({"user"})


def normalise_handle(handle: str) -> str:
    return handle.lstrip("@").lower()


def is_brand(handle: str, brand_handles: frozenset[str]) -> bool:
    """A handle is the brand's when it equals one of its handles, with or without a Mastodon domain."""
    handle = normalise_handle(handle)
    if handle in brand_handles:
        return True
    # "@acme" written on the brand's own Mastodon instance, for "acme@mastodon.social".
    return "@" not in handle and any(b.split("@", 1)[0] == handle for b in brand_handles if "@" in b)


@recognizers.register("handle")
class HandleRecognizer(Recognizer):
    name = "handle"
    entity_types = ("HANDLE",)

    def analyze(self, text: str, context: DetectionContext) -> list[PiiSpan]:
        if "@" not in text:
            return []
        spans = []
        for m in _HANDLE.finditer(text):
            handle = m.group("handle")
            if not is_brand(handle, context.brand_handles) and handle.lower() not in PLACEHOLDERS:
                spans.append(self.span("HANDLE", m.start(), m.end(), 0.95))
        return spans
