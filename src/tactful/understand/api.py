"""The understanding API: ``Understander(...).analyze(requests) -> list[Analysis]``.

    >>> from tactful.understand.api import Understander
    >>> understander = Understander(brand_handles=["@delta"], aspects="airline")
    >>> [a.intent.label for a in understander.analyze(["@delta where is my bag?"])]
    ['complaint']

A request is a string, or a dict / ``Request`` with ``text`` and optional context
(``mentions``, ``reply_to_author``, ``replies_to_brand``, ``is_direct_message``,
``lang``, ``in_open_thread``). Models load lazily, once per process; analyzers
run in ``ORDER`` over the whole batch, sharing one featurisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tactful.errors import ModelError, UsageError
from tactful.records import Analysis
from tactful.understand.analyzers import ORDER, Analyzer, Settings, analyzers
from tactful.understand.artefacts import load_bundle
from tactful.understand.aspects import load_taxonomy
from tactful.understand.batch import Batch, Request

TIERS = ("fast", "accurate")
DOMAIN_TAXONOMIES = frozenset({"airline"})  # taxonomies that also select domain heads
RequestLike = str | Mapping[str, Any] | Request


class Understander:
    def __init__(
        self,
        tier: str = "fast",
        brand_handles: Iterable[str] = (),
        aspects: str | Path = "software",
        domain: str | None = None,
    ) -> None:
        if tier not in TIERS:
            raise UsageError(f"unknown tier {tier!r} (choose fast or accurate)")
        self.tier = tier
        self.brand_handles = frozenset(h.lstrip("@").lower() for h in brand_handles)
        self.taxonomy = load_taxonomy(aspects)
        self.domain = domain or (self.taxonomy.name if self.taxonomy.name in DOMAIN_TAXONOMIES else None)
        self._analyzers: list[Analyzer] | None = None
        self._settings: Settings | None = None

    def analyze(self, requests: Sequence[RequestLike]) -> list[Analysis]:
        """One ``Analysis`` per request, in order."""
        items = [Request.from_value(r) for r in requests]
        if not items:
            return []
        settings, loaded = self._load()
        batch = Batch(items, settings.bundle)
        analyses = [Analysis(tier=self.tier) for _ in items]
        for analyzer in loaded:
            analyzer.analyze(batch, analyses)
        return analyses

    def _load(self) -> tuple[Settings, list[Analyzer]]:
        if self._analyzers is None or self._settings is None:
            bundle = _bundle(self.tier)
            self._settings = Settings(bundle, self.brand_handles, self.taxonomy, self.domain)
            self._analyzers = []
            for name in ORDER:
                analyzer = analyzers.get(name)()
                analyzer.load(self._settings)
                self._analyzers.append(analyzer)
        return self._settings, self._analyzers


def _bundle(tier: str):  # type: ignore[no-untyped-def]
    try:
        return load_bundle(tier)
    except ModelError as exc:
        if tier == "accurate":
            raise ModelError(
                f"the accurate tier is not installed in this build; use tier='fast' (detail: {exc.message})"
            ) from None
        raise


def analyze(texts_or_dicts: Sequence[RequestLike], **options: Any) -> list[Analysis]:
    """``tactful.analyze``: options are ``Understander``'s (tier, brand_handles, aspects, domain)."""
    key = _options_key(options)
    understander = _understanders.get(key)
    if understander is None:
        understander = _understanders[key] = Understander(**options)
    return understander.analyze(texts_or_dicts)


_understanders: dict[tuple[Any, ...], Understander] = {}


def _options_key(options: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(
        sorted(
            (k, tuple(v) if isinstance(v, list | tuple | set | frozenset) else str(v))
            for k, v in options.items()
        )
    )
