"""Sealing contacts: round trip, no clear text, rotation, wrong key."""

from __future__ import annotations

import pytest
from tests.privacy.keys import OLD_SECRET

from tactful.errors import UsageError
from tactful.privacy.pseudonyms import Keyring
from tactful.privacy.vault import open_contact, reseal_contact, seal_contact


@pytest.mark.parametrize("handle", ["jane_doe", "jane.bsky.social", "priya@mastodon.social", "𝓙𝓪𝓷𝓮👩‍👩‍👧"])
def test_seal_then_open_round_trips_and_hides_the_handle(keyring: Keyring, handle: str):
    token = seal_contact(handle, keyring)
    assert handle not in token and handle.lower() not in token.lower()
    assert open_contact(token, keyring) == handle


def test_sealing_twice_gives_different_tokens(keyring: Keyring):
    assert seal_contact("jane", keyring) != seal_contact("jane", keyring)


def test_tokens_sealed_before_a_rotation_still_open_and_can_be_resealed(rotated_keyring: Keyring):
    old_ring = Keyring((OLD_SECRET.encode(),))
    token = seal_contact("jane", old_ring)
    assert open_contact(token, rotated_keyring) == "jane"
    resealed = reseal_contact(token, rotated_keyring)
    current_only = Keyring(rotated_keyring.secrets[:1])
    assert open_contact(resealed, current_only) == "jane"


@pytest.mark.parametrize("token", ["not-a-token", ""])
def test_garbage_or_foreign_tokens_raise_a_usage_error_without_content(keyring: Keyring, token: str):
    with pytest.raises(UsageError) as exc:
        open_contact(token, keyring)
    assert token == "" or token not in exc.value.message


def test_a_token_from_another_installation_does_not_open(keyring: Keyring):
    token = seal_contact("jane", Keyring((OLD_SECRET.encode(),)))
    with pytest.raises(UsageError):
        open_contact(token, keyring)


def test_a_contact_card_round_trips_and_a_bare_handle_token_still_opens(keyring: Keyring):
    from tactful.privacy.vault import ContactCard, open_card, seal_card

    card = ContactCard(
        "jane.bsky.social", "Jane Doe", "at://did:plc:x/app.bsky.feed.post/1", "bafy", None, None
    )
    token = seal_card(card, keyring)
    assert "jane" not in token.lower()
    assert open_card(token, keyring) == card
    assert open_contact(token, keyring) == "jane.bsky.social"
    assert open_card(seal_contact("jane", keyring), keyring) == ContactCard("jane")  # sealed before cards
