"""An application waits for the institutions' checks before the committee: held while SGK is down, released when it
answers; the case page shows each check; the timer asks about applications nobody asked about."""

import pytest
from django.urls import reverse

from refah.cases import services, verification
from refah.cases.enums import Status
from refah.cases.tasks import applications_verify
from refah.common.errors import ConflictError
from refah.exchange.models import SourceCheck
from refah.exchange.tests.conftest import household as exchange_household  # noqa: F401 (fixture)
from refah.exchange.tests.conftest import simulators  # noqa: F401 (fixture)

from .conftest import adults


@pytest.fixture
def investigated_case(exchange_household, caseworker, inspector, settings):  # noqa: F811
    settings.REFAH_VERIFY_SOURCES = ("sgk", "tapu")
    application = services.application_submit(
        actor=caseworker,
        household=exchange_household,
        programs=["family_support"],
        consents=adults(exchange_household),
    )
    visit = services.visit_assign(actor=caseworker, application=application)
    services.visit_record(actor=inspector, visit=visit, living_conditions="poor", observations="Cold flat.")
    return application


def test_held_while_sgk_is_down_and_released_when_it_answers(simulators, investigated_case, caseworker):  # noqa: F811
    application = investigated_case
    assert [row.status for row in verification.checks(application.household_id)] == ["not_asked", "not_asked"]
    with pytest.raises(ConflictError) as exc:
        services.case_send_to_committee(actor=caseworker, application=application)
    assert "SGK" in str(exc.value.message)

    simulators.set("sgk", down=True)
    rows = verification.application_verify(actor=caseworker, application=application)
    assert {row.source: row.status for row in rows} == {"sgk": "waiting", "tapu": "ok"}
    waiting = SourceCheck.objects.get(household=application.household, source="sgk")
    assert waiting.next_retry_at is not None and waiting.last_error
    with pytest.raises(ConflictError):
        services.case_send_to_committee(actor=caseworker, application=application)
    application.refresh_from_db()
    assert application.status == Status.UNDER_INVESTIGATION  # nothing decided on missing data

    simulators.set("sgk", down=False)
    rows = verification.application_verify(actor=caseworker, application=application)
    assert all(row.done for row in rows)
    services.case_send_to_committee(actor=caseworker, application=application)
    application.refresh_from_db()
    assert application.status == Status.AWAITING_COMMITTEE


def test_the_case_page_shows_each_check_and_asks_again(simulators, investigated_case, caseworker, client):  # noqa: F811
    application = investigated_case
    simulators.set("sgk", down=True)
    client.force_login(caseworker)
    page = client.get(reverse("cases:case_detail", args=[application.pk])).content.decode()
    assert "Kurum sorguları" in page and "henüz sorulmadı" in page
    assert "Kurumların yanıtı bekleniyor" in page  # no "send to the committee" button
    response = client.post(reverse("cases:case_action", args=[application.pk, "verify"]))
    assert response.status_code == 302
    page = client.get(reverse("cases:case_detail", args=[application.pk])).content.decode()
    assert "bekleniyor, kendiliğinden yeniden sorulacak" in page and "yanıt geldi" in page


def test_the_timer_asks_about_open_applications_nobody_asked_about(simulators, investigated_case, caseworker):  # noqa: F811
    assert verification.households_to_verify(limit=10) == [investigated_case.household]
    assert applications_verify(actor=caseworker) == 1
    assert verification.waiting_for(investigated_case.household_id) == []
    assert verification.households_to_verify(limit=10) == []  # answered: not asked again
