from __future__ import annotations

import sys

import pytest

from tactful.engines import local
from tactful.engines.fallbacks import PseudonymOnlyGate, keep_posts_as_parsed, no_analysis, no_decision
from tactful.engines.local import build_pipeline, build_stages, pipeline_for
from tactful.errors import ModelError
from tactful.pipeline import Pipeline
from tactful.store import open_store

from .conftest import FakeSource


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'tactful.db'}") as opened:
        yield opened


def test_build_pipeline_binds_the_source_and_the_real_query_stage(config, mixed_source):
    pipeline = build_pipeline(config, source=mixed_source)
    assert isinstance(pipeline, Pipeline)
    assert pipeline.map_item == mixed_source.map_item
    assert pipeline.match.keywords["matcher"] is not None  # type: ignore[attr-defined]


def test_every_row_is_accounted_for(config, mixed_source, store):
    report = build_pipeline(config, source=mixed_source).run(mixed_source.read(), store, batch_size=3)
    assert report.adds_up()
    assert (report.read, report.stored, report.not_matched, report.withheld, report.duplicate,
            report.rejected) == (7, 2, 1, 1, 1, 2)
    assert report.rejected_reasons == {"bad_json": 1, "missing_text": 1}
    assert store.count_quarantined() == 2


def test_ingesting_the_same_source_twice_stores_nothing_new(config, mixed_source, store):
    stages = build_stages(config)
    pipeline_for(mixed_source, stages).run(mixed_source.read(), store)
    again = pipeline_for(mixed_source, stages).run(mixed_source.read(), store)
    assert (again.stored, again.duplicate) == (0, 3)
    assert again.adds_up()
    assert store.count_posts() == 2


def test_stored_posts_carry_their_matches_and_no_raw_handle(config, mixed_source, store):
    build_pipeline(config, source=mixed_source).run(mixed_source.read(), store)
    posts = {p.platform_id: p for p in store.iter_posts()}
    assert {m.group for m in posts["2"].matches} == {"brand", "competitor:globex"}
    assert all("someone" not in p.author_pseudonym for p in posts.values())
    assert store.stats("group") == [("brand", 2), ("competitor:globex", 1)]


def test_the_decide_stage_is_the_real_policy(config, mixed_source, store):
    stages = build_stages(config)
    assert stages.decide is not no_decision
    pipeline_for(mixed_source, stages).run(mixed_source.read(), store)
    assert all(p.decision is not None for p in store.iter_posts())


@pytest.mark.parametrize(
    ("module", "stage", "fallback", "note"),
    [
        ("tactful.sources.normalise", "normalise", keep_posts_as_parsed, "normalise missing"),
        ("tactful.understand.stage", "understand", no_analysis, "understand missing"),
        ("tactful.engage.stage", "decide", no_decision, "decide missing"),
    ],
)
def test_a_missing_stage_module_falls_back_and_says_so(monkeypatch, config, module, stage, fallback, note):
    monkeypatch.setitem(sys.modules, module, None)  # import now fails as if it were not installed
    stages = build_stages(config)
    assert getattr(stages, stage) is fallback
    assert any(f.startswith(note) for f in stages.fallbacks)


def test_a_missing_privacy_gate_falls_back_to_pseudonyms_only(monkeypatch, config, mixed_source, store):
    monkeypatch.setitem(sys.modules, "tactful.privacy.gate", None)
    stages = build_stages(config)
    assert isinstance(stages.privacy_gate, PseudonymOnlyGate)
    report = pipeline_for(mixed_source, stages).run(mixed_source.read(), store)
    assert (report.stored, report.withheld) == (2, 1)


def test_a_broken_stage_module_is_an_error_not_a_silent_fallback(monkeypatch):
    monkeypatch.setattr(local.importlib, "import_module", _import_failing_inside)
    with pytest.raises(ModuleNotFoundError):
        local._optional("tactful.privacy.gate", "build_privacy_gate")


def _import_failing_inside(name: str) -> object:
    raise ModuleNotFoundError("No module named 'presidio'", name="presidio")


def test_stages_pickle_for_spark(config):
    import pickle

    stages = build_stages(config)
    for stage in (stages.normalise, stages.match, stages.privacy_gate, stages.decide):
        assert pickle.loads(pickle.dumps(stage)) is not None


def test_a_source_with_no_records_reports_zero(config, store):
    empty = FakeSource([])
    report = build_pipeline(config, source=empty).run(empty.read(), store)
    assert report.read == 0 and report.adds_up()


def test_the_understand_stage_is_the_real_one_when_installed(real_understand, config, mixed_source, store):
    pytest.importorskip("tactful.understand.api", reason="the understand stage is not installed yet")
    stages = build_stages(config)
    assert stages.understand is not no_analysis
    try:
        pipeline_for(mixed_source, stages).run(mixed_source.read(), store)
    except ModelError as exc:
        pytest.skip(f"models not built in this checkout: {exc.code}")
    assert all(p.analysis is not None for p in store.iter_posts())


@pytest.mark.parametrize(("live", "expected"), [(False, "fast"), (True, "accurate")])
def test_live_work_uses_the_live_tier_and_bulk_work_the_bulk_tier(real_understand, config, live, expected):
    stages = build_stages(config, live=live)
    assert stages.understand.keywords["understander"].tier == expected
