from __future__ import annotations

from datetime import timedelta

import pytest
from tests.engage.factories import NOW

from tactful.engage.conversation import Conversation
from tactful.engage.metrics import inbox_metrics, percentile
from tactful.engage.sla import SlaPolicy


def conversation(
    n: int, *, team: str = "support", reply_after: float | None = None, resolved: bool = False, day: int = 0
) -> Conversation:
    opened = NOW + timedelta(days=day)
    return Conversation(
        id=n,
        thread_key=f"bluesky:{n}",
        opening_post_id=n,
        platform="bluesky",
        author_pseudonym="u",
        action="respond",
        status="resolved" if resolved else ("waiting_on_customer" if reply_after is not None else "new"),
        team=team,
        assignee=None,
        priority=50,
        reasons=[],
        explanation="",
        opened_at=opened,
        updated_at=opened,
        first_reply_at=opened + timedelta(minutes=reply_after) if reply_after is not None else None,
        resolved_at=opened + timedelta(hours=1) if resolved else None,
    )


@pytest.mark.parametrize(
    ("values", "pct", "expected"),
    [
        ([], 50, None),
        ([5.0], 90, 5.0),
        ([1.0, 2.0, 3.0, 4.0], 50, 2.0),
        ([float(v) for v in range(1, 11)], 90, 9.0),
        ([float(v) for v in range(1, 11)], 50, 5.0),
    ],
)
def test_percentile_is_nearest_rank(values, pct, expected):
    assert percentile(values, pct) == expected


def test_metrics_per_team_and_day():
    items = [
        conversation(1, reply_after=10, resolved=True),
        conversation(2, reply_after=30),
        conversation(3, reply_after=90),
        conversation(4, team="pr", day=1),
        conversation(5, team="pr", reply_after=5, resolved=True, day=1),
    ]
    now = NOW + timedelta(days=3)
    metrics = inbox_metrics(items, lambda team: SlaPolicy(first_response_minutes=60), now)
    overall = metrics.overall
    assert (overall.conversations, overall.answered) == (5, 4)
    assert (overall.first_response_median_minutes, overall.first_response_p90_minutes) == (10.0, 90.0)
    assert overall.resolution_rate == pytest.approx(0.4)
    # 2 and 3 never resolved (1 day target), 3 answered late, 4 never answered
    assert overall.breaches == 3
    assert [(r.key, r.conversations, r.breaches) for r in metrics.by_team] == [
        ("pr", 2, 1),
        ("support", 3, 2),
    ]
    assert [r.key for r in metrics.by_day] == [
        NOW.date().isoformat(),
        (NOW + timedelta(days=1)).date().isoformat(),
    ]
