"""The API's OpenAPI schema is committed (tests/web/openapi.json) and diffed here.

After an intended API change, update the snapshot and review the diff:

    TACTFUL_UPDATE_OPENAPI=1 python -m pytest -q tests/web/test_openapi.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

SNAPSHOT = Path(__file__).with_name("openapi.json")


def _schema(app) -> str:  # type: ignore[no-untyped-def]
    return json.dumps(app.openapi(), indent=2, sort_keys=True) + "\n"


def test_the_openapi_schema_matches_the_committed_snapshot(app) -> None:
    current = _schema(app)
    if os.environ.get("TACTFUL_UPDATE_OPENAPI") == "1":
        SNAPSHOT.write_text(current, encoding="utf-8")
    assert SNAPSHOT.exists(), "no snapshot: run with TACTFUL_UPDATE_OPENAPI=1 once"
    assert current == SNAPSHOT.read_text(encoding="utf-8"), (
        "the API changed: review it, then update the snapshot with TACTFUL_UPDATE_OPENAPI=1"
    )


def test_the_schema_is_served_and_lists_only_the_api(anonymous) -> None:
    paths = anonymous.get("/api/openapi.json").json()["paths"]
    assert "/api/inbox" in paths and "/ingest/webhook/{source}" in paths
    assert not [p for p in paths if not p.startswith(("/api/", "/events/", "/ingest/"))]
