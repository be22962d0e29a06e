"""Spike alerts from the store: found, explained, stored once, logged and delivered signed to a webhook."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import structlog
from tests.insights.conftest import at, build_post, write

from tactful.insights import alerts, delivery
from tactful.insights.filters import Filters
from tactful.insights.spikes import SpikeSettings

SETTINGS = SpikeSettings(baseline=12, sensitivity=3.0, cooldown=6, min_volume=10)


def _storm_store(store) -> None:
    """20 quiet hours of 3 neutral posts, then an hour of 30 angry posts about lost baggage."""
    posts, pid = [], 0
    for hour in range(20):
        for _ in range(3):
            pid += 1
            posts.append(
                build_post(pid, hours=hour + 0.1, sentiment="neutral", text=f"flight {pid} was fine")
            )
    for i in range(30):
        pid += 1
        posts.append(
            build_post(
                pid,
                hours=20.5,
                sentiment="negative",
                aspects=(("baggage", "negative"),),
                text=f"lost baggage again, gate {i} chaos",
            )
        )
    write(store, posts)


@pytest.fixture
def conn(store):
    _storm_store(store)
    with store.engine.connect() as connection:
        yield connection


def test_the_storm_hour_is_a_volume_and_negative_share_spike_explained(conn):
    found = alerts.find_spikes(conn, Filters(at(0), at(24)), SETTINGS)
    assert {(a.spike.kind, a.spike.start) for a in found} == {("volume", at(20)), ("negative_share", at(20))}
    volume = next(a for a in found if a.spike.kind == "volume")
    assert volume.spike.observed == 30 and volume.spike.expected == 3
    assert "lost baggage" in volume.terms
    assert volume.aspects == {"baggage": 30}
    assert len(volume.examples) == 3 and all("baggage" in e.text for e in volume.examples)


def test_hours_without_posts_count_as_zero(conn):
    buckets = alerts.hourly_buckets(conn, Filters(at(0), at(30), ("brand",)))
    assert len(buckets) == 30 and buckets[25].volume == 0 and buckets[20].negative == 30


def test_alerts_are_stored_once_per_dedupe_key(store, conn):
    found = alerts.find_spikes(conn, Filters(at(0), at(24)), SETTINGS)
    assert len(alerts.record_alerts(store.engine, found)) == 2
    assert alerts.record_alerts(store.engine, found) == []  # the second run finds the same spikes
    stored = alerts.stored_alerts(conn)
    assert sorted(row["kind"] for row in stored) == ["negative_share", "volume"]
    assert stored[0]["details"]["aspects"] == {"baggage": 30}


class _Receiver(BaseHTTPRequestHandler):
    received: list[tuple[dict[str, str], bytes]] = []

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[tuple[dict[str, str], bytes]]]]:
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    _Receiver.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/alerts", _Receiver.received
    server.shutdown()
    server.server_close()


def test_new_alerts_are_logged_and_posted_signed_to_a_webhook(store, conn, receiver):
    url, received = receiver
    fresh = alerts.record_alerts(store.engine, alerts.find_spikes(conn, Filters(at(0), at(24)), SETTINGS))
    with structlog.testing.capture_logs() as logs:
        assert delivery.deliver(fresh, webhook_url=url, secret=b"s3cret") == 2
    assert [e["key"] for e in logs if e["event"] == "insights.alert"] == [a.dedupe_key for a in fresh]
    assert len(received) == 2
    headers, body = received[0]
    timestamp = headers["X-Tactful-Timestamp"]
    expected = hmac.new(b"s3cret", f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    assert headers["X-Tactful-Signature"] == f"sha256={expected}"
    payload = json.loads(body)
    assert payload["dedupe_key"] == headers["X-Tactful-Alert"] and payload["group"] == "brand"
    assert "author" not in body.decode()  # no pseudonyms, let alone handles


def test_a_webhook_without_a_secret_or_that_fails_is_an_error(conn, receiver):
    found = alerts.find_spikes(conn, Filters(at(0), at(24)), SETTINGS)
    with pytest.raises(delivery.DeliveryError, match="signing secret"):
        delivery.deliver(found, webhook_url=receiver[0], secret=None)
    with pytest.raises(delivery.DeliveryError, match="unreachable"):
        delivery.deliver(found, webhook_url="http://127.0.0.1:9/", secret=b"s")
