"""Reports: a summary derived from the figures, HTML with every section, a PDF page 1 that is not blank."""

from __future__ import annotations

from datetime import timedelta

import pypdfium2
import pytest
from tests.insights.conftest import T0, add_conversation, at, build_post, write

from tactful.insights import render
from tactful.insights.report import InboxSla, gather, summary

UNTIL = T0 + timedelta(days=7)


def _week_posts():
    posts, pid = [], 0
    for day, (brand, rival, negative) in enumerate([(4, 2, 1), (6, 1, 3), (5, 2, 2)]):
        for i in range(brand):
            pid += 1
            posts.append(
                build_post(
                    pid,
                    hours=24 * day + i,
                    sentiment="negative" if i < negative else "positive",
                    aspects=(("baggage", "negative"),) if i < negative else (),
                )
            )
        for _ in range(rival):
            pid += 1
            posts.append(
                build_post(pid, hours=24 * day + 12, groups=("competitor:aero",), sentiment="neutral")
            )
    posts.append(build_post(pid + 1, hours=-30, sentiment="negative", aspects=(("baggage", "negative"),)))
    return posts


@pytest.fixture
def data(store):
    write(store, _week_posts())
    with store.engine.connect() as conn:
        return gather(conn, T0, UNTIL)


def test_the_summary_states_only_computed_figures(data):
    sentences = summary(data)
    # brand: 15 posts (6 negative, 9 positive); previous week: 1; competitor: 5 of 20 posts.
    assert sentences[0] == (
        "From 2026-03-02 to 2026-03-09, 15 posts matched the brand queries, "
        "1400% more than in the previous period (1)."
    )
    assert "Net sentiment for brand was +0.20 (9 positive and 6 negative posts)." in sentences
    assert (
        "brand had 75% of the voice against 1 competitor group(s); the largest, competitor:aero, had 25%."
        in sentences
    )
    assert (
        "The aspect with the most negative mentions was baggage (6, +5 on the previous period)." in sentences
    )
    assert not any("inbox" in s for s in sentences)  # no inbox, no claim about it


def test_an_empty_period_makes_no_claims_about_sentiment_or_drivers(store):
    with store.engine.connect() as conn:
        sentences = summary(gather(conn, T0, UNTIL))
    assert sentences == [
        "From 2026-03-02 to 2026-03-09, 0 posts matched the brand queries.",
        "No spike alert was raised for brand in the period.",
    ]


def test_html_has_every_section(data):
    page = render.html(data)
    for heading in (
        "Summary",
        "Volume",
        "Sentiment",
        "Share of voice",
        "Complaint drivers",
        "Emerging topics",
        "Spike alerts",
        "Inbox SLA",
    ):
        assert f"<h2>{heading}</h2>" in page
    assert page.count("data:image/png;base64,") == 4
    assert "<th>median first reply</th>" in page  # the inbox tables exist: its figures, here zeros
    assert "Net sentiment for brand was +0.20" in page


def test_the_pdf_first_page_renders_with_ink(data, tmp_path):
    path = tmp_path / "report.pdf"
    render.pdf(data, path)
    document = pypdfium2.PdfDocument(path)
    assert len(document) == 5
    image = document[0].render(scale=0.5).to_pil().convert("L")
    image.save(tmp_path / "page1.png")
    dark = sum(image.histogram()[:128])
    assert dark > 0.005 * image.width * image.height  # text and a chart, not a blank page
    document.close()


def test_the_period_before_is_compared(data):
    assert sum(p.posts for p in data.previous_series if p.group == "brand") == 1
    assert data.since == at(0) and data.until == at(24 * 7)


def test_inbox_sla_figures_and_sentence(store):
    write(store, [build_post(i, hours=i) for i in range(1, 5)])
    with store.engine.begin() as conn:
        add_conversation(conn, 1, opened=at(1), first_reply=at(1.5), resolved=at(3), key="c1")
        add_conversation(conn, 2, opened=at(2), first_reply=at(3.5), key="c2")
        add_conversation(conn, 3, opened=at(3), key="c3")
        add_conversation(conn, 4, opened=at(-10), first_reply=at(-9), key="before")
    with store.engine.connect() as conn:
        data = gather(conn, T0, UNTIL)
    assert data.sla == InboxSla(opened=3, answered=2, resolved=1, median_first_reply_minutes=60.0)
    assert (
        "The inbox opened 3 conversations, answered 2 and resolved 1; "
        "the median first reply came after 60 minutes."
    ) in summary(data)


def test_without_inbox_tables_the_section_says_so(data):
    data.sla = None
    assert "The inbox is not set up in this database, so there are no SLA figures." in render.html(data)
