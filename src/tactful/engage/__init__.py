"""Engagement: the consent-aware policy engine and the triage inbox."""
