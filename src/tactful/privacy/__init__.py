"""Privacy: PII detection and redaction, pseudonyms, opt-out, retention, subject requests, audit."""
