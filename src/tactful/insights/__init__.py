"""Insights: aggregates, trends, topics, spikes and reports."""
