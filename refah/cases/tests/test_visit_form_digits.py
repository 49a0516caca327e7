"""The visit form reads the value of a vehicle seen in the digits 0-9 only ("٣٥٠٠٠٠" is not 350,000 TL)."""

from refah.cases.forms import VisitForm


def test_vehicle_value_in_other_digits_is_refused():
    form = VisitForm(data={"vehicle_value": "٣٥٠٠٠٠"}, members=[])

    form.is_valid()

    assert form.errors["vehicle_value"].as_data()[0].code == "ascii_digits"


def test_vehicle_value_in_ascii_digits_is_read():
    form = VisitForm(data={"vehicle_value": "350000"}, members=[])

    form.is_valid()

    assert "vehicle_value" not in form.errors and form.cleaned_data["vehicle_value"] == 350_000
