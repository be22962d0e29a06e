"""PII recognizers: one module per type, all in the one ``recognizers`` registry.

Third-party recognizers register through the ``tactful.recognizers`` entry-point group.
"""

from tactful.privacy.recognizers import (  # noqa: F401  (importing registers the built-ins)
    account_url,
    booking_reference,
    credit_card,
    email,
    handle,
    iban,
    ip_address,
    person,
    phone,
    street_address,
    url,
    us_ssn,
)
from tactful.privacy.recognizers.base import DetectionContext, PiiSpan, Recognizer, recognizers

__all__ = ["DetectionContext", "PiiSpan", "Recognizer", "recognizers"]
