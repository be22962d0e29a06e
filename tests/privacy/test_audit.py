"""The audit log in the database: chained appends, tamper detection, purges, one writer at a time."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from tests.privacy.ops_fixtures import *  # noqa: F403

from tactful.privacy.audit import AuditLog, iso
from tactful.store.schema import audit_head, audit_log

T0 = datetime(2026, 3, 1, 12, tzinfo=UTC)


class Clock:
    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def filled(store, n: int = 5, clock: Clock | None = None) -> AuditLog:
    log = AuditLog(store.engine, clock=clock or Clock())
    for i in range(n):
        log.record(f"cli:user{i % 2}", "subject.export", f"author:k1.{i}", {"items": {"posts": i}})
    return log


def test_appends_chain_and_verify(store):
    log = filled(store)
    entries = list(log.entries())
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(entries, entries[1:], strict=False))
    assert log.verify().ok and log.verify().checked == 5
    assert log.head().hash == entries[-1].hash


TAMPERING = [
    (
        "edited detail",
        lambda conn: conn.execute(
            sa.update(audit_log).where(audit_log.c.seq == 3).values(detail={"items": {"posts": 99}})
        ),
        "entry 3 was modified",
    ),
    (
        "edited actor",
        lambda conn: conn.execute(
            sa.update(audit_log).where(audit_log.c.seq == 1).values(actor="cli:someone-else")
        ),
        "entry 1 was modified",
    ),
    (
        "deleted middle",
        lambda conn: conn.execute(sa.delete(audit_log).where(audit_log.c.seq == 2)),
        "entry 2 is missing",
    ),
    (
        "deleted first",
        lambda conn: conn.execute(sa.delete(audit_log).where(audit_log.c.seq == 1)),
        "entry 2 does not follow",
    ),
    (
        "deleted last",
        lambda conn: conn.execute(sa.delete(audit_log).where(audit_log.c.seq == 5)),
        "entries after the last one were removed",
    ),
    (
        "rehashed edit",
        lambda conn: conn.execute(
            sa.update(audit_log).where(audit_log.c.seq == 4).values(target="author:other", hash="f" * 64)
        ),
        "entry 4 was modified",
    ),
]


@pytest.mark.parametrize(("name", "tamper", "problem"), TAMPERING, ids=[t[0] for t in TAMPERING])
def test_tampering_with_sql_is_detected(store, name, tamper, problem):
    log = filled(store)
    with store.engine.begin() as conn:
        tamper(conn)
    check = log.verify()
    assert not check.ok
    assert problem in check.problem


def test_purge_drops_a_prefix_and_the_rest_still_verifies(store):
    clock = Clock()
    log = filled(store, 6, clock)
    cutoff = datetime.fromisoformat(list(log.entries())[3].at)  # entries 1-3 are older
    assert log.purge_before(cutoff) == 3
    assert [e.seq for e in log.entries()] == [4, 5, 6]
    assert log.verify().ok
    log.record("cli:x", "config.change", "tactful.toml")
    assert [e.seq for e in log.entries()] == [4, 5, 6, 7] and log.verify().ok


def test_purging_everything_keeps_the_numbering_and_the_chain(store):
    log = filled(store, 3)
    assert log.purge_before(T0 + timedelta(days=1)) == 3
    assert log.verify().ok and list(log.entries()) == []
    entry = log.record("cli:x", "subject.erase", "author:k1.a")
    assert entry.seq == 4 and log.verify().ok


def test_a_purge_cannot_be_faked_by_deleting_rows(store):
    log = filled(store, 4)
    with store.engine.begin() as conn:
        conn.execute(sa.delete(audit_log).where(audit_log.c.seq <= 2))
    assert not log.verify().ok


def test_concurrent_writers_never_fork_the_chain(store):
    log = AuditLog(store.engine)
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for i in range(15):
                log.record(f"worker:{worker}", "reply.send", f"post:{worker}:{i}")
        except BaseException as exc:  # reported below, not swallowed
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [e.seq for e in log.entries()] == list(range(1, 61))
    assert log.verify().ok


def test_times_are_one_sortable_spelling():
    assert iso(datetime(2026, 3, 1, 12, tzinfo=UTC)) == "2026-03-01T12:00:00.000000+00:00"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tactful", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_audit_verify_fails_on_a_tampered_log(store_url, secret):
    url = store_url
    from tactful.store import open_store

    with open_store(url) as opened:
        filled(opened, 3)
    ok = run_cli("audit", "verify", "--db", url)
    assert ok.returncode == 0 and "3 entries" in ok.stdout
    listed = run_cli("audit", "list", "--db", url, "--json", "--limit", "2")
    assert listed.returncode == 0
    assert [e["seq"] for e in json.loads(listed.stdout)] == [2, 3], "the newest two, oldest first"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE audit_log SET actor = 'cli:mallory' WHERE seq = 2"))
    engine.dispose()
    bad = run_cli("audit", "verify", "--db", url)
    assert bad.returncode == 1
    assert "entry 2 was modified" in bad.stderr


def test_the_head_row_exists_after_migration(store):
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(audit_head.c.seq)).scalar_one() == 0
