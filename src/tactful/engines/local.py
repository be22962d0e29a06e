"""The local engine: the pure stages bound to one installation's config, run in-process.

    stages = build_stages(config)                       # once: compiles queries, loads models
    for path in iter_files(paths):
        source = open_file_source(path)
        report = pipeline_for(source, stages).run(source.read(), store)

``build_pipeline(config, source=...)`` does both at once. Every stage is a plain
function with its settings bound by ``functools.partial``, so the same objects
pickle into Spark. A stage whose module is not installed falls back to a
stand-in from ``engines.fallbacks``; ``Stages.fallbacks`` names them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import structlog

from tactful.config import Config
from tactful.engines import fallbacks
from tactful.pipeline import Pipeline, PostStage, PrivacyGate, StoredStage
from tactful.query import compile_queries, match_posts
from tactful.records import Quarantined, StoredPost
from tactful.sources.base import Source
from tactful.store import Store
from tactful.store.store import Admit

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Stages:
    """Every stage but parsing, ready to run: what does not depend on the source."""

    normalise: PostStage
    match: PostStage
    privacy_gate: PrivacyGate
    understand: StoredStage
    decide: StoredStage
    fallbacks: tuple[str, ...] = ()  # stand-ins in use: "understand missing -> posts stored without analysis"


def build_pipeline(config: Config, *, source: Source) -> Pipeline:
    return pipeline_for(source, build_stages(config))


def pipeline_for(source: Source, stages: Stages) -> Pipeline:
    return Pipeline(map_item=source.map_item, normalise=stages.normalise, match=stages.match,
                    privacy_gate=stages.privacy_gate, understand=stages.understand, decide=stages.decide)


def build_stages(config: Config, *, store: Store | None = None, live: bool = False) -> Stages:
    """With ``store``, the privacy gate reads the opt-out registry at every batch and honours
    opt-out messages (``privacy/consent_gate.py``); without, it knows no opt-outs. ``live``
    picks ``understand.live_tier`` (small brand-matched volume) instead of the bulk ``tier``."""
    used: list[str] = []
    stages = Stages(
        normalise=_normalise_stage(used),
        match=partial(match_posts, matcher=compile_queries(config.queries)),
        privacy_gate=_with_consent(_privacy_gate(config, used), config, store),
        understand=_understand_stage(config, used, live),
        decide=_decide_stage(config, used, store),
        fallbacks=tuple(used),
    )
    for fallback in stages.fallbacks:
        log.warning("pipeline.fallback", stage=fallback)
    return stages


def _normalise_stage(used: list[str]) -> PostStage:
    normalise_posts = _optional("tactful.sources.normalise", "normalise_posts")
    if normalise_posts is None:
        used.append("normalise missing -> posts stored as parsed")
        return fallbacks.keep_posts_as_parsed
    return normalise_posts  # type: ignore[no-any-return]


def _privacy_gate(config: Config, used: list[str]) -> PrivacyGate:
    build_privacy_gate = _optional("tactful.privacy.gate", "build_privacy_gate")
    if build_privacy_gate is None:
        used.append("privacy gate missing -> StoredPost built with an HMAC pseudonym only (no redaction)")
        return fallbacks.pseudonym_only_gate(config)
    return build_privacy_gate(config)  # type: ignore[no-any-return]


def _with_consent(gate: PrivacyGate, config: Config, store: Store | None) -> PrivacyGate:
    consent_gate = _optional("tactful.privacy.consent_gate", "ConsentGate")
    if store is None or consent_gate is None or not hasattr(gate, "keyring"):
        return gate
    return consent_gate(gate, store.engine, config)  # type: ignore[no-any-return]


def _understand_stage(config: Config, used: list[str], live: bool) -> StoredStage:
    understand_posts = _optional("tactful.understand.stage", "understand_posts")
    understander = _optional("tactful.understand.api", "Understander")
    if understand_posts is None or understander is None:
        used.append("understand missing -> posts stored without analysis")
        return fallbacks.no_analysis
    # Models load once, on the first batch.
    tier = config.understand.live_tier if live else config.understand.tier
    return partial(understand_posts, understander=understander(
        tier=tier, brand_handles=sorted(config.brand.all_handles()),
        aspects=config.understand.aspects))


def _decide_stage(config: Config, used: list[str], store: Store | None) -> StoredStage:
    decide_posts = _optional("tactful.engage.stage", "decide_posts")
    build_policy = _optional("tactful.engage.policy", "build_policy")
    if decide_posts is None or build_policy is None:
        used.append("decide missing -> posts stored without decision")
        return fallbacks.no_decision
    source = str(config.path) if config.path else "tactful.toml"
    threads = _optional("tactful.engage.threads", "StoreThreads")
    # With a store, the inbox tells the policy about repeat contact and waiting time in each thread.
    lookup = threads.for_store(store) if threads is not None and store is not None else None  # type: ignore[attr-defined]
    policy = build_policy(config.policy, source=source)
    for warning in policy.warnings:  # a loosened policy is said out loud wherever it runs
        log.warning("policy.warning", warning=warning)
    return partial(decide_posts, policy=policy, threads=lookup)


def privacy_admit(config: Config) -> Admit | None:
    """The privacy layer's last check (erasures, deletions, opt-outs) inside each batch's write
    transaction (``privacy/admit.py``), when installed."""
    last_check = _optional("tactful.privacy.admit", "last_check")
    load_keyring = _optional("tactful.privacy.pseudonyms", "load_keyring")
    if last_check is None or load_keyring is None:
        return None
    return last_check(load_keyring(config.privacy.secret_env))  # type: ignore[no-any-return]


@dataclass(frozen=True)
class CheckedSink:
    """The store as a pipeline's sink, with ``admit`` run inside each batch's transaction."""

    store: Store
    admit: Admit | None

    def write_batch(self, batch: list[StoredPost], quarantined: list[Quarantined]) -> int:
        return self.store.write_batch(batch, quarantined, admit=self.admit)


def sync_inbox(store: Store) -> int:
    """Take the stored respond/route decisions into the triage inbox (when installed); return how many."""
    inbox = _optional("tactful.engage.inbox", "Inbox")
    return inbox(store.engine).sync() if inbox is not None else 0  # type: ignore[no-any-return]


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """``module.name``, or None when that module (not one it imports) is not installed."""
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is not None and module.startswith(exc.name):
            return None
        raise
    return getattr(found, name, None)
