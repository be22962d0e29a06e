import pytest

from tactful.engage.workflow import TransitionError, next_status


@pytest.mark.parametrize(
    ("current", "event", "has_assignee", "expected"),
    [
        ("new", "assign", True, "assigned"),
        ("assigned", "assign", True, "assigned"),
        ("assigned", "unassign", False, "new"),
        ("new", "reply", False, "waiting_on_customer"),
        ("assigned", "reply", True, "waiting_on_customer"),
        ("waiting_on_customer", "customer_post", True, "assigned"),
        ("waiting_on_customer", "customer_post", False, "new"),
        ("resolved", "customer_post", True, "assigned"),
        ("resolved", "customer_post", False, "new"),
        ("resolved", "reopen", False, "new"),
        ("assigned", "resolve", True, "resolved"),
        ("waiting_on_customer", "resolve", True, "resolved"),
        ("new", "resolve", False, "resolved"),
    ],
)
def test_transitions(current, event, has_assignee, expected):
    assert next_status(current, event, has_assignee=has_assignee) == expected


@pytest.mark.parametrize("event", ["assign", "unassign", "reply", "resolve"])
def test_a_resolved_conversation_must_be_reopened_first(event):
    with pytest.raises(TransitionError, match="resolved"):
        next_status("resolved", event, has_assignee=True)
