import pytest

from tactful.insights.topics import TopicPost, emerging_topics, phrases

BASELINE = [TopicPost(f"b{i}", text) for i, text in enumerate(
    ["great flight today", "the crew was lovely", "boarding was quick", "nice seats and snacks",
     "flight on time again", "the app works well"] * 10
)]


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("My lost baggage is still lost!", {"lost baggage", "baggage"}, {"my", "is still"}),
        ("The #wifi never works on board", {"#wifi", "board", "#wifi never works"}, {"the", "on"}),
        ("Café crème was cold", {"café crème"}, set()),
    ],
)
def test_phrases_skip_stop_word_edges(text, present, absent):
    got = phrases(text)
    assert present <= got and not (absent & got)


def test_a_new_complaint_theme_emerges_with_sentiment_and_examples():
    current = [TopicPost(f"c{i}", "my lost baggage still not found", "negative") for i in range(8)]
    current += [TopicPost(f"d{i}", "great flight today", "positive") for i in range(6)]
    topics = emerging_topics(current, BASELINE)
    assert topics and "lost baggage" in topics[0].phrase
    assert topics[0].sentiment == {"negative": 8} and topics[0].net_sentiment == -1.0
    assert topics[0].examples == ["c0", "c1", "c2"]
    assert all("great flight" not in t.phrase for t in topics)


def test_nothing_emerges_when_the_period_looks_like_the_baseline():
    assert emerging_topics(BASELINE[:30], BASELINE) == []


def test_rare_phrases_below_min_count_are_ignored():
    current = [TopicPost("x", "volcanic ash cloud over the airport")] + BASELINE[:10]
    assert all(t.current >= 3 for t in emerging_topics(current, BASELINE))
