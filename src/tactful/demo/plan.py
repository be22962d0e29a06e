"""Deterministically place the written demo posts: platform, author, time, ids and threads.

Pure: ``plan_posts(seed)`` turns the sections of ``corpus.py`` into a list of
``PlannedPost`` and always returns the same list for the same seed. ``formats.py``
renders them in each platform's export shape.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from tactful.demo.corpus import STORM_DAY, Section, sections, split_label

FIRST_DAY = datetime(2026, 3, 2, tzinfo=UTC)
DAYS = 14
SEED = 2026
SOCIAL = ("bluesky", "twitter", "mastodon")
ADDRESSED_WEIGHTS = {"bluesky": 4, "twitter": 4, "mastodon": 2}
ANY_WEIGHTS = {"bluesky": 4, "twitter": 4, "mastodon": 2, "reddit": 3}
LOCAL_INSTANCE = "mastodon.example"  # the instance the Mastodon export was taken from
# Hours of the day people post, weighted towards waking hours (UTC, a European audience).
HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 6, 7, 7, 6, 6, 6, 6, 6, 6, 7, 8, 8, 8, 7, 5, 3, 2]
TWITTER_EPOCH_MS = 1288834974657
STORM_HOURS = (9, 22, 16)  # low, high, peak hour (UTC) of the storm-day posts


@dataclass(frozen=True)
class Author:
    platform: str
    handle: str  # bluesky "x.bsky.social", mastodon "user@domain", twitter "User_1", reddit "name"
    name: str
    account_id: str  # a DID, a Mastodon account id, a Twitter user id, a Reddit user name
    bio: str = ""
    flags: tuple[str, ...] = ()  # "nobot", "noindex": what the account asks of bots and indexers
    created_at: datetime = datetime(2021, 5, 4, tzinfo=UTC)
    is_brand: bool = False


@dataclass
class PlannedPost:
    key: str  # "<section>/<line>" or "<section>/<line>.<turn>" for thread turns
    section: Section
    intent: str
    text: str  # plain text as the platform shows it, placeholders filled
    platform: str
    author: Author
    created_at: datetime
    platform_id: str = ""
    reply_to: PlannedPost | None = None
    root: PlannedPost | None = None
    mentioned: list[Author] = field(default_factory=list)
    metrics: dict[str, int] = field(default_factory=dict)

    @property
    def addressed(self) -> bool:
        return any(a.is_brand and a.handle in BRAND_HANDLES for a in self.mentioned)


# --- the airlines' own accounts ------------------------------------------------------------------


def _did(seed: str) -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    digest = hashlib.sha256(seed.encode()).digest()
    return "did:plc:" + "".join(alphabet[b % 32] for b in digest[:24])


def _account(platform: str, handle: str, name: str, account_id: str, bio: str) -> Author:
    return Author(
        platform,
        handle,
        name,
        account_id,
        bio=bio,
        is_brand=True,
        created_at=datetime(2019, 2, 11, tzinfo=UTC),
    )


ACCOUNTS: dict[tuple[str, str], Author] = {
    ("bluesky", "skylark"): _account(
        "bluesky",
        "skylarkair.bsky.social",
        "Skylark Airways",
        _did("skylark"),
        "Official Skylark Airways. Help: DM us.",
    ),
    ("bluesky", "northwind"): _account(
        "bluesky",
        "northwindair.bsky.social",
        "Northwind Air",
        _did("northwind"),
        "Northwind Air, flying the north since 1998.",
    ),
    ("bluesky", "bluejay"): _account(
        "bluesky",
        "bluejayairlines.bsky.social",
        "Bluejay Airlines",
        _did("bluejay"),
        "Bluejay Airlines. Fly bright.",
    ),
    ("mastodon", "skylark"): _account(
        "mastodon",
        "skylark@social.example",
        "Skylark Airways",
        "109876543210000001",
        "<p>Official Skylark Airways account.</p>",
    ),
    ("mastodon", "northwind"): _account(
        "mastodon",
        "northwind@air.example",
        "Northwind Air",
        "109876543210000002",
        "<p>Northwind Air on the fediverse.</p>",
    ),
    ("mastodon", "bluejay"): _account(
        "mastodon",
        "bluejay@fly.example",
        "Bluejay Airlines",
        "109876543210000003",
        "<p>Bluejay Airlines.</p>",
    ),
    ("twitter", "skylark"): _account(
        "twitter",
        "SkylarkAir",
        "Skylark Airways",
        "880011223344556601",
        "Official Skylark Airways. For help, talk to @SkylarkHelp",
    ),
    ("twitter", "skylark-help"): _account(
        "twitter",
        "SkylarkHelp",
        "Skylark Airways Help",
        "880011223344556602",
        "Skylark Airways customer care, 7am-11pm UTC.",
    ),
    ("twitter", "northwind"): _account(
        "twitter", "NorthwindAir", "Northwind Air", "880011223344556603", "Northwind Air official."
    ),
    ("twitter", "bluejay"): _account(
        "twitter", "BluejayAir", "Bluejay Airlines", "880011223344556604", "Bluejay Airlines. Fly bright."
    ),
}
BRAND_HANDLES = {a.handle for (platform, who), a in ACCOUNTS.items() if who.startswith("skylark")}


def brand_account(platform: str, *, care: bool = True) -> Author:
    """Who speaks for Skylark on a platform (on Twitter: the care account, or the main one)."""
    if platform == "twitter" and care:
        return ACCOUNTS[("twitter", "skylark-help")]
    return ACCOUNTS[(platform, "skylark")]


def mention_text(account: Author) -> str:
    return "@" + account.handle


# --- people --------------------------------------------------------------------------------------

FIRST_NAMES = [
    "ana",
    "ben",
    "chloe",
    "dev",
    "elif",
    "femi",
    "greta",
    "hugo",
    "ines",
    "jonas",
    "kaito",
    "lena",
    "marek",
    "nadia",
    "omar",
    "priya",
    "quinn",
    "rosa",
    "sam",
    "tess",
    "umar",
    "vera",
    "will",
    "xena",
    "yusuf",
    "zoe",
    "aoife",
    "bruno",
    "carla",
    "dario",
    "emeka",
    "fatima",
    "gus",
    "hana",
    "ivan",
    "jade",
    "kofi",
    "lucia",
    "mateo",
    "nina",
    "oskar",
    "paula",
    "ravi",
    "sofia",
    "theo",
    "uma",
    "viktor",
    "wren",
    "yara",
    "zeno",
    "amara",
    "bilal",
    "cora",
]
SURNAMES = [
    "okafor",
    "lindqvist",
    "moreau",
    "tanaka",
    "silva",
    "brennan",
    "kowalski",
    "haddad",
    "novak",
    "reyes",
    "fischer",
    "adeyemi",
    "costa",
    "larsen",
    "mensah",
    "ortiz",
    "petrov",
    "quigley",
    "rahman",
    "schultz",
    "varga",
    "walsh",
    "yilmaz",
    "zhou",
]
HANDLE_STYLES = (
    "{f}{s}",
    "{f}_{s}",
    "{f}{n}",
    "{f}travels",
    "{f}flies",
    "the{f}",
    "{f}{s}{n}",
    "{f}_on_tour",
)
BIOS = (
    "coffee first",
    "dad of two, runner",
    "teacher. travels when I can",
    "nurse on nights",
    "photographer, mostly of clouds",
    "software person",
    "she/her, plants and trains",
    "",
    "student, always broke",
    "music, hiking, too many tabs open",
    "retired, finally travelling",
    "",
)
INSTANCES = (LOCAL_INSTANCE, "toot.example", "fedi.example", "social.example", "mstdn.example")


class AuthorPool:
    """Creates fictional people per platform; some post more than once (repeat contact)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.by_platform: dict[str, list[Author]] = {}
        self.used_handles: set[str] = set()

    def pick(self, platform: str, *, flags: tuple[str, ...] = (), reuse: float = 0.2) -> Author:
        known = [a for a in self.by_platform.get(platform, []) if not a.flags]
        if not flags and known and self.rng.random() < reuse:
            return self.rng.choice(known)
        author = self._new(platform, flags)
        self.by_platform.setdefault(platform, []).append(author)
        return author

    def _new(self, platform: str, flags: tuple[str, ...]) -> Author:
        rng = self.rng
        while True:
            first, surname = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            style = rng.choice(HANDLE_STYLES)
            base = style.format(f=first, s=surname[: rng.randint(1, len(surname))], n=rng.randint(2, 99))
            handle = _platform_handle(platform, base, rng)
            if handle.lower() not in self.used_handles:
                self.used_handles.add(handle.lower())
                break
        name = f"{first.title()} {surname.title()[0]}." if rng.random() < 0.6 else first.title()
        bio = rng.choice(BIOS)
        if "nobot" in flags:
            bio = "Privacy nerd. No bots, no scraping, no analytics please. #nobot"
        created = datetime(2016, 1, 1, tzinfo=UTC) + timedelta(days=rng.randint(0, 3500))
        return Author(
            platform, handle, name, _account_id(platform, handle, created, rng), bio, flags, created
        )


def _platform_handle(platform: str, base: str, rng: random.Random) -> str:
    if platform == "bluesky":
        return re.sub(r"[^a-z0-9-]", "-", base) + ".bsky.social"
    if platform == "mastodon":
        return f"{base}@{rng.choice(INSTANCES)}"
    if platform == "twitter":
        return "".join(p.title() if rng.random() < 0.3 else p for p in base.split("_"))[:15]
    return base.replace("_", "-")


def _account_id(platform: str, handle: str, created: datetime, rng: random.Random) -> str:
    if platform == "bluesky":
        return _did(handle)
    if platform == "mastodon":
        return str((int(created.timestamp() * 1000) << 16) + rng.randint(0, 65535))
    if platform == "twitter":
        return str(rng.randint(10**8, 10**18))
    return handle


# --- placing posts -------------------------------------------------------------------------------

PLACEHOLDERS = ("brand", "northwind", "bluejay")


def fill(
    text: str, platform: str, rng: random.Random, *, care: bool | None = None
) -> tuple[str, list[Author]]:
    """Fill ``{brand}``-style placeholders with the platform's handles; return text and who is mentioned."""
    mentioned: list[Author] = []
    for who in PLACEHOLDERS:
        token = "{" + who + "}"
        if token not in text:
            continue
        if who == "brand":
            account = brand_account(platform, care=care if care is not None else rng.random() < 0.75)
        else:
            account = ACCOUNTS[(platform, who)]
        mentioned.append(account)
        text = text.replace(token, mention_text(account))
    return text, mentioned


def choose_platform(section: Section, text: str, rng: random.Random) -> str:
    if section.platforms:
        return rng.choice(section.platforms)
    addressed = any("{" + p + "}" in text for p in PLACEHOLDERS)
    weights = ADDRESSED_WEIGHTS if addressed else ANY_WEIGHTS
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def choose_time(section: Section, rng: random.Random) -> datetime:
    if section.day is not None:
        day = datetime.fromisoformat(section.day).replace(tzinfo=UTC)
        hour = int(rng.triangular(*STORM_HOURS))  # the storm builds through the day, peaks late afternoon
    else:
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        hour = rng.choices(range(24), weights=HOUR_WEIGHTS)[0]
    return day + timedelta(
        hours=hour, minutes=rng.randrange(60), seconds=rng.randrange(60), milliseconds=rng.randrange(1000)
    )


def flags_for(section: Section) -> tuple[str, ...]:
    return {"nobot": ("nobot",), "noindex": ("noindex",)}.get(section.kind, ())


def plan_single(
    section: Section,
    index: int,
    line: str,
    rng: random.Random,
    pool: AuthorPool,
    fixed_authors: dict[str, Author],
) -> PlannedPost:
    intent, raw = split_label(line, section.intent)
    platform = choose_platform(section, raw, rng)
    text, mentioned = fill(raw, platform, rng)
    if section.kind == "brand_post":
        author = brand_account(platform, care=False)
    elif flags_for(section):
        key = f"{section.kind}:{platform}"
        if key not in fixed_authors:
            fixed_authors[key] = pool.pick(platform, flags=flags_for(section))
        author = fixed_authors[key]
    else:
        author = pool.pick(platform)
    return PlannedPost(
        f"{section.name}/{index}",
        section,
        intent,
        text,
        platform,
        author,
        choose_time(section, rng),
        mentioned=mentioned,
    )


def plan_thread(
    section: Section, index: int, line: str, rng: random.Random, pool: AuthorPool
) -> list[PlannedPost]:
    platform = rng.choice(section.platforms)
    customer = pool.pick(platform, reuse=0.0)
    brand = brand_account(platform, care=True)
    when = choose_time(section, rng)
    turns: list[PlannedPost] = []
    for turn, raw in enumerate(line.split(" || ")):
        from_brand = turn % 2 == 1
        author = brand if from_brand else customer
        text, mentioned = fill(raw, platform, rng, care=True)
        text, mentioned = _reply_prefix(
            platform, text, mentioned, turn, replying_to=customer if from_brand else brand
        )
        intent = "other" if from_brand or turn else section.intent
        post = PlannedPost(
            f"{section.name}/{index}.{turn}",
            section,
            intent,
            text,
            platform,
            author,
            when,
            reply_to=turns[-1] if turns else None,
            root=turns[0] if turns else None,
            mentioned=mentioned,
        )
        turns.append(post)
        when += timedelta(minutes=rng.randint(12, 150), seconds=rng.randrange(60))
    return turns


def _reply_prefix(
    platform: str, text: str, mentioned: list[Author], turn: int, replying_to: Author
) -> tuple[str, list[Author]]:
    """Twitter and Mastodon replies start with the @handle of the account replied to; Bluesky's do not."""
    if turn == 0 or platform == "bluesky":
        return text, mentioned
    return f"{mention_text(replying_to)} {text}", [replying_to, *mentioned]


def plan_posts(seed: int = SEED) -> list[PlannedPost]:
    """Every demo post, placed; the same list for the same seed."""
    rng = random.Random(seed)
    pool = AuthorPool(rng)
    fixed_authors: dict[str, Author] = {}
    posts: list[PlannedPost] = []
    for section in sections():
        for index, line in enumerate(section.texts):
            if section.kind == "thread":
                posts.extend(plan_thread(section, index, line, rng, pool))
            else:
                posts.append(plan_single(section, index, line, rng, pool, fixed_authors))
    link_optouts(posts, rng)
    posts.sort(key=lambda p: (p.created_at, p.key))
    assign_ids(posts, rng)
    assign_metrics(posts, rng)
    return posts


def link_optouts(posts: list[PlannedPost], rng: random.Random) -> None:
    """An author who opts out has complained before, so opting out has earlier posts to act on."""
    for optout in (p for p in posts if p.section.kind == "optout"):
        earlier = [
            p
            for p in posts
            if p.platform == optout.platform
            and p.section.kind == "complaint"
            and p.created_at < optout.created_at
            and p.reply_to is None
            and not p.author.is_brand
        ]
        if earlier:
            optout.author = rng.choice(earlier).author


# --- ids and counts ------------------------------------------------------------------------------

TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def bluesky_tid(when: datetime, clock_id: int) -> str:
    """A record key in the TID format: microseconds since the epoch and a clock id, base32-sortable."""
    value = (int(when.timestamp() * 1_000_000) << 10) | (clock_id & 0x3FF)
    chars = []
    for _ in range(13):
        chars.append(TID_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def assign_ids(posts: list[PlannedPost], rng: random.Random) -> None:
    for seq, post in enumerate(posts):
        ms = int(post.created_at.timestamp() * 1000)
        if post.platform == "bluesky":
            post.platform_id = (
                f"at://{post.author.account_id}/app.bsky.feed.post/{bluesky_tid(post.created_at, seq)}"
            )
        elif post.platform == "mastodon":
            post.platform_id = str((ms << 16) + (seq & 0xFFFF))
        elif post.platform == "twitter":
            post.platform_id = str(
                ((ms - TWITTER_EPOCH_MS) << 22) | (rng.randrange(32) << 12) | (seq & 0xFFF)
            )
        else:
            post.platform_id = "t3_" + _base36(ms // 1000 * 7 + seq)


def _base36(value: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while value:
        value, rest = divmod(value, 36)
        out = digits[rest] + out
    return out or "0"


def assign_metrics(posts: list[PlannedPost], rng: random.Random) -> None:
    replies: dict[str, int] = {}
    for post in posts:
        if post.reply_to is not None:
            replies[post.reply_to.key] = replies.get(post.reply_to.key, 0) + 1
    for post in posts:
        reach = 40 if post.author.is_brand else (8 if post.section.day == STORM_DAY else 4)
        post.metrics = {
            "likes": rng.randint(0, reach * 3),
            "reposts": rng.randint(0, reach),
            "replies": replies.get(post.key, 0),
            "quotes": rng.randint(0, reach // 4),
        }
