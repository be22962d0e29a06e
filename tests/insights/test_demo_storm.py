"""The demo's storm on 2026-03-10 shows as a spike, found from the rollups the demo's ingest filled."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from tactful.demo.run import database_path, run_demo
from tactful.insights import aggregates, alerts, rollups
from tactful.insights.filters import Filters


@pytest.fixture(scope="module")
def demo_engine(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("demo")
    run_demo(workdir, fresh=True)
    engine = sa.create_engine(f"sqlite:///{database_path(workdir)}")
    yield engine
    engine.dispose()


@pytest.mark.slow
def test_the_storm_is_a_volume_spike_on_march_10(demo_engine):
    with demo_engine.connect() as conn:
        found = alerts.find_spikes(conn, Filters(), group="brand")
    volume = [a for a in found if a.spike.kind == "volume"]
    assert volume and {a.spike.start.date() for a in volume} == {datetime(2026, 3, 10).date()}
    assert volume[0].examples  # explained by posts of that hour


@pytest.mark.slow
def test_the_storm_day_is_the_busiest_brand_day_and_rollups_match_the_raw_tables(demo_engine):
    assert rollups.differences(demo_engine) == dict.fromkeys(rollups.ROLLUPS, 0)
    with demo_engine.connect() as conn:
        days = [p for p in aggregates.timeseries(conn, Filters(groups=("brand",)), "day")]
    busiest = max(days, key=lambda p: p.posts)
    assert busiest.start == datetime(2026, 3, 10, tzinfo=UTC)
