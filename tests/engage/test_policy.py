from __future__ import annotations

import pytest
from tests.engage.factories import NOW, make_post

from tactful.engage.facts import ThreadContext, facts_for
from tactful.engage.policy import UNSOLICITED_WARNING, build_policy
from tactful.errors import ConfigError

DEFAULT = build_policy({})


def decide(post, thread=None):
    return DEFAULT.decide(facts_for(post, now=NOW, thread=thread))


@pytest.mark.parametrize(
    ("kwargs", "action", "team"),
    [
        ({"intent": "complaint"}, "respond", "support"),
        ({"intent": "question", "negative": 0.1, "complaint": 0.1}, "respond", "support"),
        ({"intent": "suggestion", "negative": 0.2, "complaint": 0.2}, "respond", "product"),
        ({"intent": "praise", "negative": 0.0, "complaint": 0.0}, "respond", "support"),
        ({"intent": "other", "negative": 0.1, "complaint": 0.1}, "observe", None),
        ({"intent": "complaint", "addressed": False}, "observe", None),
        ({"intent": "question", "addressed": False}, "observe", None),
        ({"intent": "praise", "addressed": False}, "observe", None),
        ({"intent": "complaint", "offensive": True}, "route", "moderation"),
        ({"intent": "complaint", "hate": True}, "route", "moderation"),
        ({"intent": "complaint", "offensive": True, "addressed": False}, "observe", None),
        ({"intent": "complaint", "sensitive": ("health",)}, "observe", None),
        ({"intent": "question", "flags": ("nobot",)}, "observe", None),
        ({"intent": "unscored"}, "route", "support"),
        ({"intent": "unscored", "addressed": False}, "observe", None),
    ],
)
def test_default_policy_table(kwargs, action, team):
    decision = decide(make_post(**kwargs))
    assert (decision.action, decision.team) == (action, team)
    assert decision.reasons and decision.explanation.endswith(".")


def test_unaddressed_posts_are_never_answered_whatever_their_intent():
    for intent in ("complaint", "question", "suggestion", "praise", "other", "unscored"):
        assert decide(make_post(intent=intent, addressed=False)).action != "respond"


def test_unaddressed_complaints_are_marked_as_insight():
    decision = decide(make_post(addressed=False))
    assert "insight" in decision.reasons and "not_addressed" in decision.reasons


def test_praise_is_low_priority_and_complaints_come_first():
    praise = decide(make_post("thank you, lovely crew", intent="praise", negative=0.0, complaint=0.0))
    complaint = decide(make_post("my bag is lost"))
    assert praise.priority <= 20 < complaint.priority


@pytest.mark.parametrize(
    ("calm", "urgent", "reason"),
    [
        ("my seat was dirty", "my flight was cancelled and I am stranded", "urgency.cancelled"),
        ("the app is slow", "you charged me twice for one ticket", "urgency.charged_twice"),
        ("the food was cold", "there was smoke in the cabin, unsafe", "urgency.safety"),
    ],
)
def test_urgency_cues_raise_priority_and_are_explained(calm, urgent, reason):
    low, high = decide(make_post(calm)), decide(make_post(urgent))
    assert high.priority > low.priority
    assert reason in high.reasons


def test_waiting_time_and_repeat_contact_raise_priority():
    fresh = decide(make_post("bag lost", negative=0.5, complaint=0.5))
    waited = decide(make_post("bag lost", negative=0.5, complaint=0.5, age_hours=4))
    repeated = decide(make_post("bag lost", negative=0.5, complaint=0.5),
                      thread=ThreadContext(customer_posts=2))
    assert waited.priority > fresh.priority and "waiting" in waited.reasons
    assert repeated.priority > fresh.priority and "repeat_contact" in repeated.reasons


def test_priority_stays_within_the_rule_cap():
    loud = make_post("cancelled stranded charged twice unsafe", negative=1.0, complaint=1.0, age_hours=50)
    assert decide(loud, ThreadContext(customer_posts=9)).priority <= 100
    thanks = make_post("cancelled but thanks", intent="praise", negative=1.0, complaint=1.0, age_hours=50)
    assert decide(thanks).priority <= 20


def test_explanation_names_why_the_post_is_addressed():
    assert "mentions @acme" in decide(make_post()).explanation


def test_brand_rules_come_before_the_defaults_and_can_tighten():
    policy = build_policy({"rules": [{"id": "no-thanks", "when": {"addressed": True, "intent": "praise"},
                                      "action": "observe", "explain": "We do not answer thanks."}]})
    decision = policy.decide(facts_for(make_post(intent="praise", negative=0.0), now=NOW))
    assert decision.action == "observe" and "rule.no-thanks" in decision.reasons
    assert policy.warnings == ()


def test_loosening_past_the_default_needs_the_explicit_flag():
    rule = {"id": "answer-all", "when": {"intent": "complaint"}, "action": "respond", "explain": "Answer all."}
    with pytest.raises(ConfigError, match="i_understand_this_is_unsolicited"):
        build_policy({"rules": [rule]})
    loose = build_policy({"rules": [rule], "i_understand_this_is_unsolicited": True})
    assert loose.warnings == (UNSOLICITED_WARNING,)
    assert loose.decide(facts_for(make_post(addressed=False), now=NOW)).action == "respond"


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ({"rules": [{"id": "x", "when": {"colour": "red"}, "action": "observe", "explain": "."}]}, "policy.rules.0.when"),
        ({"rules": [{"id": "x", "action": "shout", "explain": "."}]}, "policy.rules.0.action"),
        ({"rulez": []}, "policy.rulez"),
    ],
)
def test_invalid_policy_names_the_key(section, key):
    with pytest.raises(ConfigError, match=f"key '{key}"):
        build_policy(section)


def test_without_defaults_an_unmatched_post_is_observed_with_a_reason():
    policy = build_policy({"use_default": False})
    decision = policy.decide(facts_for(make_post(), now=NOW))
    assert decision.action == "observe" and decision.reasons == ["no_rule"]
