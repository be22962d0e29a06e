"""The privacy gate: withholding, StoredPost building, and no raw identity getting through."""

from __future__ import annotations

import json
import pickle
import re
from datetime import UTC, datetime

import pytest

from tactful.config import parse_config
from tactful.privacy.gate import PrivacyGate, build_privacy_gate, identity_hashes
from tactful.privacy.pseudonyms import Keyring
from tactful.privacy.vault import open_contact
from tactful.records import Post, QueryMatch, to_dict

CONFIG = parse_config(
    {"brand": {"name": "Acme", "handles": {"twitter": ["@AcmeHelp"], "bluesky": ["acme.com"]}}}
)
WHEN = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def make_post(text: str = "hello @AcmeHelp", **fields) -> Post:
    values = {
        "platform": "twitter",
        "platform_id": "1",
        "text": text,
        "created_at": WHEN,
        "author_handle": "jane_doe",
        "author_id": "12345",
    }
    values.update(fields)
    return Post(**values)


@pytest.fixture
def gate(keyring: Keyring) -> PrivacyGate:
    return build_privacy_gate(CONFIG, keyring=keyring)


def test_builds_a_stored_post_with_pseudonymous_author_and_redacted_text(gate: PrivacyGate, keyring: Keyring):
    post = make_post(
        "@AcmeHelp I'm Jane and my card 4111 1111 1111 1111 was charged twice, cc @bob_b",
        mentions=["acmehelp", "bob_b"],
        hashtags=["refund"],
        lang="en",
        matches=[QueryMatch("acme", "brand")],
        engagement={"likes": 3},
    )
    (stored,), withheld = gate([post])
    assert withheld == []
    assert stored.author_pseudonym == keyring.pseudonym("twitter", "id:12345")
    bob = keyring.handle_placeholder("twitter", "bob_b")
    assert stored.text == f"@AcmeHelp I'm [PERSON] and my card [CREDIT_CARD] was charged twice, cc @{bob}"
    assert stored.mentions == ["acmehelp", bob]
    assert stored.pii_types == {"PERSON": 1, "CREDIT_CARD": 1, "HANDLE": 1}
    assert (stored.hashtags, stored.lang, stored.engagement) == (["refund"], "en", {"likes": 3})
    assert stored.matches == [QueryMatch("acme", "brand")]
    assert stored.analysis is None and stored.decision is None


@pytest.mark.parametrize(
    ("text", "fields", "expected"),
    [
        ("Jane Q. Doe here, still waiting", {"author_name": "Jane Q. Doe"}, "[PERSON] here, still waiting"),
        ("add me on insta: JANE_DOE", {}, "add me on insta: @{jane}"),
        ("my handle is jane_doe2 not jane_doe", {}, "my handle is jane_doe2 not @{jane}"),
        ("Music is life", {"author_name": "music"}, "Music is life"),  # display names match case-exactly
        (
            "AcmeHelp here, DM us",
            {"author_handle": "AcmeHelp", "author_name": "Acme Help"},
            "AcmeHelp here, DM us",
        ),  # the brand's own posts keep its name
    ],
)
def test_the_authors_own_name_and_handle_are_redacted_where_the_text_repeats_them(
    gate: PrivacyGate, keyring: Keyring, text: str, fields: dict, expected: str
):
    (stored,), _ = gate([make_post(text, **fields)])
    assert stored.text == expected.format(jane=keyring.handle_placeholder("twitter", "jane_doe"))


def test_the_sealed_contact_opens_to_the_raw_handle(gate: PrivacyGate, keyring: Keyring):
    (stored,), _ = gate([make_post()])
    assert stored.sealed_contact is not None
    assert open_contact(stored.sealed_contact, keyring) == "jane_doe"


@pytest.mark.parametrize(
    ("reply_to_author", "expected"),
    [("AcmeHelp", True), ("@acmehelp", True), ("acme.com", True), ("someone_else", False), (None, False)],
)
def test_replies_to_brand(gate: PrivacyGate, reply_to_author, expected: bool):
    (stored,), _ = gate([make_post(reply_to_author=reply_to_author)])
    assert stored.replies_to_brand is expected


def test_links_lose_their_personal_tokens(gate: PrivacyGate):
    (stored,), _ = gate(
        [make_post(links=["https://acme.com/help", "https://acme.com/a?token=s3cr3t&page=2"])]
    )
    assert stored.links == ["https://acme.com/help", "https://acme.com/a?page=2"]


@pytest.mark.parametrize(
    ("flags", "honour", "withheld"),
    [
        (["noindex"], True, True),
        (["#nobot"], True, True),
        (["!no-unauthenticated"], True, True),
        (["NoIndex"], True, True),
        (["noindex"], False, False),
        (["bot"], True, False),
        ([], True, False),
    ],
)
def test_accounts_asking_not_to_be_indexed_are_withheld(
    keyring: Keyring, flags, honour: bool, withheld: bool
):
    config = CONFIG.model_copy(
        update={"privacy": CONFIG.privacy.model_copy(update={"honour_noindex": honour})}
    )
    gate = build_privacy_gate(config, keyring=keyring)
    stored, held = gate([make_post(author_flags=flags)])
    assert (len(held), len(stored)) == ((1, 0) if withheld else (0, 1))


@pytest.mark.parametrize("by", ["id", "handle"])
def test_opted_out_authors_are_withheld_by_id_or_handle(keyring: Keyring, by: str):
    identity = "id:12345" if by == "id" else "handle:jane_doe"
    gate = build_privacy_gate(
        CONFIG, keyring=keyring, opted_out=frozenset({keyring.pseudonym("twitter", identity)})
    )
    other = make_post(platform_id="2", author_handle="bob_b", author_id="999")
    stored, withheld = gate([make_post(), other])
    assert [p.platform_id for p in withheld] == ["1"]
    assert [p.platform_id for p in stored] == ["2"]


def test_opt_out_under_a_previous_secret_still_holds_after_rotation(rotated_keyring: Keyring):
    old_only = Keyring(rotated_keyring.secrets[1:])
    opted = frozenset({old_only.pseudonym("twitter", "handle:jane_doe")})
    gate = build_privacy_gate(CONFIG, keyring=rotated_keyring, opted_out=opted)
    assert gate([make_post()]) == ([], [make_post()])


def test_identity_hashes_cover_id_and_handle_under_every_key(rotated_keyring: Keyring):
    assert len(identity_hashes(make_post(), rotated_keyring)) == 4


def test_gate_pickles_for_spark(gate: PrivacyGate):
    clone = pickle.loads(pickle.dumps(gate))
    (a,), _ = gate([make_post("call 415-555-2671")])
    (b,), _ = clone([make_post("call 415-555-2671")])
    assert (a.text, a.author_pseudonym) == (b.text, b.author_pseudonym)


def test_a_post_the_gate_cannot_process_is_withheld_not_stored(gate: PrivacyGate):
    broken = make_post(links=[None])  # type: ignore[list-item]
    stored, withheld = gate([broken, make_post(platform_id="2")])
    assert [p.platform_id for p in withheld] == ["1"]
    assert [p.platform_id for p in stored] == ["2"]


RAW_VALUES = {
    "handle": "jane_doe",
    "mentioned handle": "bob_the_builder",
    "reply-to handle": "carol_c",
    "display name": "Jane Q. Doe",
    "email": "jane.doe@gmail.com",
    "phone": "415-555-2671",
    "phone digits": "4155552671",
    "card": "4111 1111 1111 1111",
    "card digits": "4111111111111111",
    "author id": "8675309",
    "token": "s3cr3tT0k3n",
}


def pii_laden_posts() -> list[Post]:
    base = {
        "author_handle": "jane_doe",
        "author_name": "Jane Q. Doe",
        "author_id": "8675309",
        "reply_to_author": "carol_c",
        "url": "https://x.com/jane_doe/status/1",
        "extra": {"bio": "jane.doe@gmail.com"},
    }
    return [
        make_post(
            "@AcmeHelp @bob_the_builder email jane.doe@gmail.com or call 415-555-2671",
            mentions=["acmehelp", "bob_the_builder"],
            **base,
        ),
        make_post(
            "card 4111 1111 1111 1111 charged, text 4155552671, card digits 4111111111111111",
            platform_id="2",
            links=["https://acme.com/r?token=s3cr3tT0k3n&email=jane.doe%40gmail.com"],
            **base,
        ),
        make_post(
            "@carol_c @jane_doe see https://acme.com/u?token=s3cr3tT0k3n",
            platform_id="3",
            mentions=["carol_c", "jane_doe"],
            links=["https://acme.com/u?token=s3cr3tT0k3n"],
            **base,
        ),
    ]


def test_no_raw_identity_or_pii_survives_into_any_stored_field(gate: PrivacyGate):
    stored, withheld = gate(pii_laden_posts())
    assert len(stored) == 3 and withheld == []
    for post in stored:
        record = to_dict(post)
        sealed = record.pop("sealed_contact")
        dumped = json.dumps(record, ensure_ascii=False).lower()
        for what, raw in RAW_VALUES.items():
            assert raw.lower() not in dumped, f"{what} leaked into a StoredPost"
        assert "jane_doe" not in sealed.lower() and re.fullmatch(r"[A-Za-z0-9_=-]+", sealed)


DID = "did:plc:doljxslnjqgy5itfu225qfph"


def bluesky_reply(**fields) -> Post:
    values = {
        "platform": "bluesky",
        "platform_id": f"at://{DID}/app.bsky.feed.post/3kreply",
        "author_id": DID,
        "author_handle": "jane.bsky.social",
        "author_name": "Jane Doe",
        "reply_to_id": "at://did:plc:parentparentparentparent/app.bsky.feed.post/3kparent",
        "thread_id": "at://did:plc:rootrootrootrootrootroot/app.bsky.feed.post/3kroot",
        "links": [
            "https://mastodon.example/@anayilmaz/1161",
            "https://bsky.app/profile/bob.bsky.social/post/3k",
        ],
        "extra": {"cid": "bafyreply", "root_cid": "bafyroot"},
    }
    values.update(fields)
    return make_post("@acme.com see https://www.reddit.com/user/jane_r/comments/abc/ for proof", **values)


def test_bluesky_ids_are_stored_without_dids_and_the_raw_refs_only_in_the_vault(
    gate: PrivacyGate, keyring: Keyring
):
    from tactful.privacy.platform_ids import stored_id
    from tactful.privacy.vault import ContactCard, open_card

    post = bluesky_reply()
    (stored,), _ = gate([post])
    row = json.dumps(to_dict(stored))
    assert "did:" not in row.replace(json.dumps(stored.sealed_contact), "")
    assert stored.platform_id == f"at://{stored.author_pseudonym}/app.bsky.feed.post/3kreply"
    assert stored.reply_to_id == stored_id(keyring, "bluesky", post.reply_to_id)
    assert stored.thread_id == stored_id(keyring, "bluesky", post.thread_id)
    assert "anayilmaz" not in row and "bob.bsky.social" not in row and "jane_r" not in row
    assert open_card(stored.sealed_contact, keyring) == ContactCard(
        handle="jane.bsky.social",
        display_name="Jane Doe",
        platform_id=post.platform_id,
        cid="bafyreply",
        root_id=post.thread_id,
        root_cid="bafyroot",
    )


def test_a_post_without_a_handle_seals_its_account_id(gate: PrivacyGate, keyring: Keyring):
    from tactful.privacy.vault import open_card

    (stored,), _ = gate([bluesky_reply(author_handle=None, author_name=None)])
    assert open_card(stored.sealed_contact, keyring).handle == DID
