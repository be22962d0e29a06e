"""Training scripts that rebuild every fast-tier artefact from ../shared/data.

Run ``python -m training.build`` from the repository root.
"""
