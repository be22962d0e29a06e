"""tactful: social listening people can trust.

Don't just listen, understand; context decides; engage only with good
intentions; prove it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from tactful.records import Analysis


def analyze(texts_or_dicts: list[Any], **options: Any) -> list[Analysis]:
    """Analyse texts (or dicts with a ``text`` key); see ``tactful.understand.api``."""
    from tactful.understand.api import analyze as _analyze

    return _analyze(texts_or_dicts, **options)


__all__ = ["__version__", "analyze"]
