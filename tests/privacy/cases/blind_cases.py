"""A blind slice for the benchmark: labelled posts written AFTER the recognizers were
frozen and never used to tune them (tests do not assert on them, so misses stay misses).

Written for tactful; people, numbers and addresses are fictitious or reserved test values.
"""

from __future__ import annotations

from tests.privacy.cases.pii_cases import PiiCase

BLIND_CASES = [
    PiiCase(
        "@acme yo my number changed, new one is 312-555-0198 pls update the account",
        (("PHONE", "312-555-0198"),),
    ),
    PiiCase("@acme u can reach me at 0207 946 0321 after 6pm UK time", (("PHONE", "0207 946 0321"),)),
    PiiCase(
        "@acme Tel. +1 503 555 0123 (cell) — please call, chat keeps dropping",
        (("PHONE", "+1 503 555 0123"),),
    ),
    PiiCase("@acme ph: 780.555.0134", (("PHONE", "780.555.0134"),)),
    PiiCase(
        "@acme my husband's number is 917 555 0110, he's the account holder", (("PHONE", "917 555 0110"),)
    ),
    PiiCase("@acme email: m.oconnor@outlook.ie", (("EMAIL", "m.oconnor@outlook.ie"),)),
    PiiCase(
        "@acme i sent 3 emails from lucy_b82@icloud.com and got nothing back",
        (("EMAIL", "lucy_b82@icloud.com"),),
    ),
    PiiCase("@acme contact me on tariq.h at gmail dot com", (("EMAIL", "tariq.h at gmail dot com"),)),
    PiiCase(
        "@acme your support agent literally asked me to tweet my card no 4000 0566 5566 5556 lmao",
        (("CREDIT_CARD", "4000 0566 5566 5556"),),
    ),
    PiiCase(
        "@acme refund to card ending 4242? the full one is 4242424242424242",
        (("CREDIT_CARD", "4242424242424242"),),
    ),
    PiiCase("@acme it's AT61 1904 3002 3457 3201 for the transfer", (("IBAN", "AT61 1904 3002 3457 3201"),)),
    PiiCase(
        "@acme ok so my IP is 198.51.100.23 and netflix works but you don't",
        (("IP_ADDRESS", "198.51.100.23"),),
    ),
    PiiCase(
        "@acme left at the wrong house, I'm at 27 Wellington Road not 72",
        (("STREET_ADDRESS", "27 Wellington Road"),),
    ),
    PiiCase(
        "@acme deliveries to 500 Market St Suite 200 San Francisco CA 94105 keep failing",
        (("STREET_ADDRESS", "500 Market St Suite 200 San Francisco CA 94105"),),
    ),
    PiiCase("@acme the driver, Kevin, was a legend today", (("PERSON", "Kevin"),)),
    PiiCase("@acme massive thanks to Olivia from your Leeds branch", (("PERSON", "Olivia"),)),
    PiiCase("@acme my son Ethan is devastated his order didn't arrive", (("PERSON", "Ethan"),)),
    PiiCase("@acme hi it's Grace again, still no update on case 88213", (("PERSON", "Grace"),)),
    PiiCase("@acme the lady at checkout (her badge said Linda) was so kind", (("PERSON", "Linda"),)),
    PiiCase(
        "@acme @mariaj_ and @dev_raj both can't log in either",
        (("HANDLE", "@mariaj_"), ("HANDLE", "@dev_raj")),
    ),
    PiiCase("@acme check what @lena.bsky.social posted about your store", (("HANDLE", "@lena.bsky.social"),)),
    PiiCase(
        "@acme your email link https://acme.com/verify?uid=88213&sig=a9f3 logs in as someone else",
        (("URL", "https://acme.com/verify?uid=88213&sig=a9f3"),),
    ),
    PiiCase(
        "@acme opened https://acme.com/account/settings?auth_token=f00ba4 on my friend's phone oops",
        (("URL", "https://acme.com/account/settings?auth_token=f00ba4"),),
    ),
    PiiCase("@acme my SSN (078-05-1120) showed up in the form autocomplete?!", (("US_SSN", "078-05-1120"),)),
    PiiCase("@acme why is my bill £54.20 this month when it was £39 last month", ()),
    PiiCase("@acme train 07:42 from Leeds cancelled again, 3rd time this week", ()),
    PiiCase("@acme the 2.4.1 update broke dark mode on my Pixel 8", ()),
    PiiCase("@acme waited from 10am till 4pm, order 5523-1187-0092 never came", ()),
    PiiCase("@acme 4.5/5 would recommend, except the app", ()),
    PiiCase("@acme flight AA 2317 to ORD, gate K4, boarding 14:35 and no crew", ()),
    PiiCase("@acme got charged 3x £12.99 on 12/01, 13/01 and 14/01", ()),
    PiiCase("@acme Apple Music is better, bye", ()),
    PiiCase("@acme it says error 0x800F081F when I install build 22631.2861", ()),
    PiiCase("@acme 100 Mbps plan, getting 8. speedtest id 15527390211", ()),
    PiiCase("@acme Black Friday deal ends 11/29 at 11:59pm PT?", ()),
    PiiCase("@acme the store on 5th Avenue is always out of stock", ()),
    PiiCase("@acme my grandma (82) can't read the tiny font on your bills", ()),
    PiiCase("@acme ISBN 9780143127741 shows as out of print but it isn't", ()),
    PiiCase("@acme Premium Family: 6 accounts, 1 bill, 0 working", ()),
    PiiCase(
        "@acme rated 1 star. 1-800-555-0199 goes to voicemail every time", (("PHONE", "1-800-555-0199"),)
    ),
]
