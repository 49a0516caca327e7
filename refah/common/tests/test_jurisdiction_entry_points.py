"""Every entry point refuses another district's objects (issue 11).

The routes come from `config.urls` (screens, exports, PDFs, the portal) and from the ninja API's OpenAPI
schema (operation ids). Each one must have an entry in SCREENS or API (jurisdiction_routes.py) saying how it
is checked (jurisdiction_cases.py: Named, Listed, Unscoped); a route without one fails
test_every_screen_route_has_a_case / test_every_api_operation_has_a_case.

District A is Iğdır Merkez, district B Tuzluca (jurisdiction_world.py builds both once per module, through
the services). Outside the jurisdiction an object is "not found" (404), screens and API alike: the house rule
of docs/architecture.md that every selector follows.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from refah.audit.models import AuditEvent
from refah.common.tests.jurisdiction_cases import (
    Listed,
    Named,
    api_operations,
    body_text,
    holds,
    leaked,
    markers_for,
    request,
    screen_routes,
)
from refah.common.tests.jurisdiction_routes import API, SCREENS
from refah.common.tests.jurisdiction_world import build_world
from refah.registry.models import Household, Membership
from refah.registry.models_import import ImportBatch


def _cases(table: dict, kind) -> list:
    out = []
    for key, entry in table.items():
        entries = entry if isinstance(entry, tuple) else (entry,)
        out += [pytest.param(c, id=f"{key}[{i}]") for i, c in enumerate(entries) if isinstance(c, kind)]
    return out


# ---------------------------------------------------------------- the world, once per module


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Both districts, built once; everything is rolled back at the end of the module (each test in between
    runs in its own savepoint, so a request that writes leaves nothing for the next test)."""
    media = tmp_path_factory.mktemp("media")
    backend = "refah.notifications.backends.LocmemBackend"
    settings = override_settings(MEDIA_ROOT=media, REFAH_NOTIFICATION_BACKEND=backend)
    with django_db_blocker.unblock(), settings, transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def w(world, db):
    return world


# ---------------------------------------------------------------- every route has a case


def test_every_screen_route_has_a_case():
    routes = screen_routes()
    missing = ", ".join(f"{key} ({routes[key]})" for key in sorted(set(routes) - set(SCREENS)))
    assert not missing, (
        f"URL patterns without a jurisdiction case: {missing}. Add each to SCREENS in "
        "refah/common/tests/jurisdiction_routes.py: Named(...) if it names an object of a district (build the "
        "object in jurisdiction_world.py), Listed(...) for a list, search or export, Unscoped(reason) if it "
        "names none."
    )
    stale = sorted(set(SCREENS) - set(routes))
    assert not stale, f"SCREENS names routes that no longer exist: {', '.join(stale)}; remove them."


def test_every_api_operation_has_a_case():
    operations = api_operations()
    missing = ", ".join(f"{key} ({' '.join(operations[key])})" for key in sorted(set(operations) - set(API)))
    assert not missing, (
        f"API operations without a jurisdiction case: {missing}. Add each, by its OpenAPI operationId, to API in "
        "refah/common/tests/jurisdiction_routes.py: Named(..., via='api') if it names an object of a district, "
        "Listed(...) for a list, search or export, Unscoped(reason) if it names none."
    )
    stale = sorted(set(API) - set(operations))
    assert not stale, f"API names operations that no longer exist: {', '.join(stale)}; remove them."


# ---------------------------------------------------------------- the checks


@pytest.mark.parametrize("case", _cases(SCREENS, Named) + _cases(API, Named))
def test_another_districts_object_is_not_found(w, case):
    audited = AuditEvent.objects.count()
    other = request(case, w, w.b)
    text = body_text(other)

    assert other.status_code == case.refused, f"{case.names}: district B got {other.status_code}: {text[:300]}"
    markers = markers_for(case, w)
    assert not leaked(text, markers), f"{case.names}: district B's answer shows {leaked(text, markers)}"
    assert AuditEvent.objects.count() == audited, f"{case.names}: district B's refused request wrote something"

    own = request(case, w, w.a)
    assert own.status_code not in (case.refused, 401) and own.status_code < 500 and not _to_sign_in(own), (
        f"{case.names}: district A's own request got {own.status_code}, so the case proves nothing: "
        f"{body_text(own)[:300]}"
    )


def _to_sign_in(response) -> bool:
    """A redirect to the staff or the citizen sign-in page: the request never reached the object."""
    location = response.get("Location", "") if response.status_code == 302 else ""
    return location.startswith((reverse("accounts:login"), reverse("portal:sign_in")))


@pytest.mark.parametrize("case", _cases(SCREENS, Listed) + _cases(API, Listed))
def test_lists_searches_and_exports_hold_nothing_of_another_district(w, case):
    markers = markers_for(case, w)
    other = request(case, w, w.b)
    text = body_text(other)

    assert other.status_code < 400, f"{case.what}: district B got {other.status_code}: {text[:300]}"
    assert not leaked(text, markers), f"{case.what}: district B's answer shows {leaked(text, markers)}"
    if case.b_shows:
        assert holds(text, case.b_shows(w, w.b)), f"{case.what}: district B's answer lacks its own data"
    if case.shows:
        own = body_text(request(case, w, w.a))
        assert holds(own, markers[case.shows]), f"{case.what}: district A's own answer lacks its {case.shows}"


def test_admin_is_closed_to_staff(w):
    """Staff with every role are not is_staff: the admin sends them to its sign-in page."""
    response = w.b.staff_client().get(reverse("admin:index"))

    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


# ---------------------------------------------------------------- imports


def _import_csv(world) -> bytes:
    """A Tuzluca household (B's own district) whose reference person is A's citizen, by TC Kimlik No."""
    header = (
        "household_ref,province,district,neighbourhood,address,dwelling_type,tenure,monthly_rent,heating,rooms,role,"
        "national_id,first_name,last_name,birth_date,sex,marital_status,education_level,employment_status,"
        "disability_percent,dependency,monthly_income,income_kind\n"
    )
    row = (
        f"T-001,Iğdır,Tuzluca,Merkez,,apartment,owner,,stove_coal,2,reference,{world.a.citizen.national_id},"
        "Zerrin,Karabulutoğlu,1980-01-01,M,married,primary,unemployed,0,none,,\n"
    )
    return (header + row).encode()


@pytest.mark.parametrize("check_only", [False, True], ids=["import", "check-only"])
def test_import_refuses_a_person_of_another_district_without_naming_their_household(w, check_only):
    client = w.b.staff_client()
    households = Household.objects.count()

    response = client.post(
        reverse("registry:import_upload"),
        {"file": SimpleUploadedFile("hane.csv", _import_csv(w)), **({"check_only": "on"} if check_only else {})},
        follow=True,
    )

    text = body_text(response)
    assert Household.objects.count() == households
    assert not Membership.objects.filter(person=w.a.citizen, household__district=w.b.district).exists()
    assert not leaked(text, w.a.markers), f"the import report shows {leaked(text, w.a.markers)}"
    batch = ImportBatch.objects.filter(uploaded_by=w.b.user).first()
    if batch is not None:
        report = body_text(client.get(reverse("registry:import_report_csv", args=[batch.pk])))
        assert not leaked(report, w.a.markers), f"the report CSV shows {leaked(report, w.a.markers)}"


def test_import_command_refuses_a_person_of_another_district_without_naming_their_household(w, tmp_path):
    """`refah import_households FILE --user B` is the same import from a terminal."""
    path = tmp_path / "hane.csv"
    path.write_bytes(_import_csv(w))
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_households", str(path), "--user", w.b.user.username, stdout=out)

    assert not Membership.objects.filter(person=w.a.citizen, household__district=w.b.district).exists()
    assert not leaked(out.getvalue(), w.a.markers), f"the command's report shows {leaked(out.getvalue(), w.a.markers)}"


def test_no_api_operation_imports_households():
    """The import has a screen only; an API import would need its own case above."""
    assert not [op for op in api_operations() if "import" in op]
