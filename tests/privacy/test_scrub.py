"""After an opt-out, the erased posts' text is nowhere in the SQLite files: not in free pages,
not in the search index's old segments, not in the write-ahead log."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from tests.privacy.ops_checks import keys_by
from tests.privacy.ops_fixtures import *  # noqa: F403
from tests.privacy.ops_fixtures import ingest

from tactful.privacy.identity import identity_hashes
from tactful.privacy.optouts import opt_out
from tactful.store.schema import posts

PERSON = ("twitter", "luciaflies")


def texts(store) -> dict[tuple[str, str], str]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(posts.c.platform, posts.c.platform_id, posts.c.text))
        return {(r.platform, r.platform_id): r.text for r in rows}


def distinctive_phrases(theirs: list[str], others: list[str]) -> list[bytes]:
    """Stretches of 16 characters of the person's posts that no other stored post contains."""
    found = []
    for text in theirs:
        for start in range(0, max(len(text) - 16, 1), 8):
            phrase = text[start : start + 16]
            if len(phrase) == 16 and not any(phrase in other for other in others):
                found.append(phrase.encode("utf-8"))
                break
    return found


def file_bytes(database: Path) -> bytes:
    return b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))


def test_an_opt_out_leaves_no_copy_of_the_erased_text_in_the_database_files(
    store, keyring, demo_config, answer_key
):
    if store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite files only: PostgreSQL reclaims dead tuples with VACUUM")
    ingest(store, demo_config)
    held = texts(store)
    theirs = keys_by(answer_key, *PERSON)
    phrases = distinctive_phrases(
        [t for k, t in held.items() if k in theirs and t], [t for k, t in held.items() if k not in theirs]
    )
    database = Path(store.engine.url.database)
    assert phrases and all(p in file_bytes(database) for p in phrases), "the text is on disk before"

    opt_out(store.engine, identity_hashes(keyring, PERSON[0], handle=PERSON[1]), via="cli", actor="cli:dpo")

    left = [p.decode() for p in phrases if p in file_bytes(database)]
    assert left == []
