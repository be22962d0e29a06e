from tactful.engage.policy import build_policy
from tactful.engage.stage import decide_posts
from tests.engage.factories import NOW, make_post


def test_decide_posts_sets_a_decision_on_every_post_and_keeps_order():
    batch = [make_post("a"), make_post("b", addressed=False), make_post("c", intent="praise", negative=0.0)]
    out = decide_posts(batch, build_policy({}), now=NOW)
    assert [p.text for p in out] == ["a", "b", "c"]
    assert [p.decision.action for p in out] == ["respond", "observe", "respond"]


def test_posts_without_analysis_are_only_observed():
    post = make_post()
    post.analysis = None
    (decided,) = decide_posts([post], build_policy({}), now=NOW)
    assert decided.decision.action == "observe"
