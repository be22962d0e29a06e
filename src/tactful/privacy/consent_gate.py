"""The privacy gate with the store's consent state: what the local engine runs before storage.

Per batch, before the pure gate (``gate.py``) sees it:

1. posts that ask the brand to stop listening (``requests_optout``: a post that
   addresses the brand with a configured phrase) opt their author out at once:
   erase, register, audit (``optouts.opt_out``, via ``message``);
2. posts erased on request or deleted upstream (``tombstones.py``) are withheld
   (looked up by their stored id, ``platform_ids.py``, under every key);
3. the opted-out set is read from the store afresh, so an opt-out made by the CLI,
   the API or a message one batch earlier already holds, and the gate withholds
   those authors and builds the stored posts;
4. for authors stored under an account-id pseudonym, the keyed hash of their handle
   is linked to it (``identity.record_aliases``) so a request by handle finds them.

Not picklable (it holds the database engine): Spark runs the pure gate with the set
loaded once per job.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sqlalchemy as sa
import structlog

from tactful.config import Config
from tactful.privacy.audit import Clock
from tactful.privacy.gate import PrivacyGate, identity_hashes
from tactful.privacy.identity import alias_pairs, record_aliases
from tactful.privacy.optout_request import requests_optout
from tactful.privacy.optouts import load_opted_out, opt_out
from tactful.privacy.platform_ids import Key, stored_keys
from tactful.privacy.tombstones import buried
from tactful.records import Post, StoredPost, utcnow

log = structlog.get_logger(__name__)


@dataclass
class ConsentGate:
    gate: PrivacyGate
    engine: sa.Engine
    config: Config
    clock: Clock = utcnow

    def __call__(self, batch: list[Post]) -> tuple[list[StoredPost], list[Post]]:
        opted_out = load_opted_out(self.engine)
        if self.honour_optout_requests(batch, opted_out):
            opted_out = load_opted_out(self.engine)
        erased = self.erased_keys(batch)
        gate = replace(self.gate, opted_out=opted_out)
        stored, withheld = gate([post for post in batch if post.key not in erased])
        self.link_aliases(batch, stored)
        return stored, withheld + [post for post in batch if post.key in erased]

    def changes_consent(self, batch: list[Post]) -> bool:
        """Does the batch hold an opt-out request? (Then earlier batches are stored before it is gated.)"""
        return any(requests_optout(post, self.config) for post in batch)

    def stored_key(self, key: Key) -> Key:
        return self.gate.stored_key(key)

    def erased_keys(self, batch: list[Post]) -> set[Key]:
        """The raw keys of the batch's posts that were erased or deleted (under any stored form)."""
        forms = {form: post.key for post in batch for form in stored_keys(self.gate.keyring, [post.key])}
        return {forms[form] for form in buried(self.engine, self.gate.keyring, forms)}

    def honour_optout_requests(self, batch: list[Post], opted_out: frozenset[str]) -> int:
        """Opt out the authors of new requests (one already honoured, e.g. on re-ingest, is skipped)."""
        requests = {}
        for post in batch:
            if requests_optout(post, self.config):
                hashes = identity_hashes(post, self.gate.keyring)
                if hashes.isdisjoint(opted_out):
                    requests[hashes] = post
        for hashes in requests:
            opt_out(self.engine, hashes, via="message", actor="system:ingest", clock=self.clock)
        if requests:
            log.info("privacy.optout_requests", count=len(requests))
        return len(requests)

    def link_aliases(self, batch: list[Post], stored: list[StoredPost]) -> None:
        pseudonyms = {post.key: post.author_pseudonym for post in stored}  # keyed by the stored id
        pairs = [
            pair
            for post in batch
            if (key := self.stored_key(post.key)) in pseudonyms
            for pair in alias_pairs(
                self.gate.keyring, post.platform, post.author_handle, post.author_id, pseudonyms[key]
            )
        ]
        if pairs:
            with self.engine.begin() as conn:
                record_aliases(conn, pairs)
