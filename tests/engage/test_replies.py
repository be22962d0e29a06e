import pytest

from tactful.engage.replies import ReplyTemplate, first_name, load_templates, suggest
from tactful.errors import ConfigError
from tactful.records import AspectHit
from tests.engage.factories import make_post

TEMPLATES = load_templates()


def post_with(intent, aspects=()):
    post = make_post(intent=intent)
    post.analysis.aspects = [AspectHit(a, 0.9, "negative") for a in aspects]
    return post


@pytest.mark.parametrize(
    ("intent", "aspects", "best"),
    [
        ("complaint", ["baggage"], "complaint-aspect"),
        ("complaint", ["crew"], "complaint-service"),
        ("complaint", [], "complaint-generic"),
        ("question", ["booking"], "question-aspect"),
        ("question", [], "question-generic"),
        ("suggestion", [], "suggestion-thanks"),
        ("praise", [], "praise-thanks"),
    ],
)
def test_the_best_template_fits_intent_and_aspect(intent, aspects, best):
    suggestions = suggest(post_with(intent, aspects), TEMPLATES, brand="Acme", team="support")
    assert suggestions[0].template_id == best
    assert all("{" not in s.text for s in suggestions)


def test_nothing_is_suggested_for_other_intents():
    assert suggest(post_with("other"), TEMPLATES, brand="Acme", team=None) == []


def test_aspect_is_filled_readably():
    text = suggest(post_with("complaint", ["customer_service"]), TEMPLATES, brand="A", team="support")[0].text
    assert "experience" in text
    text = suggest(post_with("question", ["booking"]), TEMPLATES, brand="A", team="support")[0].text
    assert "about booking" in text


@pytest.mark.parametrize(("name", "greeting"), [("Ana", "Hi Ana, "), ("x", "Hi, "), ("R2D2", "Hi, "),
                                                 ("ana@example.com", "Hi, "), (None, "Hi, ")])
def test_only_a_plain_first_name_is_used(name, greeting):
    text = suggest(post_with("praise"), TEMPLATES, brand="A", team=None, first_name=name)[0].text
    assert text.startswith(greeting)


@pytest.mark.parametrize(
    "text",
    [
        "Hi {handle}, sorry!",
        "Hi {email}",
        "Your refund will be refunded soon",
        "We guarantee a new bag",
        "Your order has been shipped",
        "This will be fixed within 2 days",
    ],
)
def test_unsafe_templates_are_refused(text):
    with pytest.raises(ConfigError, match="replies"):
        load_templates([{"id": "bad", "intent": "complaint", "text": text}])


def test_shipped_library_covers_every_answerable_intent():
    assert {t.intent for t in TEMPLATES} == {"complaint", "question", "suggestion", "praise"}


@pytest.mark.parametrize(
    ("display_name", "handle", "expected"),
    [
        ("Ana Yilmaz", "anayilmaz@mastodon.example", "Ana"),  # first token only
        ("Gus R.", "gus-rahm.bsky.social", "Gus"),
        ("José María", None, "José"),
        ("Ana, nurse on nights", None, "Ana"),  # punctuation after the name is not part of it
        ("Zoë 🌻", None, "Zoë"),
        ("🌻 Zoë", None, ""),  # an emoji first: not a name
        ("✈️✈️", None, ""),
        ("jane", "jane.bsky.social", ""),  # the handle again, not a name given
        ("Jane", "@jane@mastodon.social", ""),
        ("jane_doe", None, ""),
        ("jane.bsky.social", None, ""),
        ("@jane", None, ""),
        ("R2D2 fan", None, ""),
        ("J", None, ""),
        ("", None, ""),
        (None, "jane.bsky.social", ""),
        ("Dr. Strange", None, ""),  # "Dr" with a dot is a title, "Dr." is not a plain word
    ],
)
def test_the_first_name_is_the_first_plain_word_of_the_display_name(display_name, handle, expected):
    assert first_name(display_name, handle) == expected


def test_a_template_may_use_first_name_and_it_is_empty_without_one():
    template = ReplyTemplate(id="t", intent="praise", text="Thanks {first_name}! from {brand}")
    assert suggest(post_with("praise"), [template], brand="Acme", team=None, first_name="Ana")[0].text == (
        "Thanks Ana! from Acme"
    )
    assert suggest(post_with("praise"), [template], brand="Acme", team=None, first_name="ana_99")[0].text == (
        "Thanks ! from Acme"
    )
