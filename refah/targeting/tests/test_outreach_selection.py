"""Outreach: likely eligible households that have not applied — selection, jurisdiction, suppression, access log,
screens."""

import pytest
from django.test import Client
from django.urls import reverse

from refah.accounts.enums import Role
from refah.audit.models import AccessEvent
from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.targeting.outreach import selectors
from refah.targeting.tests.outreach_world import apply, eligible, household

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(merkez, tuzluca, caseworker):
    """Merkez: six eligible (one applied), one not eligible, one eligible only for another program; Tuzluca: two
    eligible, none applied."""
    merkez_eligible = [household(district=merkez, surname=f"Ad{i}", phone=f"0555000000{i}") for i in range(6)]
    for h in merkez_eligible:
        eligible(h)
    applied = merkez_eligible[0]
    apply(applied, caseworker)
    refused = household(district=merkez)
    eligible(refused, eligible=False)
    other = household(district=merkez)
    eligible(other, program="education_support")
    far = [household(district=tuzluca) for _ in range(2)]
    for h in far:
        eligible(h)
    return {"waiting": merkez_eligible[1:], "applied": applied, "refused": refused, "other": other, "far": far}


def test_the_call_list_holds_the_eligible_who_have_not_applied_in_the_users_district(world, caseworker):
    rows, total = selectors.call_list(user=caseworker, program="family_support")
    assert {r["household"].pk for r in rows} == {h.pk for h in world["waiting"]}
    assert total == 5
    first = next(r for r in rows if r["household"].pk == world["waiting"][0].pk)
    assert first["name"].endswith("Ad1") and first["phone"] == "05550000001" and first["source"] == "rules"
    # any program: the household eligible for education support only is listed too; the refused one never
    any_program = {r["household"].pk for r in selectors.call_list(user=caseworker)[0]}
    assert world["other"].pk in any_program and world["refused"].pk not in any_program
    assert world["applied"].pk not in any_program


def test_each_open_of_the_call_list_is_logged(world, caseworker):
    before = AccessEvent.objects.filter(kind="household_list").count()
    rows, _ = selectors.call_list(user=caseworker, program="family_support")
    event = AccessEvent.objects.filter(kind="household_list").order_by("-at").first()
    assert AccessEvent.objects.filter(kind="household_list").count() == before + 1
    assert event.count == 5 and set(event.subjects["households"]) == {str(r["household"].pk) for r in rows}


def test_another_district_is_not_found_and_its_households_never_listed(world, caseworker, tuzluca):
    with pytest.raises(NotFoundError):
        selectors.call_list(user=caseworker, district_id=tuzluca.pk)
    listed = {r["household"].pk for r in selectors.call_list(user=caseworker)[0]}
    assert not listed & {h.pk for h in world["far"]}


def test_a_role_without_the_permission_is_refused(world, make_staff, office_merkez):
    inspector = make_staff(office_merkez, Role.INSPECTOR)
    with pytest.raises(PermissionDeniedError):
        selectors.call_list(user=inspector)
    with pytest.raises(PermissionDeniedError):
        selectors.counts(user=inspector)


def test_counts_show_take_up_and_hide_small_cells(world, make_staff, office_province, merkez, tuzluca):
    manager = make_staff(office_province, Role.PROGRAM_MANAGER)
    found = selectors.counts(user=manager, program="family_support")
    rows = {r["key"]: r for r in found["rows"]}
    # Merkez: 1 applied (small: hidden), so "not applied" 5 is hidden too (else 6 − 5 gives the 1)
    assert rows[merkez.pk]["applied"] is None and rows[merkez.pk]["not"] is None and rows[merkez.pk]["rate"] is None
    # Tuzluca: 2 likely — small, hidden; Merkez's 6 then hides too, or the province's 8 − 6 would give the 2
    assert rows[tuzluca.pk]["likely"] is None and rows[merkez.pk]["likely"] is None
    shown = [r["likely"] for r in found["rows"] if r["likely"] is not None]
    assert all(v == 0 for v in shown)  # the province's other districts: nobody


def test_counts_show_the_take_up_rate_when_the_cells_are_large(merkez, caseworker):
    homes = [household(district=merkez, surname=f"S{i}") for i in range(10)]
    for h in homes:
        eligible(h)
    for h in homes[:5]:
        apply(h, caseworker)
    found = selectors.counts(user=caseworker, district_id=merkez.pk, program="family_support")
    row = found["rows"][0]
    assert (row["likely"], row["applied"], row["not"], row["rate"]) == (10, 5, 5, 50.0)


def test_the_screens_and_the_export(world, caseworker, make_staff, office_merkez, tuzluca):
    client = Client()
    client.force_login(caseworker)
    assert client.get(reverse("outreach:home")).status_code == 200
    page = client.get(reverse("outreach:call_list"))
    assert page.status_code == 200 and world["waiting"][0].reference_code in page.content.decode()
    export = client.get(reverse("outreach:call_list_csv"))
    text = export.content.decode("utf-8-sig")
    assert export.status_code == 200 and world["waiting"][1].reference_code in text
    assert world["applied"].reference_code not in text
    assert client.get(reverse("outreach:call_list"), {"district": tuzluca.pk}).status_code == 404
    inspector = make_staff(office_merkez, Role.INSPECTOR)
    client.force_login(inspector)
    assert client.get(reverse("outreach:call_list")).status_code == 403
