"""The decision body is a JSON object: with every field optional, `[]` would otherwise decide with the defaults."""

import pytest
from pydantic import ValidationError

from refah.committees.schemas import DecideIn


@pytest.mark.parametrize("body", [[], [{"justification": "x"}], "decide", 1, None])
def test_decision_body_must_be_an_object(body):
    with pytest.raises(ValidationError) as exc:
        DecideIn.model_validate(body)
    assert exc.value.errors()[0]["type"] == "object_type"


def test_an_empty_object_takes_the_defaults():
    assert DecideIn.model_validate({}).justification == ""
