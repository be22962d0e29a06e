"""Rollups always equal the raw tables: after inserts, erasures (any order), label changes, rebuilds."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.insights.conftest import build_post, write

from tactful.insights import rollups
from tactful.store.schema import analyses, post_aspects, post_matches, posts

GROUPS = ("brand", "competitor:aero", "product")
SENTIMENTS = ("positive", "neutral", "negative", None)
ASPECTS = ("baggage", "staff", "seat")

post_specs = st.builds(
    dict,
    hours=st.integers(-48, 72),
    groups=st.lists(st.sampled_from(GROUPS), min_size=1, max_size=3).map(tuple),
    platform=st.sampled_from(("bluesky", "mastodon")),
    sentiment=st.sampled_from(SENTIMENTS),
    intent=st.sampled_from(("complaint", "question", None)),
    aspects=st.lists(
        st.tuples(st.sampled_from(ASPECTS), st.sampled_from(("positive", "negative"))),
        max_size=2,
        unique_by=lambda a: a[0],
    ).map(tuple),
    sensitive=st.sampled_from(((), ("health",))),
    author=st.sampled_from(("alice", "bob", None)),
    lang=st.sampled_from(("en", "de", None)),
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), st.lists(post_specs, min_size=1, max_size=6)),
        st.tuples(
            st.sampled_from(
                (
                    "erase_post",
                    "erase_children_first",
                    "drop_analysis",
                    "drop_one_match",
                    "drop_aspects",
                    "relabel",
                    "flag_sensitive",
                    "clear_sensitive",
                )
            ),
            st.integers(1, 40),
        ),
        st.tuples(st.just("rebuild"), st.none()),
    ),
    min_size=1,
    max_size=8,
)


def _reset(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        conn.execute(sa.delete(posts))
        for table in rollups.ROLLUPS.values():
            conn.execute(sa.delete(table))


def _apply(store, op: str, arg, next_id: list[int]) -> None:
    if op == "insert":
        batch = []
        for spec in arg:
            next_id[0] += 1
            batch.append(build_post(next_id[0], **spec))
        write(store, batch)
    elif op == "rebuild":
        rollups.rebuild(store.engine)
    else:
        with store.engine.begin() as conn:
            _erase(conn, op, arg)


def _erase(conn: sa.Connection, op: str, post_id: int) -> None:
    if op == "erase_post":  # cascades to every child
        conn.execute(sa.delete(posts).where(posts.c.id == post_id))
    elif op == "erase_children_first":  # how an erasure that deletes table by table does it
        for table in (post_aspects, analyses, post_matches):
            conn.execute(sa.delete(table).where(table.c.post_id == post_id))
        conn.execute(sa.delete(posts).where(posts.c.id == post_id))
    elif op == "drop_analysis":
        conn.execute(sa.delete(analyses).where(analyses.c.post_id == post_id))
    elif op == "drop_aspects":
        conn.execute(sa.delete(post_aspects).where(post_aspects.c.post_id == post_id))
    elif op == "drop_one_match":
        first = conn.execute(
            sa.select(post_matches.c.query_name)
            .where(post_matches.c.post_id == post_id)
            .order_by(post_matches.c.query_name)
            .limit(1)
        ).scalar()
        conn.execute(
            sa.delete(post_matches).where(
                post_matches.c.post_id == post_id, post_matches.c.query_name == first
            )
        )
    elif op == "relabel":
        conn.execute(
            sa.update(analyses)
            .where(analyses.c.post_id == post_id)
            .values(sentiment="negative", intent="complaint")
        )
    elif op in ("flag_sensitive", "clear_sensitive"):  # a re-analysis finds (or drops) a sensitive category
        flagged = ["religion"] if op == "flag_sensitive" else []
        conn.execute(
            sa.update(analyses).where(analyses.c.post_id == post_id).values(analysis={"sensitive": flagged})
        )


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_rollups_equal_the_raw_tables_after_any_writes(store, ops):
    _reset(store.engine)
    next_id = [0]
    for op, arg in ops:
        _apply(store, op, arg, next_id)
        assert rollups.differences(store.engine) == dict.fromkeys(rollups.ROLLUPS, 0), op


def test_retention_blanking_text_keeps_every_figure(store):
    write(
        store,
        [build_post(i, hours=i, sentiment="negative", aspects=(("seat", "negative"),)) for i in range(1, 6)],
    )
    before = _all_counts(store.engine)
    with store.engine.begin() as conn:
        conn.execute(sa.update(posts).values(text="", mentions=[], links=[]))
    assert _all_counts(store.engine) == before and rollups.differences(store.engine) == dict.fromkeys(
        rollups.ROLLUPS, 0
    )


def test_rebuild_restores_rollups_that_were_lost(store):
    write(
        store,
        [
            build_post(i, hours=i, groups=("brand", "competitor:aero"), sentiment="positive")
            for i in range(1, 4)
        ],
    )
    expected = _all_counts(store.engine)
    with store.engine.begin() as conn:
        for table in rollups.ROLLUPS.values():
            conn.execute(sa.delete(table))
    assert rollups.differences(store.engine)["sentiment_hourly"] > 0
    sizes = rollups.rebuild(store.engine)
    assert _all_counts(store.engine) == expected and sizes["sentiment_daily"] == 2  # one day, two groups


def _all_counts(engine: sa.Engine) -> dict[str, dict]:
    with engine.connect() as conn:
        return {name: rollups.stored_counts(conn, name) for name in rollups.ROLLUPS}
