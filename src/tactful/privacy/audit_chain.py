"""The audit log's hash chain, as pure functions.

Each entry's hash covers its own fields and the previous entry's hash, so an
edited entry breaks its own hash and a deleted one breaks the link of the next.
A removed tail is caught by comparing the last hash with the recorded head.
When retention purges old entries, the hash of the last purged entry becomes
the anchor the remaining chain is verified from.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str  # ISO 8601, UTC
    actor: str  # "cli:alice", "api:token-3", "system:retention"
    action: str  # "identity.view", "subject.export", "subject.erase", "reply.send", "config.change", ...
    target: str  # pseudonymous: an author pseudonym, a post key, a config path; never raw PII
    detail: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS
    hash: str = ""


@dataclass(frozen=True, slots=True)
class ChainCheck:
    ok: bool
    checked: int
    problem: str = ""
    seq: int | None = None


def entry_hash(seq: int, at: str, actor: str, action: str, target: str, detail: dict[str, Any], prev: str) -> str:
    body = json.dumps([seq, at, actor, action, target, detail, prev], sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def next_entry(prev: AuditEntry | None, *, at: str, actor: str, action: str, target: str,
               detail: dict[str, Any] | None = None, anchor: str = GENESIS) -> AuditEntry:
    seq = prev.seq + 1 if prev else 1
    prev_hash = prev.hash if prev else anchor
    detail = detail or {}
    return AuditEntry(seq, at, actor, action, target, detail, prev_hash,
                      entry_hash(seq, at, actor, action, target, detail, prev_hash))


def verify_chain(entries: Iterable[AuditEntry], *, anchor: str = GENESIS, head: str | None = None) -> ChainCheck:
    expected_prev, expected_seq, checked = anchor, None, 0
    for entry in entries:
        if expected_seq is not None and entry.seq != expected_seq:
            return ChainCheck(False, checked, f"entry {expected_seq} is missing", expected_seq)
        if entry.prev_hash != expected_prev:
            return ChainCheck(False, checked, f"entry {entry.seq} does not follow the one before it", entry.seq)
        recomputed = entry_hash(entry.seq, entry.at, entry.actor, entry.action, entry.target, entry.detail,
                                entry.prev_hash)
        if recomputed != entry.hash:
            return ChainCheck(False, checked, f"entry {entry.seq} was modified", entry.seq)
        expected_prev, expected_seq, checked = entry.hash, entry.seq + 1, checked + 1
    if head is not None and head != expected_prev:
        return ChainCheck(False, checked, "entries after the last one were removed", expected_seq)
    return ChainCheck(True, checked)
