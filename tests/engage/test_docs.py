"""docs/engagement.md cannot rot: every condition, default rule and inbox setting is described."""

from __future__ import annotations

from pathlib import Path

import pytest

from tactful.config import InboxConfig
from tactful.engage.conditions import CONDITIONS
from tactful.engage.rules import default_rules
from tactful.engage.sla import SlaPolicy

DOC = (Path(__file__).resolve().parents[2] / "docs" / "engagement.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CONDITIONS))
def test_every_condition_is_in_the_table_with_its_meaning(name):
    assert f"| `{name}` | {CONDITIONS[name][1]} |" in DOC


@pytest.mark.parametrize("rule", [r.id for r in default_rules()])
def test_every_default_rule_is_described(rule):
    assert f"| `{rule}` |" in DOC


@pytest.mark.parametrize("setting", [*InboxConfig.model_fields, *SlaPolicy.model_fields])
def test_every_inbox_setting_is_named(setting):
    assert setting in DOC
