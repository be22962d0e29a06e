"""Training scripts that rebuild every fast-tier artefact from ../shared/data (``python -m training.build``)."""
