"""Done-when: over real tweets to brands, the default policy never answers a post that does not address
the brand, and every decision explains itself (reason codes and a sentence).

The posts are analysed with the shipped fast models. Where the model artefacts are absent, the posts
are decided without analysis (the policy's analysis-free path) and the test says so in its output.
"""

from __future__ import annotations

import json
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tactful.engage.policy import build_policy
from tactful.engage.review import review
from tactful.errors import ModelError

AIRLINES = ["@VirginAmerica", "@united", "@SouthwestAir", "@JetBlue", "@USAirways", "@AmericanAir"]
DATASETS = [
    ("airline/dev.jsonl", AIRLINES, "airline"),
    ("support/spotify_requests.jsonl", ["@SpotifyCares"], "software"),
]


def lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            data = json.loads(raw)
            yield {"id": data.get("id") or data.get("tweet_id"), "text": data["text"]}


def understander_or_none(handles: list[str], aspects: str) -> Any:
    from tactful.understand.api import Understander

    understander = Understander(brand_handles=handles, aspects=aspects)
    try:
        understander.analyze(["warm up"])
    except ModelError:
        warnings.warn(
            "model artefacts absent: the posts were decided WITHOUT analysis (analysis-free path)",
            stacklevel=2,
        )
        return None
    return understander


@pytest.mark.slow
@pytest.mark.shared_data
@pytest.mark.parametrize(("name", "handles", "aspects"), DATASETS, ids=["airline", "support"])
def test_the_default_policy_answers_only_posts_addressed_to_the_brand(shared_data, name, handles, aspects):
    understander = understander_or_none(handles, aspects)
    actions: Counter[str] = Counter()
    unaddressed_answers = []
    for item in review(
        lines(shared_data / name), build_policy({}), brand_handles=handles, understander=understander
    ):
        actions[item.decision.action] += 1
        assert item.decision.reasons and item.decision.explanation.strip(), item.id
        if item.decision.action == "respond" and not item.addresses_brand:
            unaddressed_answers.append(item.id)
    assert unaddressed_answers == []
    assert sum(actions.values()) > 1000
    if understander is not None:  # with the models, the brand's complaints and questions are answered
        assert actions["respond"] > 0
    print(f"{name}: {dict(actions)} ({'fast models' if understander else 'no analysis'})")
