"""The generated references in docs/ must match the code (regenerate: python -m tactful.reference)."""

import pytest

from tactful.reference import REFERENCES
from tests.conftest import ROOT


@pytest.mark.parametrize("rel", sorted(REFERENCES))
def test_generated_reference_is_up_to_date(rel):
    committed = (ROOT / rel).read_text(encoding="utf-8")
    assert committed == REFERENCES[rel](), f"{rel} is stale: run `python -m tactful.reference`"


def test_every_config_setting_is_documented():
    from tactful.config import Config
    from tactful.reference import _model_of

    for name, field in Config.model_fields.items():
        model = _model_of(field.annotation)
        fields = model.model_fields.values() if model else [field]
        for f in fields:
            assert f.description, f"setting under {name!r} has no description"
