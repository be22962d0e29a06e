"""Sensitive categories an author reveals ABOUT THEMSELVES (GDPR Art. 9 special categories):
health, religion, sexuality (incl. gender identity), politics, ethnicity.

Only first-person disclosure counts ("as a diabetic", "my chemo", "I'm gay", "as a
Muslim", "I voted for"): a post about a topic ("diabetes awareness month", "gay
rights", "the election") reveals nothing about its author. Such posts are never
offered for public reply and are left out of breakdowns.
"""

from __future__ import annotations

import re

_I_AM = r"\b(?:i'm|i’m|im|i am|i've been|ive been|i was|being)\s+(?:a\s+|an\s+)?(?:proud\s+|practicing\s+|practising\s+|devout\s+|lifelong\s+|registered\s+)?"  # noqa: E501
_AS_A = r"\bas\s+(?:a|an)\s+(?:[\w-]+\s+(?:and|&)\s+(?:a|an)\s+)?(?:proud\s+|practicing\s+|practising\s+|devout\s+|lifelong\s+|registered\s+|fellow\s+)?"  # noqa: E501
_MY = r"\bmy\s+(?:own\s+)?"

_HEALTH_STATES = (
    r"diabetic|type\s?[12] diabetic|pregnant|disabled|autistic|bipolar|legally blind|epileptic|asthmatic|"
    r"clinically depressed|anorexic|celiac|coeliac|hiv\+?(?: positive)?|immunocompromised|in remission|in recovery|"  # noqa: E501
    r"an? (?:cancer|stroke|heart attack) survivor|on chemo|on dialysis|on insulin|on antidepressants|"
    r"on meds|on medication|recovering alcoholic|recovering addict|wheelchair user|amputee|cancer patient|"
    r"chronically ill|terminally ill|neurodivergent|adhd|dyslexic|schizophrenic|allergic to"
)
_HEALTH_THINGS = (
    r"chemo|chemotherapy|diabetes|cancer|tumou?r|depression|anxiety|adhd|autism|insulin|insulin pump|"
    r"therapist|psychiatrist|oncologist|meds|medication|prescription|diagnosis|hiv|pregnancy|miscarriage|"
    r"surgery|wheelchair|disability|ptsd|bipolar|epilepsy|seizures?|migraines?|asthma|inhaler|"
    r"dialysis|transplant|ivf|fertility treatment|rehab|antidepressants|eating disorder|panic attacks?|"
    r"mental health|blood sugar|glucose monitor|cpap|hearing aids?|stoma|colostomy bag|epipen|long covid"
)
_RELIGIONS = (
    r"muslim|christian|jew|jewish|hindu|sikh|buddhist|catholic|protestant|mormon|evangelical|atheist|"
    r"agnostic|orthodox jew|quaker|baptist|jehovah's witness|pagan|wiccan"
)
_RELIGIOUS_THINGS = r"church|mosque|synagogue|temple|gurdwara|faith|religion|pastor|imam|rabbi|priest|hijab|kippah|turban|rosary|prayer mat"  # noqa: E501
_SEXUALITIES = (
    r"gay|lesbian|bi|bisexual|queer|trans|transgender|a trans (?:man|woman)|asexual|pansexual|"
    r"non-binary|nonbinary|enby|genderqueer|genderfluid|intersex|lgbtq?\+?|lgbt"
)
_PARTIES = (
    r"democrat|republican|conservative|liberal|progressive|socialist|communist|libertarian|tory|"
    r"labour voter|labour supporter|lib dem|green party member|trump supporter|biden supporter|"
    r"maga|leftist|right-winger|left-winger|marxist|anarchist|centrist"
)
_ETHNICITIES = (
    r"black|white|latino|latina|latinx|hispanic|asian|asian american|african american|native american|"
    r"indigenous|first nations|aboriginal|arab|mixed race|biracial|pacific islander|south asian|"
    r"east asian|romani|roma|gypsy|chicano|chicana"
)
_PEOPLE = r"(?:\s+(?:man|woman|person|guy|girl|customer|mom|mum|dad|father|mother|american|british|kid|family|traveller|traveler|passenger|dude|lady))"  # noqa: E501

_CATEGORY_PATTERNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "health",
        (
            rf"{_I_AM}(?:{_HEALTH_STATES})\b",
            rf"{_AS_A}(?:diabetic|cancer patient|cancer survivor|type\s?[12] diabetic|disabled person|"
            rf"wheelchair user|amputee|epileptic|asthmatic|recovering alcoholic|deaf person|blind person|"
            rf"person with (?:\w+\s)?(?:disability|autism|adhd|diabetes|epilepsy|cancer|hiv))\b",
            rf"{_MY}(?:{_HEALTH_THINGS})\b",
            r"\bi\s+(?:have|had|got|suffer from|suffer with|live with|struggle with|am fighting|'m fighting|"
            r"was diagnosed with|got diagnosed with|'ve been diagnosed with|have been diagnosed with|"
            r"just got diagnosed with)\s+(?:a\s+|an\s+|stage \w+\s+)?(?:" + _HEALTH_THINGS + r"|type\s?[12]|"
            r"breast cancer|lupus|ms|multiple sclerosis|crohn's|long covid|cystic fibrosis|a disability|"
            r"an eating disorder|ibs|endometriosis|pcos|arthritis|dementia|parkinson's)\b",
            r"\bi(?:'m| am)\s+(?:currently\s+)?(?:undergoing|going through|doing|having)\s+(?:chemo|chemotherapy|"  # noqa: E501
            r"radiation|dialysis|ivf|treatment for)\b",
        ),
    ),
    (
        "religion",
        (
            rf"{_I_AM}(?:{_RELIGIONS})\b",
            rf"{_AS_A}(?:{_RELIGIONS})\b",
            rf"{_MY}(?:{_RELIGIOUS_THINGS})\b",
            r"\bi(?:'m| am)\s+(?:fasting for ramadan|observing ramadan|observing lent|keeping kosher|"
            r"observing shabbat|observing the sabbath)\b",
            r"\bi\s+(?:keep kosher|eat halal only|only eat halal|pray five times|go to (?:church|mosque|synagogue|temple)|"  # noqa: E501
            r"converted to (?:islam|christianity|judaism|buddhism|hinduism|catholicism))\b",
        ),
    ),
    (
        "sexuality",
        (
            rf"{_I_AM}(?:{_SEXUALITIES})(?![-\w])(?!\s+(?:rights|community|bar|club|pride|flag|rep|representation))",
            rf"{_AS_A}(?:gay|lesbian|bi|bisexual|queer|trans|transgender|asexual|pansexual|non-binary|nonbinary)"
            rf"(?:{_PEOPLE})?\b",
            r"\bi\s+(?:came out|just came out|have come out|'ve come out)\b",
            r"\bmy\s+(?:coming out|transition|pronouns are|gender identity|sexuality|sexual orientation)\b",
            r"\b(?:my|our)\s+same[- ]sex\s+(?:partner|wedding|marriage)\b",
        ),
    ),
    (
        "politics",
        (
            r"\bi\s+(?:voted for|will vote for|always vote|campaigned for|"
            r"volunteer(?:ed)? for the|donated to the (?:\w+\s)?campaign|canvassed for)\b",
            rf"{_I_AM}(?:{_PARTIES})\b(?!\s+(?:with|about|when|in|on|at)\b)",
            rf"{_AS_A}(?:{_PARTIES})\b",
            r"\bi(?:'m| am)\s+(?:a\s+)?(?:member of|registered with)\s+the\s+\w+\s+party\b",
            r"\bmy\s+(?:vote went to|ballot for)\b",
        ),
    ),
    (
        "ethnicity",
        (
            rf"{_I_AM}(?:{_ETHNICITIES})(?:{_PEOPLE})?(?![-\w])(?!\s+(?:coffee|tea|friday|screen|car|shirt|dress|"
            r"phone|version|paint|color|colour|out|belt|hole|box|list|house))",
            rf"{_AS_A}(?:{_ETHNICITIES})(?:{_PEOPLE})?\b",
            r"\bmy\s+(?:ethnicity|heritage|skin colou?r|black skin|brown skin|afro|natural hair)\b",
        ),
    ),
)
_COMPILED = tuple(
    (category, re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE))
    for category, patterns in _CATEGORY_PATTERNS
)
CATEGORIES = tuple(category for category, _ in _CATEGORY_PATTERNS)


def sensitive_categories(text: str) -> list[str]:
    """The special categories the author reveals about themselves, in ``CATEGORIES`` order."""
    normalised = text.replace("’", "'")
    return [category for category, pattern in _COMPILED if pattern.search(normalised)]
