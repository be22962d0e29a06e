from __future__ import annotations

import pytest

from tactful.engines.batch import EnrichJob
from tactful.engines.enrich_local import enrich_local
from tactful.engines.inputs import read_records
from tactful.engines.load_enriched import load_enriched
from tactful.engines.parquet_sink import DayPartitionedWriter
from tactful.errors import InputFormatError
from tactful.store import open_store

from .enrich_data import MIXED_LINES, write_lines


@pytest.fixture
def enriched(tmp_path, config):
    out = tmp_path / "out"
    with DayPartitionedWriter(out) as writer:
        enrich_local(
            read_records([write_lines(tmp_path / "in.jsonl", MIXED_LINES)]), EnrichJob.build(config), writer
        )
    return out


def test_loading_twice_stores_each_post_once(tmp_path, enriched):
    with open_store(f"sqlite:///{tmp_path / 't.db'}") as store:
        first = load_enriched(enriched, store, batch_size=2)
        again = load_enriched(enriched, store)
        assert (first.read, first.stored, first.duplicate) == (4, 4, 0)
        assert (again.read, again.stored, again.duplicate) == (4, 0, 4)
        assert store.count_posts() == 4 and store.count_quarantined() == 0


def test_loaded_posts_keep_matches_decisions_and_pseudonyms(tmp_path, enriched):
    with open_store(f"sqlite:///{tmp_path / 't.db'}") as store:
        load_enriched(enriched, store)
        posts = {p.platform_id: p for p in store.iter_posts()}
    assert {m.group for m in posts["2"].matches} == {"brand", "competitor:globex"}
    assert all(p.decision is not None and p.sealed_contact is None for p in posts.values())
    assert "ann" not in posts["1"].author_pseudonym


def test_a_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputFormatError, match="no such folder"):
        load_enriched(tmp_path / "nope", sink=None)  # type: ignore[arg-type]
