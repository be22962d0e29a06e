"""``addressed``: does the post speak *to* the brand, and why we think so.

Three reasons, checked in this order: a direct message, a reply to one of
the brand's handles (or flagged ``replies_to_brand``), a mention of one of
its handles (from the request's ``mentions`` or, failing those, ``@handles``
in the text). Handles come from the config or ``--brand-handle``; without
any, nothing is addressed.
"""

from __future__ import annotations

import re

from tactful.records import Addressed, Analysis
from tactful.understand.analyzers.base import Analyzer, Settings, analyzers
from tactful.understand.batch import Batch, Request

_MENTION = re.compile(r"(?<![\w@])@([\w.-]*\w)")


def mentioned_handles(request: Request) -> list[str]:
    if request.mentions:
        return request.mentions
    return [m.lower() for m in _MENTION.findall(request.text)]


def addressed(request: Request, brand_handles: frozenset[str]) -> Addressed:
    if request.is_direct_message:
        return Addressed(True, "direct message")
    replied_to = (request.reply_to_author or "").lstrip("@").lower()
    if request.replies_to_brand or replied_to in brand_handles:
        return Addressed(True, "replies to the brand")
    for handle in mentioned_handles(request):
        handle = handle.lstrip("@").lower()
        if handle in brand_handles:
            return Addressed(True, f"mentions @{handle}")
    if not brand_handles:
        return Addressed(False, "no brand handles configured")
    return Addressed(False, "does not mention or reply to the brand")


@analyzers.register("addressed")
class AddressedAnalyzer(Analyzer):
    name = "addressed"
    version = "1.0.0"
    labels = ("true", "false")

    def load(self, settings: Settings) -> None:
        self.brand_handles = settings.brand_handles

    def analyze(self, batch: Batch, analyses: list[Analysis]) -> None:
        for request, analysis in zip(batch.requests, analyses, strict=True):
            analysis.addressed = addressed(request, self.brand_handles)
            analysis.versions[self.name] = self.version
