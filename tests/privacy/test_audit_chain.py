import dataclasses

import pytest

from tactful.privacy.audit_chain import GENESIS, next_entry, verify_chain


def build(n: int, anchor: str = GENESIS):
    entries, prev = [], None
    for i in range(n):
        prev = next_entry(prev, at=f"2026-01-01T00:00:{i:02d}+00:00", actor="cli:alice",
                          action="subject.export", target=f"u-{i}", detail={"rows": i}, anchor=anchor)
        entries.append(prev)
    return entries


def test_an_untouched_chain_verifies():
    entries = build(5)
    result = verify_chain(entries, head=entries[-1].hash)
    assert result.ok and result.checked == 5


@pytest.mark.parametrize(
    ("tamper", "problem", "seq"),
    [
        (lambda es: es.__setitem__(2, dataclasses.replace(es[2], actor="cli:mallory")), "modified", 3),
        (lambda es: es.__setitem__(2, dataclasses.replace(es[2], detail={"rows": 99})), "modified", 3),
        (lambda es: es.pop(2), "missing", 3),
        (lambda es: es.pop(0), "does not follow", 2),
        (lambda es: es.__setitem__(1, es[3]), "missing", 2),
    ],
)
def test_tampering_is_detected_and_located(tamper, problem, seq):
    entries = build(5)
    tamper(entries)
    result = verify_chain(entries, head=build(5)[-1].hash)
    assert not result.ok and problem in result.problem and result.seq == seq


def test_a_removed_tail_is_caught_by_the_head():
    entries = build(5)
    head = entries[-1].hash
    assert not verify_chain(entries[:-2], head=head).ok
    assert verify_chain(entries[:-2]).ok  # without the head, a tail cut cannot be seen


def test_recomputing_a_forged_entry_still_breaks_the_next_link():
    entries = build(4)
    forged = next_entry(entries[0], at=entries[1].at, actor="cli:mallory", action="x", target="u")
    entries[1] = forged
    result = verify_chain(entries)
    assert not result.ok and result.seq == 3


def test_a_purged_prefix_verifies_from_its_anchor():
    entries = build(6)
    remaining = entries[3:]
    assert verify_chain(remaining, anchor=entries[2].hash, head=entries[-1].hash).ok
    assert not verify_chain(remaining).ok
