"""Many ŞÖNİM workers placing women in one shelter at once (PostgreSQL): the shelter's row lock holds its capacity."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from refah.common.errors import ConflictError
from refah.shelters import services
from refah.shelters.models import ShelterStay

CASES = 10  # each asks for 2 places (a woman and a child) in a shelter of 3 places free of 5


@pytest.mark.django_db(transaction=True)
def test_parallel_placements_never_exceed_the_capacity(sealed):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    shelter = sealed.shelter
    shelter.capacity = 5
    shelter.save(update_fields=["capacity"])
    first = services.case_open(actor=sealed.worker, unit=sealed.sonim, source="walk_in", reason="x", person_label="A")
    services.stay_start(actor=sealed.worker, case=first, shelter=shelter, children=1)  # 2 of 5 taken
    cases = [
        services.case_open(actor=sealed.worker, unit=sealed.sonim, source="walk_in", reason="x", person_label=f"K{i}")
        for i in range(CASES)
    ]
    start = threading.Barrier(CASES)

    def place(case) -> bool:
        start.wait()
        try:
            services.stay_start(actor=sealed.worker, case=case, shelter=shelter, children=1)
            return True
        except ConflictError:
            return False
        finally:
            connections.close_all()

    with ThreadPoolExecutor(CASES) as pool:
        placed = sum(pool.map(place, cases))
    assert placed == 1  # 3 places free: one woman with her child fits, the second pair does not
    assert services.places_taken(shelter.pk) == 4 <= shelter.capacity
    assert ShelterStay.objects.filter(ended_on__isnull=True).count() == 2
