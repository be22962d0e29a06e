"""IP_ADDRESS: IPv4 and IPv6, validated with ``ipaddress``; version numbers ('v1.2.3.4',
'version 10.0.1.2', 'firmware 4.1.0.12') are not addresses."""

from __future__ import annotations

import ipaddress
import re

from tactful.privacy.recognizers.base import DetectionContext, PiiSpan, Recognizer, recognizers

_V4 = re.compile(r"(?<![\w.])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![\w]|\.[0-9])")
_V6 = re.compile(
    r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:[0-9]{1,3}\.){3}[0-9]{1,3})?(?![\w:])"
)
_VERSION_CONTEXT = re.compile(
    r"\b(?:v|ver|version|versions|build|release|firmware|fw|update|updated|upgrade|upgraded|ios|android|"
    r"macos|windows|app|patch|kernel|driver|bios|sdk|api|chrome|firefox|os|running|installed)"
    r"(?:\W+(?:number|no|is|was|now|currently|still|of|the|app|on))*\W{0,3}$"
)


@recognizers.register("ip_address")
class IpAddressRecognizer(Recognizer):
    name = "ip_address"
    entity_types = ("IP_ADDRESS",)

    def analyze(self, text: str, context: DetectionContext) -> list[PiiSpan]:
        spans: list[PiiSpan] = []
        if text.count(".") >= 3:
            for m in _V4.finditer(text):
                if _valid(m.group(), ipaddress.IPv4Address) and not _looks_like_version(text, m.start()):
                    spans.append(self.span("IP_ADDRESS", m.start(), m.end(), 0.9))
        if text.count(":") >= 2:
            for m in _V6.finditer(text):
                if _plausible_v6(m.group()) and _valid(m.group(), ipaddress.IPv6Address):
                    spans.append(self.span("IP_ADDRESS", m.start(), m.end(), 0.9))
        return spans


def _plausible_v6(candidate: str) -> bool:
    """Compressed ('2001:db8::1') or all eight groups; clock times and emoticons are neither."""
    full_or_compressed = "::" in candidate or candidate.count(":") == 7
    return full_or_compressed and any(c.isalnum() for c in candidate)


def _valid(candidate: str, kind: type[ipaddress.IPv4Address] | type[ipaddress.IPv6Address]) -> bool:
    try:
        kind(candidate)
    except ValueError:
        return False
    return True


def _looks_like_version(text: str, start: int) -> bool:
    return _VERSION_CONTEXT.search(text[max(0, start - 20) : start].lower()) is not None
