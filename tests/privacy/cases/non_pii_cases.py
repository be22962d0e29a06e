"""Tricky strings that are NOT personal data, in social-media phrasing.

Written for tactful. Each fragment is tried on its own and inside a post. Decisions
worth knowing (also in docs/privacy.md):

* Vanity numbers such as 1-800-FLOWERS are a business's public number, not
  personal, and cannot be validated: not PHONE.
* Digit runs after a reference word (order, ticket, tracking, ISBN, flight,
  member, ...) are references, not phone numbers, even when the digits would dial.
  Order, ticket, case and invoice numbers stay (support routes by them); a booking
  reference / PNR after its cue word is BOOKING_REFERENCE (it opens the booking),
  so "PNR ABC123" moved to the PII table.
* Version strings that look like IPv4 (v1.2.3.4, firmware 4.1.0.12) are versions.
* Plain links (no personal token) are kept; utm_* campaign tags are not personal.
* The brand's own handles and the '@user' placeholder of anonymised datasets are not PII.
* Capitalised words without a naming context are not PERSON ('Thanks Delta', 'Mike drop').
"""

from __future__ import annotations

BRAND_HANDLES = ("acme", "acmesupport", "acme@mastodon.social")

PRICES = [
    "$1,299.99",
    "€49",
    "£1.250,00",
    "USD 1,234,567",
    "$4,155,552,671",
    "¥120000",
    "$12.5M",
    "€ 1 299,00",
    "CA$199",
    "$0.99/mo",
    "1,000,000 streams",
    "50% off",
    "$19.99 x 12 months",
    "₹ 45,000",
    "2,499.00 EUR",
    "price went from $9.99 to $15.99",
]
TIMES = [
    "10:30",
    "10:30pm",
    "22:45:10",
    "9.30am",
    "12:30:45 UTC",
    "0800 hrs",
    "T-minus 10:00:00",
    "from 09:00 to 17:30",
    "at 1445",
    "ETA 23:59",
]
DATES = [
    "03/04/2024",
    "2024-03-15",
    "15.03.2024",
    "March 3, 2024",
    "2024-03-15T14:30:00Z",
    "2024-03-15 14:30:00",
    "12/25/2023 - 01/02/2024",
    "Q3 2024",
    "FY2023/24",
    "1999-2024",
    "since 2019",
    "2019 2020 2021 2022",
    "born in the 90s",
    "20240315",
    "15-03-2024",
    "Mon 3/14",
    "between 2023-01-01 and 2023-12-31",
]
TRAVEL = [
    "UA 1234",
    "flight 2231",
    "BA2490",
    "DL 89",
    "flight UA 1234 / 5678",
    "gate B22",
    "seat 14C",
    "row 32",
    "terminal 5",
    "flight 1234 5678 9012 delayed",
    "LH 400 from FRA",
    "train 2231 platform 9",
    "bus 42",
    "carousel 7",
]
VERSIONS = [
    "v2.3.14",
    "version 10.0.19045.2965",
    "iOS 17.1.2",
    "v1.2.3.4",
    "build 4.1.0.12",
    "firmware 2.0.0.1",
    "Android 14",
    "app version 8.9.12.528",
    "Windows 11 23H2",
    "update 1.2.3.4 broke it",
    "python 3.11.7",
    "chrome 120.0.6099.109",
    "app version number is 5.2.4.0",
    "a Lumia running 5.2.4.0",
]
REFERENCES = [
    "order #4155552671",
    "order number 112-3456789-1234567",
    "ref 4155552671",
    "tracking 1Z999AA10123456784",
    "ticket #12345678",
    "case 02456789 still open",
    "invoice INV-2024-0042",
    "ISBN 978-0-13-468599-1",
    "ISBN 0-306-40615-2",
    "member 123456789",
    "order no. 2125550147",
    "tracking number 9400 1000 0000 0000 0000 00",
    "account # 4155552671",
    "claim 4155552671",
    "loyalty number 4155552671",
    "SKU 883929245470",
    "IMEI 490154203237518",
    "receipt 0044 7911 1234",
]
COUNTS = [
    "ordered 3 times",
    "12 345 678 listeners",
    "1 2 3 4 5 6 7 8 9 10",
    "365 days",
    "4K",
    "5G",
    "24/7",
    "1-800-FLOWERS",
    "1-800-GOT-JUNK",
    "top 10",
    "100%",
    "3-1 final score",
    "2.5kg",
    "5,000 miles",
    "10x faster",
    "99.9% uptime",
    "1/2 + 1/4",
    "3.14159265358979",
    "7 8 9",
    "1.5 million",
    "x2",
    "2 for 1",
    "3 of 4",
    "1 in 5",
    "30 41 52",
]
IDS_AND_CODES = [
    "#BlackFriday",
    "#optout",
    "#2024",
    "#4155552671",
    "#1",
    "promo code SAVE20",
    "error 0x80070005",
    "error code 502",
    "HTTP 404",
    "zip 90210",
    "postcode SW1A",
    "room 1204",
    "apt 4B",
    "CVE-2024-12345",
    "4111 1111 1111 1112",
    "1234 5678 9012 3456",
    "999.1.1.1",
    "10.0.0.256",
    "1.2.3",
    "255.255.255",
    "123-45-678",
    "000-12-3456",
    "666-12-3456",
    "AB12 CDEF 1234",
    "GB00 WEST 1234 5698 7654 32",
    "unix 1700000000",
    "1699999999123",
    "sha 3f9a1c7e",
    "::",
    "a::b::c",
    "UUID 123e4567-e89b-12d3-a456-426614174000",
]
LINKS = [
    "https://acme.com/help",
    "https://t.co/AbC123xyz",
    "www.acme.com/deals?utm_source=twitter",
    "https://acme.com/status?page=2&sort=new",
    "https://youtu.be/dQw4w9WgXcQ",
    "http://example.org",
    "https://en.wikipedia.org/wiki/Privacy",
    "https://acme.com/orders/2231",
    "acme.com",
    "https://acme.com/search?q=refund+policy",
]
HANDLES = ["@acme", "@AcmeSupport", "@ACME", "@acme@mastodon.social", "@user", "@user @user"]
NOT_NAMES = [
    "Thanks Delta!",
    "Mike drop",
    "I'm Tired and hungry",
    "I'm so done",
    "I am not happy",
    "ask for a refund",
    "ask for help",
    "my name is not important",
    "agent was rude",
    "shoutout to everyone at the counter",
    "spoke to someone yesterday",
    "Hi, I'm new here",
    "the manager was rude",
    "- sent from my iPhone",
    "Sent from my iPhone",
    "I'm Still waiting and waiting",
    "spoke to support",
    "my name is on the booking",
    "ask for the manager",
    "this is ridiculous",
    "It's Trinidad and Tobago",
    "Thanks, Acme!",
    "Merci, Danke, Thanks, Gracias",
]
# Near misses for BOOKING_REFERENCE and the newer PERSON contexts.
NOT_BOOKING_REFS = [
    "flight UA1234 cancelled",
    "gate B22 boarding now",
    "seat 14C and 14D",
    "booking ref please??",
    "my booking AGAIN",
    "reservation system down",
    "confirmation email never came",
    "confirmation page froze",
    "the booking site is broken",
    "PNR lookup fails",
    "booking reference field is greyed out",
    "confirmation pending since monday",
    "record locator??",
    "my booking is wrong",
    "reservation for 2 at 7pm",
    "order #ABC123",
    "order number 7XK2PQ",
    "ticket TK4821 still open",
    "case CS1234 escalated",
    "aircraft A320neo",
    "booking class Y",
    "version 10.2.1 on the booking app",
    "my reservation ABCDEF",
    "terminal 2E gate K45",
]
NOT_NAMES_NEW = [
    "thanks to everyone at the gate",
    "thanks to all from support",
    "the lady at the counter was kind",
    "agent at the desk was rude",
    "Heathrow at the gate was chaos",
    "helped by nobody",
    "helped by the app",
    "served by a robot",
    "my son is sick",
    "my wife and I",
    "my friend said no",
    "her name was not on the list",
    "his name is on the ticket",
    "name tag said nothing",
    "thanks to Acme from the start",
    "Acme from customer service replied",
    "someone from customer service called",
    "nobody from support answered",
    "thanks to you from all of us",
    "thanks to COVID in 2020",
    "rebooked by the system",
    "checked in by myself",
    "taken care of by Monday",
    "thank you from the bottom of my heart",
    "Thanks Acme at the gate",
]
NOT_ADDRESSES = [
    "3 stars",
    "5 miles down the road",
    "Street Fighter 6",
    "in 2 days",
    "10 Downing",
    "Drive 2",
    "Route 66",
    "walked 3 blocks",
    "page 42 of the manual",
]
EMAIL_LIKE = [
    "me @ the store",
    "me@ home",
    "@ 5pm",
    "email us at support",
    "foo@bar",
    "a@b",
    "user@localhost",
    "meet me at the gate dot com lol",
    "nice.at dot",
]

FRAGMENTS = (
    PRICES
    + TIMES
    + DATES
    + TRAVEL
    + VERSIONS
    + REFERENCES
    + COUNTS
    + IDS_AND_CODES
    + LINKS
    + HANDLES
    + NOT_NAMES
    + NOT_BOOKING_REFS
    + NOT_NAMES_NEW
    + NOT_ADDRESSES
    + EMAIL_LIKE
)

POST_TEMPLATES = [
    "@acme {v} and still waiting 😤",
    "ok so {v}?? 🙃",
]


def all_non_pii_cases() -> list[str]:
    """Every fragment alone, and every fragment inside one of the post templates."""
    embedded = [POST_TEMPLATES[i % len(POST_TEMPLATES)].format(v=v) for i, v in enumerate(FRAGMENTS)]
    return list(dict.fromkeys(FRAGMENTS + embedded))
