"""The measurements ``python -m benchmarks.run`` makes, one function per suite, one module per topic.

Each suite returns ``{"rows": [...], "detail": {...}}``. A row is one figure of the
summary table: ``figure``, ``value``, ``unit``, optionally ``peer`` and ``peer_value``
(the same thing measured side by side in the same run; the ratio is computed when
the table is rendered), ``note`` and ``command`` (what reproduces it). ``detail``
keeps everything else the suite measured, for the detail tables.

Suites run in a child process (``run.py``): some pin themselves to one core.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from benchmarks.suites.ingest import growth, ingest, ingest_postgres
from benchmarks.suites.ingest_time import inbox_sync, profile, startup
from benchmarks.suites.insights import insights
from benchmarks.suites.pii import pii
from benchmarks.suites.query import query
from benchmarks.suites.scaling import scaling, spark
from benchmarks.suites.understanding import accurate, understand

SUITES: dict[str, Callable[[bool], dict[str, Any]]] = {
    "understand": understand,
    "accurate": accurate,
    "pii": pii,
    "query": query,
    "ingest": ingest,
    "ingest-postgres": ingest_postgres,
    "profile": profile,
    "inbox-sync": inbox_sync,
    "startup": startup,
    "insights": insights,
    "scaling": scaling,
    "spark": spark,
    "growth": growth,
}
