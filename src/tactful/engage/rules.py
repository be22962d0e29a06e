"""Declarative policy rules, as written in the ``[policy]`` section of tactful.toml.

```toml
[policy]
use_default = true                 # start from the shipped default rules
i_understand_this_is_unsolicited = false

[[policy.rules]]                   # brand rules, evaluated before the default ones
id = "no-praise-replies"
when = { addressed = true, intent = "praise" }
action = "observe"
explain = "We do not answer thanks."
```
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tactful.engage.conditions import CONDITIONS
from tactful.errors import ConfigError

Action = Literal["respond", "route", "observe", "suppress"]


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="Stable rule id; becomes the reason code rule.<id>.")
    when: dict[str, Any] = Field(default_factory=dict, description="Conditions that must all hold.")
    action: Action = Field(description="respond, route, observe or suppress.")
    team: str | None = Field(default=None, description="Team that handles it: support, product, pr, moderation.")
    base_priority: int = Field(default=0, ge=0, le=100, description="Starting priority before boosts.")
    max_priority: int = Field(default=100, ge=0, le=100, description="Priority cap for this rule.")
    reasons: list[str] = Field(default_factory=list, description="Extra reason codes.")
    explain: str = Field(description="One sentence a person can read.")

    @field_validator("when")
    @classmethod
    def _known_conditions(cls, value: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(value) - set(CONDITIONS))
        if unknown:
            raise ValueError(f"unknown condition {unknown[0]!r} (known: {', '.join(sorted(CONDITIONS))})")
        return value

    def answers_unaddressed(self) -> bool:
        """True when this rule could answer a post that does not address the brand."""
        return self.action == "respond" and self.when.get("addressed") is not True


class PolicyConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str = Field(default="", description="Free-form version label recorded on each decision.")
    use_default: bool = Field(default=True, description="Append the shipped default rules after yours.")
    i_understand_this_is_unsolicited: bool = Field(
        default=False,
        description="Required to answer posts that do not address the brand. Shows a warning everywhere.",
    )
    rules: list[Rule] = Field(default_factory=list, description="Rules evaluated in order; the first match decides.")


def default_rules() -> list[Rule]:
    text = resources.files("tactful.engage").joinpath("default_policy.toml").read_text(encoding="utf-8")
    return [Rule.model_validate(r) for r in tomllib.loads(text)["rules"]]


def parse_policy_config(data: dict[str, Any], *, source: str = "tactful.toml") -> PolicyConfig:
    try:
        return PolicyConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(["policy", *(str(p) for p in first["loc"])])
        raise ConfigError(f"{source}: key '{key}': {first['msg']}", detail={"file": source, "key": key}) from None
