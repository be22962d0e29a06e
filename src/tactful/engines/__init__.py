"""Execution engines for the pure pipeline stages: local (in-process) and Spark."""
