"""The demo's inbox section: heard vs answerable, why, and the top items with a suggested reply."""

from __future__ import annotations

from rich.console import Console
from tests.engage.factories import make_post

from tactful.demo.inbox_section import best_reply, inbox_items, inbox_section, why_answerable
from tactful.demo.summary import FileReport, SummaryInput
from tactful.engage.policy import build_policy
from tactful.engage.replies import load_templates
from tactful.engage.stage import decide_posts
from tactful.pipeline import IngestReport


def decided_posts():
    posts = [
        make_post("@acme my flight was cancelled", platform_id="a", aspects=("cancellation",)),
        make_post("@acme still waiting", platform_id="b", thread_id="a"),
        make_post("@acme you idiots", platform_id="c", offensive=True),
        make_post("acme was late", platform_id="d", addressed=False),
        make_post("@acme how do I add a bag?", platform_id="e", intent="question", negative=0.1),
    ]
    return decide_posts(posts, build_policy({}))


def test_answerable_posts_are_grouped_by_thread_most_urgent_first():
    items = inbox_items(decided_posts())
    assert [(i.post.platform_id, i.posts) for i in items][0][1] == 2
    assert {i.post.platform_id for i in items} >= {"c", "e"} and len(items) == 3
    priorities = [i.post.decision.priority for i in items]
    assert priorities == sorted(priorities, reverse=True)


def test_why_counts_the_rule_that_allowed_each_post():
    assert why_answerable(decided_posts()) == {
        "respond: respond-complaint": 2,
        "route: abuse-to-moderation": 1,
        "respond: respond-question": 1,
    }


def test_a_routed_item_gets_no_public_reply_and_a_complaint_gets_its_template():
    posts = {p.platform_id: p for p in decided_posts()}
    templates = load_templates()
    assert best_reply(posts["c"], templates).startswith("(routed to moderation")
    assert "cancellation" in best_reply(posts["a"], templates)


def test_the_section_renders_counts_and_items():
    posts = decided_posts()
    data = SummaryInput([FileReport("f.json", "jsonl", IngestReport(read=9, stored=5))], posts, {"acme"})
    console = Console(record=True, width=200)
    console.print(inbox_section(data))
    text = console.export_text()
    assert "heard 9 posts, stored 5" in text and "routing 4 of them (3 conversations)" in text
    assert "respond-complaint" in text and "direct message" in text


def test_nothing_to_show_before_a_policy_ran():
    post = make_post()
    assert inbox_section(SummaryInput([], [post], {"acme"})) is None
