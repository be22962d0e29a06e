"""The policy engine: rules in order, the first that holds decides, with reasons and a sentence.

``Policy.decide(facts)`` is pure. Loosening the policy past the default
(a rule that could answer a post that does not address the brand) is refused
unless ``i_understand_this_is_unsolicited = true``; then ``warnings`` says so,
and the CLI, the API and the dashboard show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tactful.engage.conditions import holds
from tactful.engage.facts import PostFacts
from tactful.engage.priority import priority
from tactful.engage.rules import PolicyConfig, Rule, default_rules, parse_policy_config
from tactful.errors import ConfigError
from tactful.records import Decision

UNSOLICITED_WARNING = (
    "This policy may answer posts that do not address the brand (unsolicited replies). "
    "64% of people want brands to speak only when spoken to."
)


@dataclass(frozen=True)
class Policy:
    rules: tuple[Rule, ...]
    version: str = "default"
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def decide(self, facts: PostFacts) -> Decision:
        for rule in self.rules:
            if holds(rule.when, facts):
                return self._decision(rule, facts)
        return Decision("observe", 0, None, ["no_rule"], "No rule matched, so it is only observed.", self.version)

    def _decision(self, rule: Rule, facts: PostFacts) -> Decision:
        reasons = [f"rule.{rule.id}", *_context_reasons(facts), *rule.reasons]
        level = 0
        if rule.action in ("respond", "route"):
            level, boosts = priority(facts, base=rule.base_priority, cap=rule.max_priority)
            reasons.extend(boosts)
        return Decision(rule.action, level, rule.team, reasons, _explanation(rule, facts, level), self.version)


def _context_reasons(facts: PostFacts) -> list[str]:
    reasons = ["addressed" if facts.addressed else "not_addressed", f"intent.{facts.intent}"]
    if facts.toxic:
        reasons.append("toxic")
    reasons.extend(f"sensitive.{c}" for c in facts.sensitive)
    if facts.no_bots:
        reasons.append("no_bots")
    return reasons


def _explanation(rule: Rule, facts: PostFacts, level: int) -> str:
    sentence = rule.explain.rstrip(".")
    if facts.addressed and facts.addressed_reason:
        sentence += f" ({facts.addressed_reason})"
    if rule.action in ("respond", "route"):
        who = f" to {rule.team}" if rule.team else ""
        sentence += f"; {rule.action}{who} at priority {level}"
    return sentence + "."


def build_policy(section: dict[str, Any] | None, *, source: str = "tactful.toml") -> Policy:
    config: PolicyConfig = parse_policy_config(section or {}, source=source)
    rules = list(config.rules) + (default_rules() if config.use_default else [])
    unsolicited = [r.id for r in rules if r.answers_unaddressed()]
    if unsolicited and not config.i_understand_this_is_unsolicited:
        raise ConfigError(
            f"{source}: key 'policy.rules': rule {unsolicited[0]!r} could answer posts that do not address "
            "the brand; set i_understand_this_is_unsolicited = true to allow it",
            detail={"file": source, "key": "policy.rules", "rule": unsolicited[0]},
        )
    warnings = (UNSOLICITED_WARNING,) if unsolicited else ()
    return Policy(tuple(rules), version=config.version or "default", warnings=warnings)
