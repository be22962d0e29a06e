"""The decide stage's view of conversations so far, read from the store's inbox.

``StoreThreads(url)`` is what the local engine binds into ``decide_posts``: called
with a batch, it returns the ``ThreadContext`` of each post's thread (earlier
customer posts, waiting since), so priority grows with repeat contact and
waiting time. It holds only the URL, so it pickles; the engine is opened on the
first batch. A database without the inbox yet (or none at all) gives no context.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
import structlog
from sqlalchemy.engine import make_url

from tactful.engage.facts import ThreadContext
from tactful.records import StoredPost

log = structlog.get_logger(__name__)


class StoreThreads:
    def __init__(self, url: str, *, engine: sa.Engine | None = None) -> None:
        self.url = url
        self._engine = engine

    @classmethod
    def for_store(cls, store: Any) -> StoreThreads:
        """Reads through the store's own engine (in-process); a pickled copy reconnects by URL."""
        return cls(store.engine.url.render_as_string(hide_password=False), engine=store.engine)

    def __call__(self, batch: list[StoredPost]) -> dict[str, ThreadContext]:
        engine = self._open()
        if engine is None or not batch:
            return {}
        from tactful.engage.inbox import Inbox

        try:
            return Inbox(engine).thread_contexts(batch)
        except sa.exc.SQLAlchemyError as exc:  # not migrated yet, or unreachable: decide without context
            log.warning("decide.no_thread_context", error=type(exc).__name__)
            return {}

    def _open(self) -> sa.Engine | None:
        if self._engine is None:
            if _missing_sqlite_file(self.url):
                return None
            from tactful.store.engine import create_store_engine

            self._engine = create_store_engine(self.url)
        return self._engine

    def __getstate__(self) -> dict[str, Any]:
        return {"url": self.url}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.url = state["url"]
        self._engine = None


def _missing_sqlite_file(url: str) -> bool:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return parsed.get_backend_name() == "sqlite"  # an in-memory database has no threads to read
    return not Path(parsed.database).expanduser().exists()  # type: ignore[arg-type]
