"""Fixed test secrets for the privacy tests (never read from the environment)."""

TEST_SECRET = "test-secret-0123456789abcdef0123456789abcdef"
OLD_SECRET = "old-secret-fedcba9876543210fedcba9876543210"
