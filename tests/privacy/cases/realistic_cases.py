"""Realistic customer posts, labelled by hand: some with PII, many without.

Written for tactful (fictitious people and numbers). Used by test_detect.py and by
benchmarks/bench_pii.py as the 'realistic' slice of the Presidio comparison.
"""

from __future__ import annotations

from tests.privacy.cases.pii_cases import PiiCase

REALISTIC_CASES = [
    PiiCase("@acme been on hold 45 min for order 112-3456789-1234567, this is ridiculous", ()),
    PiiCase("@acme flight UA 1234 delayed again, gate changed to B22 and nobody told us 😡", ()),
    PiiCase("@acmesupport app v8.9.12 crashes on iOS 17.1.2 every time I open playlists", ()),
    PiiCase("hey @acme why is premium $10.99 now? it was $9.99 last month", ()),
    PiiCase("@acme still no refund after 14 days. ticket #12345678. please escalate", ()),
    PiiCase("@acme your site says open 24/7 but the store at terminal 5 is closed at 10:30pm", ()),
    PiiCase("@acme love the new update!! 5 stars ⭐⭐⭐⭐⭐", ()),
    PiiCase("@acme can't log in since the 2024-03-15 outage, error code 502", ()),
    PiiCase("@acme seat 14C has no power outlet on a 9 hour flight. cool.", ()),
    PiiCase("@acme my package was supposed to arrive 03/04/2024, tracking 1Z999AA10123456784", ()),
    PiiCase("@acme charged me $1,299.99 twice!! order #4155552671", ()),
    PiiCase("@acme 3 of my 4 bags made it lol", ()),
    PiiCase("@acme https://acme.com/help doesn't answer my question at all", ()),
    PiiCase("@acme tried resetting from www.acme.com/reset and nothing happens", ()),
    PiiCase("@acme thank you for the quick fix yesterday, really appreciated 🙏", ()),
    PiiCase("@acme my wifi speed is 12.5 Mbps instead of 300. paying for 300.", ()),
    PiiCase("@acme the 1-800-FLOWERS promo code SAVE20 doesn't work in your app", ()),
    PiiCase("@acme Thanks Delta for nothing 🙄", ()),
    PiiCase("@acme my dad has been a customer since 1998 and this is how you treat him", ()),
    PiiCase("@acme firmware 2.0.0.1 bricked my router", ()),
    PiiCase("@acme I'm Dana and I've been waiting since Tuesday for a callback", (("PERSON", "Dana"),)),
    PiiCase(
        "@acme please call me back on 415-555-2671, I'm not typing my issue again",
        (("PHONE", "415-555-2671"),),
    ),
    PiiCase(
        "@acme my account email is dana.w@gmail.com and I still can't reset my password",
        (("EMAIL", "dana.w@gmail.com"),),
    ),
    PiiCase("@acme shoutout to Ramon at the counter in Denver, he saved my trip!", (("PERSON", "Ramon"),)),
    PiiCase("@acme agent Kelly hung up on me twice. case 02456789", (("PERSON", "Kelly"),)),
    PiiCase(
        "@acme your courier left my parcel at 14 Birch Lane instead of 41 Birch Lane 🤦",
        (("STREET_ADDRESS", "14 Birch Lane"), ("STREET_ADDRESS", "41 Birch Lane")),
    ),
    PiiCase(
        "@acme @tom_r had the same issue with his card 5555 5555 5555 4444",
        (("HANDLE", "@tom_r"), ("CREDIT_CARD", "5555 5555 5555 4444")),
    ),
    PiiCase(
        "@acme refund went to the wrong account, mine is GB82 WEST 1234 5698 7654 32",
        (("IBAN", "GB82 WEST 1234 5698 7654 32"),),
    ),
    PiiCase(
        "@acme your chat bot asked for my SSN 219-09-9999, is that normal??", (("US_SSN", "219-09-9999"),)
    ),
    PiiCase(
        "@acme my IP 203.0.113.42 is blocked from streaming, I'm not a bot", (("IP_ADDRESS", "203.0.113.42"),)
    ),
    PiiCase(
        "@acme I got this in my inbox: https://mail.acme.com/unsubscribe?email=dana.w%40gmail.com&t=7f3e",
        (("URL", "https://mail.acme.com/unsubscribe?email=dana.w%40gmail.com&t=7f3e"),),
    ),
    PiiCase("@acme ask for Priya at the Soho store, best service ever", (("PERSON", "Priya"),)),
    PiiCase(
        "@acme Ugh. 2 hours on hold. My number is (646) 555-3890 - Dana",
        (("PHONE", "(646) 555-3890"), ("PERSON", "Dana")),
    ),
    PiiCase(
        "@acme I'm in London, ring me on +44 7911 123456 when the engineer is on the way",
        (("PHONE", "+44 7911 123456"),),
    ),
    PiiCase(
        "@acme deliver to 350 Fifth Avenue, New York, NY 10118 not my old address!!",
        (("STREET_ADDRESS", "350 Fifth Avenue, New York, NY 10118"),),
    ),
    PiiCase("@acme the rep named Jorge said I'd get a credit, still nothing", (("PERSON", "Jorge"),)),
    PiiCase(
        "@acme @sam.bsky.social and I both got double charged, sam@samdesign.co is his email",
        (("HANDLE", "@sam.bsky.social"), ("EMAIL", "sam@samdesign.co")),
    ),
    PiiCase("@acme 06 12 34 56 78 c'est mon numéro, rappelez-moi svp", (("PHONE", "06 12 34 56 78"),)),
    PiiCase(
        "@acme my name is Aisha Khan, booking ref XJ7K2P, flight BA2490 cancelled",
        (("PERSON", "Aisha Khan"), ("BOOKING_REFERENCE", "XJ7K2P")),
    ),
    PiiCase("@acme whatsapp +91 98765 43210 for the invoice please", (("PHONE", "+91 98765 43210"),)),
]
