"""Built-in analyzers, one module each, all registered in ``analyzers``.

Importing this package registers them; ``ORDER`` is the order they run in.
"""

from tactful.understand.analyzers import (  # noqa: F401  (imported to register them)
    addressed,
    aspects,
    complaint,
    emotion,
    hate,
    intent,
    irony,
    lang,
    needs_response,
    offensive,
    sentiment,
)
from tactful.understand.analyzers.base import ORDER, Analyzer, Settings, analyzers

__all__ = ["ORDER", "Analyzer", "Settings", "analyzers"]
