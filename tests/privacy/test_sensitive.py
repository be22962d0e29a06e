"""Sensitive categories: first-person disclosure flags, mere mentions do not."""

from __future__ import annotations

import pytest

from tactful.privacy.sensitive import CATEGORIES, sensitive_categories

REVEALS = [
    ("as a diabetic I need to know the sugar content @acme", ["health"]),
    ("missed my chemo appointment because the train was cancelled", ["health"]),
    ("I was diagnosed with cancer last year and your app helped", ["health"]),
    ("I'm pregnant and the seat was awful", ["health"]),
    ("my insulin pump alarm went off at security", ["health"]),
    ("I have type 1 and you confiscated my snacks", ["health"]),
    ("I'm on dialysis 3x a week, need flexible bookings", ["health"]),
    ("my therapist says I should cancel the subscription lol", ["health"]),
    ("I suffer from migraines and the screen flicker is brutal", ["health"]),
    ("as a wheelchair user your ramp is useless", ["health"]),
    ("I'm gay and your ad made me smile", ["sexuality"]),
    ("as a trans woman the gendered checkout form hurts", ["sexuality"]),
    ("I came out last year and my family account still uses my deadname", ["sexuality"]),
    ("I am non-binary, please add more options", ["sexuality"]),
    ("my same-sex partner can't be added to the plan", ["sexuality"]),
    ("As a Muslim I cannot eat this, label it properly", ["religion"]),
    ("I'm Jewish and you scheduled it on Yom Kippur", ["religion"]),
    ("I'm fasting for Ramadan, can I get the meal later", ["religion"]),
    ("my church group booked 40 seats", ["religion"]),
    ("I keep kosher so the meal option matters", ["religion"]),
    ("I voted for them and now this", ["politics"]),
    ("as a lifelong Democrat this ad is offensive", ["politics"]),
    ("I'm a conservative and I'm cancelling", ["politics"]),
    ("I will vote for the other guy lol", ["politics"]),
    ("as a Black woman your face filter doesn't see me", ["ethnicity"]),
    ("I'm Latina and the shade range is tiny", ["ethnicity"]),
    ("I am Native American and this costume is offensive", ["ethnicity"]),
    ("my natural hair won't fit under that helmet", ["ethnicity"]),
    ("as a diabetic and a Muslim, fasting meals are a mess", ["health", "religion"]),
    ("I’m gay and I voted for change", ["sexuality", "politics"]),
]
MENTIONS_ONLY = [
    "diabetes awareness month starts today",
    "the chemo ward at the hospital has no wifi",
    "gay rights are human rights",
    "happy Pride month from the acme team",
    "the election is tomorrow, stores close early",
    "muslims welcome, halal options available",
    "our church-themed playlist is out",
    "my black coffee was cold",
    "my white shirt got ruined by the dry cleaner",
    "I'm black out drunk at the airport lol",  # an idiom, not an identity
    "I'm bi-weekly paid so the billing date matters",
    "vote for your favourite flavour!",
    "I'm so depressed my order is late",  # hyperbole is not a diagnosis
    "the tracking page won't load, anxiety through the roof 😂",
    "Jewish deli in the terminal is great",
    "Republicans and Democrats both hate this app",
    "asian fusion restaurant near gate B22",
    "I'm white-knuckling through this turbulence",
    "as a customer I expect better",
    "my doctor's office uses your scheduling tool",
    "my covid test came back negative, can I fly",
    "I'm conservative with my data plan",
    "My party of 4 got split across 3 rows",  # a travel party
    "Perhaps I'm blind, but I cannot find the setting",  # an idiom
    "left my race of champions beanie on the train",
    "this is the idea I'm voting for in the community forum",
    "I vote for pizza tonight",
]


@pytest.mark.parametrize(("text", "expected"), REVEALS)
def test_first_person_disclosure_is_flagged(text: str, expected: list[str]):
    assert sensitive_categories(text) == expected


@pytest.mark.parametrize("text", MENTIONS_ONLY)
def test_mentions_of_a_topic_are_not_flagged(text: str):
    assert sensitive_categories(text) == []


def test_categories_are_the_five_special_ones_in_a_fixed_order():
    assert CATEGORIES == ("health", "religion", "sexuality", "politics", "ethnicity")
