"""Every (method, path) the app serves, whatever FastAPI version built it.

FastAPI >= 0.16x keeps included routers as lazy ``_IncludedRouter`` entries in
``app.routes``; older versions copy each route in. Both are walked here, so the
access test and ``authorize`` see the same paths a request is matched against.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from starlette.routing import Mount


def served_routes(routes: Iterable[Any]) -> Iterator[tuple[str, str]]:
    for route in routes:
        if isinstance(route, Mount):
            continue  # static files: public, and no handler of ours
        candidates = getattr(route, "effective_candidates", None)
        if candidates is not None:
            yield from served_routes(candidates())
            continue
        for method in sorted(getattr(route, "methods", None) or ()):
            if method != "HEAD":
                yield method, route.path
