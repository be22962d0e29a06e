"""PII in social-media phrasing: each case is (text, [(type, exact substring), ...]).

Written for tactful. Generated from templates x values so every value is tried in
several phrasings; the expected span is where the substring sits in the text. All
people, numbers and addresses here are fictitious or reserved test values
(RFC 5737/3849 addresses, card-network test cards, published sample IBANs).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import cycle

BRAND_HANDLES = ("acme", "acmesupport")


@dataclass(frozen=True)
class PiiCase:
    text: str
    expected: tuple[tuple[str, str], ...]  # (type, substring) in order of appearance

    @property
    def id(self) -> str:
        return self.text[:60]


def _spread(kind: str, values: list[str], templates: list[str], per_value: int) -> list[PiiCase]:
    """Each value in ``per_value`` templates, rotating so every template is used."""
    rotation = cycle(templates)
    return [
        PiiCase(next(rotation).format(v=value), ((kind, value),))
        for value in values
        for _ in range(per_value)
    ]


PHONES = [
    "(415) 555-2671",
    "415-555-2671",
    "415.555.2671",
    "4155552671",
    "+1 415 555 2671",
    "1-415-555-2671",
    "+1 (212) 555-0147",
    "212 555 0147",
    "+44 20 7946 0958",
    "020 7946 0958",
    "07911 123456",
    "+44 7911 123456",
    "0044 7911 123456",
    "06 12 34 56 78",
    "+33 6 12 34 56 78",
    "+49 30 901820",
    "+49 151 23456789",
    "+91 98765 43210",
    "0412 345 678",
    "+61 412 345 678",
    "087 123 4567",
    "+353 87 123 4567",
    "(646) 555-3890",
    "+1-604-555-0199",
    "0161 496 0000",
    "+52 55 1234 5678",
    "+81 3-1234-5678",
    "+55 11 91234-5678",
]
PHONE_TEMPLATES = [
    "call me at {v} asap, been on hold for 2 hours",
    "@acme my number is {v} pls call back",
    "text me on {v} when the driver is close 🚚",
    "DM'd you but here it is: {v}",
    "whatsapp {v} if u want the receipt",
    "my cell {v}. still waiting on the refund since 3/14",
    "{v} is my mobile, please stop texting it at 6am 🙄",
    "@AcmeSupport reach me on {v} between 9 and 5",
]

EMAILS = [
    "jane.doe@gmail.com",
    "mike_88@yahoo.co.uk",
    "sarah+orders@outlook.com",
    "j.smith@company.org",
    "chris@acme-corp.io",
    "priya.k@hotmail.fr",
    "dave123@proton.me",
    "L.Nguyen@uni.edu",
    "rosa.m@mail.example.net",
]
EMAIL_TEMPLATES = [
    "email me at {v} thx",
    "@acme my account email is {v}, can't log in since tuesday",
    "send the receipt to {v} 🙏",
    "{v} is the one on the account",
    "pls reach out to {v} about order 2231",
]
OBFUSCATED_EMAILS = ["jane.doe [at] gmail [dot] com", "mike at yahoo dot com", "kim(at)example(dot)org"]
OBFUSCATED_TEMPLATES = ["write to {v} (no bots pls)", "@acme it's {v}", "contact: {v}"]

CARDS = [
    "4111 1111 1111 1111",
    "4012888888881881",
    "5555 5555 5555 4444",
    "5105-1051-0510-5100",
    "3782 822463 10005",
    "6011 1111 1111 1117",
    "3530111333300000",
    "2223 0031 2200 3222",
]
CARD_TEMPLATES = [
    "charged twice on my card {v} wtf @acme",
    "refund it to {v} please",
    "my visa {v} keeps getting declined at checkout",
]

IBANS = [
    "GB82 WEST 1234 5698 7654 32",
    "DE89 3704 0044 0532 0130 00",
    "FR14 2004 1010 0505 0001 3M02 606",
    "NL91ABNA0417164300",
    "ES91 2100 0418 4502 0005 1332",
    "IT60 X054 2811 1010 0000 0123 456",
    "BE68539007547034",
    "CH93 0076 2011 6238 5295 7",
]
IBAN_TEMPLATES = [
    "refund to IBAN {v} pls, 3rd time asking",
    "@acme my iban is {v}",
    "bank details: {v} (same as on the booking)",
]

SSNS = ["123-45-6789", "219-09-9999", "536-22-1234", "401-71-0324", "078-05-1120"]
SSN_TEMPLATES = [
    "they asked for my SSN {v} over DM?! is this legit @acme",
    "my social is {v}",
    "ssn: {v}",
]

IPS = [
    "203.0.113.42",
    "198.51.100.7",
    "192.168.1.254",
    "8.8.4.4",
    "2001:db8::1",
    "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
    "fe80::1ff:fe23:4567:890a",
]
IP_TEMPLATES = [
    "my IP {v} got banned for no reason",
    "@acme blocked from {v}??",
    "can't connect from {v} since yesterday",
]

ADDRESSES = [
    "221B Baker Street, London NW1 6XE",
    "1600 Pennsylvania Ave NW, Washington, DC 20500",
    "42 Elm St",
    "350 Fifth Avenue, New York, NY 10118",
    "12 Oak Rd, Apt 4B, Springfield, IL 62704",
    "88 Maple Drive",
    "1 Infinite Loop, Cupertino, CA 95014",
    "10 Downing Street",
    "745 W Jefferson Blvd",
]
ADDRESS_TEMPLATES = [
    "package says delivered to {v} but nothing here",
    "I live at {v}, please send a new one",
    "ship it to {v} not my old place!!",
]
CUED_ADDRESSES = [
    ("i live at 42 elm street and no one came", "42 elm street"),
    ("ship to 9 park lane pls", "9 park lane"),
    ("my address is 77 sunset blvd, thx", "77 sunset blvd"),
]

NAMES = ["Jane", "Marco", "Priya", "Mike", "Carlos", "Aisha", "José", "Sarah Connor"]
PERSON_TEMPLATES = [
    "my name is {v} and I've been waiting 3 weeks",
    "Hi, I'm {v} and my order never arrived",
    "ask for {v} at the Soho store, amazing service",
    "shoutout to {v} at the counter!! 🙌",
    "agent {v} was so rude to me today @acme",
    "the rep named {v} fixed everything in 5 min",
    "spoke to {v} yesterday and still nothing",
    "Still no refund. - {v}",
]

HANDLES = ["@jane_doe", "@mike.bsky.social", "@priya@mastodon.social", "@Carlos_88", "@aisha_k"]
HANDLE_TEMPLATES = [
    "@acme my friend {v} has the same problem",
    "{v} told me to try @acmesupport",
    "cc {v} 👀",
    "ugh same as {v} lol",
    ".{v} you said this was fixed??",
]

URLS = [
    "https://shop.example.com/account?token=8f3a9c2b",
    "https://mail.example.com/unsubscribe?email=jane%40gmail.com",
    "https://example.com/reset-password/abc123def456ghi789jkl012",
    "https://app.example.com/welcome?session_id=Xy9AbC12",
    "https://click.example.com/track/click?mc_eid=91ab23cd",
    "https://example.com/u/jane.doe@gmail.com",
]
URL_TEMPLATES = [
    "why does {v} log me into someone else's account??",
    "@acme your link {v} is broken",
    "tried {v} and it says expired",
]

# PII next to emoji, astral characters and right-to-left text: a wrong offset would leak.
OFFSET_CASES = [
    PiiCase("👩‍👩‍👧 call me at 415-555-2671", (("PHONE", "415-555-2671"),)),
    PiiCase("𝓐𝓬𝓶𝓮 sucks, email jane.doe@gmail.com 🔥🔥", (("EMAIL", "jane.doe@gmail.com"),)),
    PiiCase("🏳️‍🌈🏳️‍🌈 my visa 4111 1111 1111 1111 😤", (("CREDIT_CARD", "4111 1111 1111 1111"),)),
    PiiCase("اتصل بي على +44 20 7946 0958 شكرا", (("PHONE", "+44 20 7946 0958"),)),
    PiiCase("בבקשה לשלוח ל-jane.doe@gmail.com תודה", (("EMAIL", "jane.doe@gmail.com"),)),
    PiiCase("رقم الآيبان DE89 3704 0044 0532 0130 00 من فضلك", (("IBAN", "DE89 3704 0044 0532 0130 00"),)),
    PiiCase("😭😭😭 @jane_doe same 😭", (("HANDLE", "@jane_doe"),)),
    PiiCase("𝕞𝕪 𝕟𝕒𝕞𝕖 my name is Priya 💅", (("PERSON", "Priya"),)),
    PiiCase("IP: 203.0.113.42 👨🏽‍💻 blocked", (("IP_ADDRESS", "203.0.113.42"),)),
    PiiCase("‏שלום‎ 123-45-6789 ssn stolen", (("US_SSN", "123-45-6789"),)),
    PiiCase("👍🏿 ship it to 42 Elm St 🙏🏼", (("STREET_ADDRESS", "42 Elm St"),)),
    PiiCase("مرحبا @priya@mastodon.social 🌙", (("HANDLE", "@priya@mastodon.social"),)),
    PiiCase(
        "𝐔𝐑𝐆𝐄𝐍𝐓 https://mail.example.com/unsubscribe?email=a%40b.com 🆘",
        (("URL", "https://mail.example.com/unsubscribe?email=a%40b.com"),),
    ),
    PiiCase("🇬🇧 ring 07911 123456 🇬🇧", (("PHONE", "07911 123456"),)),
    PiiCase(
        "שם: my name is Jane Doe, מספר 415.555.2671", (("PERSON", "Jane Doe"), ("PHONE", "415.555.2671"))
    ),
    PiiCase("🧑‍🚀🧑‍🚀 kim(at)example(dot)org 🧑‍🚀", (("EMAIL", "kim(at)example(dot)org"),)),
    PiiCase("Ω≈ç√ 2001:db8::1 ∫˜µ", (("IP_ADDRESS", "2001:db8::1"),)),
    PiiCase("🤬 agent Mike was rude 🤬 call 212 555 0147", (("PERSON", "Mike"), ("PHONE", "212 555 0147"))),
    PiiCase("ملاحظة: card 5555 5555 5555 4444 مرفوض", (("CREDIT_CARD", "5555 5555 5555 4444"),)),
    PiiCase(
        "𝒷𝓁𝒶𝒽 @jane_doe 𝒷𝓁𝒶𝒽 jane.doe@gmail.com", (("HANDLE", "@jane_doe"), ("EMAIL", "jane.doe@gmail.com"))
    ),
    PiiCase(
        "🐛 IP 192.168.1.254 🐛 and my iban NL91ABNA0417164300",
        (("IP_ADDRESS", "192.168.1.254"), ("IBAN", "NL91ABNA0417164300")),
    ),
    PiiCase("תודה רבה - Jane", (("PERSON", "Jane"),)),
    PiiCase("✈️✈️ +33 6 12 34 56 78 ✈️", (("PHONE", "+33 6 12 34 56 78"),)),
    PiiCase("👀\u200b @Carlos_88", (("HANDLE", "@Carlos_88"),)),
    PiiCase("🎉 ask for Aisha 🎉", (("PERSON", "Aisha"),)),
    PiiCase("日本語のテキスト +81 3-1234-5678 です", (("PHONE", "+81 3-1234-5678"),)),
    PiiCase("😡 my social is 536-22-1234 😡", (("US_SSN", "536-22-1234"),)),
    PiiCase("📦 delivered to 10 Downing Street 📦", (("STREET_ADDRESS", "10 Downing Street"),)),
    PiiCase(
        "🔗 https://shop.example.com/account?token=8f3a9c2b 🔗",
        (("URL", "https://shop.example.com/account?token=8f3a9c2b"),),
    ),
    PiiCase("مرحبا، اسمي my name is José 🙂", (("PERSON", "José"),)),
]

MIXED_CASES = [
    PiiCase(
        "@acme I'm Jane and my number is 415-555-2671, email jane.doe@gmail.com",
        (("PERSON", "Jane"), ("PHONE", "415-555-2671"), ("EMAIL", "jane.doe@gmail.com")),
    ),
    PiiCase(
        "@acmesupport cc @jane_doe: card 4111 1111 1111 1111 charged at 203.0.113.42",
        (("HANDLE", "@jane_doe"), ("CREDIT_CARD", "4111 1111 1111 1111"), ("IP_ADDRESS", "203.0.113.42")),
    ),
    PiiCase(
        "refund to DE89 3704 0044 0532 0130 00 or call +49 30 901820",
        (("IBAN", "DE89 3704 0044 0532 0130 00"), ("PHONE", "+49 30 901820")),
    ),
    PiiCase(
        "ship to 88 Maple Drive, call 212 555 0147 on arrival",
        (("STREET_ADDRESS", "88 Maple Drive"), ("PHONE", "212 555 0147")),
    ),
    PiiCase(
        "unsubscribe me: https://mail.example.com/unsubscribe?email=jane%40gmail.com (jane.doe@gmail.com)",
        (
            ("URL", "https://mail.example.com/unsubscribe?email=jane%40gmail.com"),
            ("EMAIL", "jane.doe@gmail.com"),
        ),
    ),
    PiiCase(
        "flight UA 1234 delayed 3h, call me 415.555.2671 - Marco",
        (("PHONE", "415.555.2671"), ("PERSON", "Marco")),
    ),
    PiiCase("my name is Carlos, ssn: 219-09-9999, lol jk", (("PERSON", "Carlos"), ("US_SSN", "219-09-9999"))),
    PiiCase("order #4155552671 for $1,299.99 but text me on 07911 123456", (("PHONE", "07911 123456"),)),
    PiiCase(
        "@acme @mike.bsky.social says gate B22 at 10:45, ping +44 7911 123456",
        (("HANDLE", "@mike.bsky.social"), ("PHONE", "+44 7911 123456")),
    ),
    PiiCase(
        "v2.3.14 still broken on 198.51.100.7 - Priya", (("IP_ADDRESS", "198.51.100.7"), ("PERSON", "Priya"))
    ),
]


# Booking references (airline PNRs, confirmation codes): only after a word that names one.
BOOKING_REFS = ["XJ7K2P", "ABC123", "KQ9ZTP", "4F7G8H", "LMN8QR", "Q2W3E4"]
BOOKING_TEMPLATES = [
    "booking ref {v} and still no refund",
    "PNR {v} - flight cancelled, now what",
    "@acme my confirmation code is {v}",
    "Record locator: {v}, pls help",
    "reservation number {v} shows the wrong date",
    "conf # {v} never got the email",
    "booking reference: {v} seat 14C",
    "my booking {v} vanished from the app",
]
MOVED_FROM_NON_PII = [  # once kept as references; a PNR opens the booking with the surname
    PiiCase("PNR ABC123", (("BOOKING_REFERENCE", "ABC123"),)),
    PiiCase("booking ref XJ7K2P", (("BOOKING_REFERENCE", "XJ7K2P"),)),
    PiiCase("confirmation ABC123", (("BOOKING_REFERENCE", "ABC123"),)),
]
# Naming contexts beyond "my name is": a place at the airport with praise or blame, "from support",
# "helped by", a role after "thanks to", family, a name tag.
MORE_NAMES = ["Priya", "Omar", "Lena", "Marco", "Aisha", "Jake", "Sofia"]
MORE_PERSON_TEMPLATES = [
    "{v} at the gate was so kind to my mum",
    "thanks to {v} from support, finally sorted",
    "shoutout to agent {v}!",
    "helped by {v} at check-in, legend",
    "{v} from customer service hung up on me",
    "my son {v} loved the cockpit tour",
    "her name was {v} and she was great",
    "name tag said {v}, so rude",
    "thank you to the agent {v}.",
    "@acme {v} at the counter was amazing",
]
ACCOUNT_URL_CASES = [
    PiiCase("see https://www.reddit.com/user/jane_r/comments/abc/ lol", (("HANDLE", "jane_r"),)),
    PiiCase(
        "her post: https://bsky.app/profile/mike.bsky.social/post/3k2", (("HANDLE", "mike.bsky.social"),)
    ),
    PiiCase(
        "at://did:plc:doljxslnjqgy5itfu225qfph/app.bsky.feed.post/3mg is the one",
        (("HANDLE", "did:plc:doljxslnjqgy5itfu225qfph"),),
    ),
    PiiCase("https://x.com/carlos_88/status/1799 same issue", (("HANDLE", "carlos_88"),)),
    PiiCase("https://fedi.example/users/aisha_k/statuses/11 ^", (("HANDLE", "aisha_k"),)),
]


def all_pii_cases() -> list[PiiCase]:
    cases: list[PiiCase] = []
    cases += _spread("PHONE", PHONES, PHONE_TEMPLATES, 3)
    cases += _spread("EMAIL", EMAILS, EMAIL_TEMPLATES, 3)
    cases += _spread("EMAIL", OBFUSCATED_EMAILS, OBFUSCATED_TEMPLATES, 2)
    cases += _spread("CREDIT_CARD", CARDS, CARD_TEMPLATES, 3)
    cases += _spread("IBAN", IBANS, IBAN_TEMPLATES, 3)
    cases += _spread("US_SSN", SSNS, SSN_TEMPLATES, 3)
    cases += _spread("IP_ADDRESS", IPS, IP_TEMPLATES, 3)
    cases += _spread("STREET_ADDRESS", ADDRESSES, ADDRESS_TEMPLATES, 3)
    cases += [PiiCase(text, (("STREET_ADDRESS", sub),)) for text, sub in CUED_ADDRESSES]
    cases += _spread("PERSON", NAMES, PERSON_TEMPLATES, 4)
    cases += _spread("HANDLE", HANDLES, HANDLE_TEMPLATES, 4)
    cases += _spread("URL", URLS, URL_TEMPLATES, 3)
    cases += _spread("BOOKING_REFERENCE", BOOKING_REFS, BOOKING_TEMPLATES, 4) + MOVED_FROM_NON_PII
    cases += _spread("PERSON", MORE_NAMES, MORE_PERSON_TEMPLATES, 4)
    return cases + ACCOUNT_URL_CASES + OFFSET_CASES + MIXED_CASES
