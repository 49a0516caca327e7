"""Screenshot of the household page for the README: a throwaway database, one demo household, Chromium.

    .venv/bin/python scripts/screenshot.py                  # writes docs/screenshot.png (1280×800)
    .venv/bin/python scripts/screenshot.py --phone out.png  # also a 390 px phone view (full page)
    .venv/bin/python scripts/screenshot.py /tmp/a.png --full --page /registry/  # more views to review
    .venv/bin/python scripts/screenshot.py --serve          # keep the server on :8765 to look around

Data are made through the registry services, as a caseworker would, so the audit trail is real.
"""

import argparse
import datetime as dt
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
USERNAME, PASSWORD = "ayse.kaya", "Refah-demo-2026"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SETTINGS = """
from config.settings.dev import *  # noqa: F403
from config.settings.dev import BASE_DIR

_dirs = [str(d) for d in globals().get("STATICFILES_DIRS", [])]
if str(BASE_DIR / "refah" / "static") not in _dirs:
    STATICFILES_DIRS = [*_dirs, str(BASE_DIR / "refah" / "static")]
"""


def _person(first, last, born, sex, marital, employment, tc9, **extra):
    from refah.registry.identity import make_identity_number

    data = {
        "id_kind": "tc",
        "national_id": make_identity_number(tc9),
        "first_name": first,
        "last_name": last,
        "birth_date": born,
        "sex": sex,
        "marital_status": marital,
        "employment_status": employment,
    }
    data.update(extra)
    return data


def seed() -> str:
    """Office, caseworker and the Işık household; returns the household id."""
    from refah.accounts.enums import OfficeKind, Role
    from refah.accounts.services import office_create, staff_create
    from refah.geo.models import District
    from refah.registry import services
    from refah.registry.services import MemberInput

    merkez = District.objects.get(pcode="TUR076002")
    office = office_create(actor=None, name="Iğdır Merkez SYDV", kind=OfficeKind.SYDV, district=merkez)
    user = staff_create(
        actor=None,
        username=USERNAME,
        password=PASSWORD,
        office=office,
        roles=[Role.CASEWORKER],
        first_name="Ayşe",
        last_name="Kaya",
        title="Sosyal Yardım ve İnceleme Görevlisi",
    ).user
    members = [
        MemberInput(
            "reference",
            person_data=_person(
                "Şükrü",
                "Işık",
                dt.date(1979, 4, 12),
                "M",
                "married",
                "employed_informal",
                "284736150",
                education_level="primary",
                social_security="none",
            ),
        ),  # noqa: E501
        MemberInput(
            "spouse",
            person_data=_person("Gülşen", "Işık", dt.date(1983, 9, 2), "F", "married", "homemaker", "284736231"),
        ),  # noqa: E501
        MemberInput(
            "child",
            person_data=_person(
                "Çağrı",
                "Işık",
                dt.date(2011, 1, 20),
                "M",
                "single",
                "student",
                "284736312",
                school_level="lower_secondary",
            ),
        ),  # noqa: E501
        MemberInput(
            "child",
            person_data=_person(
                "Elif", "Işık", dt.date(2016, 6, 5), "F", "single", "child", "284736493", school_level="primary"
            ),
        ),  # noqa: E501
        MemberInput(
            "parent",
            person_data=_person(
                "Fadime",
                "Işık",
                dt.date(1947, 3, 15),
                "F",
                "widowed",
                "unable",
                "284736574",
                disability_percent=72,
                dependency="full",
                chronic_illness=True,
            ),
        ),  # noqa: E501
    ]
    joined = dt.date(2021, 3, 1)
    for m in members:
        m.joined_on = joined
    household = services.household_register(
        actor=user,
        district=merkez,
        neighbourhood="Bağlar Mahallesi",
        members=members,
        address_line="Atatürk Cad. No: 47 D: 3",
        phone="0476 227 14 52",
        dwelling_type="apartment",
        tenure="tenant",
        monthly_rent_kurus=550_000,
        heating="stove_coal",
        rooms=3,
    )
    people = {m.person.first_name: m.person for m in household.memberships.select_related("person")}
    services.income_record(
        actor=user, person=people["Şükrü"], kind="informal", amount_kurus=950_000, period="monthly",
        start_date=dt.date(2025, 3, 1), source="declared", note="Mevsimlik inşaat işçiliği",
    )  # fmt: skip
    services.income_record(
        actor=user, person=people["Fadime"], kind="other_aid", amount_kurus=539_000, period="monthly",
        start_date=dt.date(2025, 7, 1), source="sgk",
    )  # fmt: skip
    services.asset_record(
        actor=user, household=household, kind="vehicle", value_kurus=18_500_000, description="2009 Fiat Doblo",
        owner=people["Şükrü"], source="egm",
    )  # fmt: skip
    for month, days in [(dt.date(2026, 9, 1), 1), (dt.date(2026, 10, 1), 6)]:
        services.attendance_record(actor=user, person=people["Çağrı"], month=month, absence_days=days)
    services.household_update(actor=user, household=household, data={"monthly_rent_kurus": 650_000, "rooms": 3})
    return str(household.pk)


def _wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"server did not start on port {port}")


def shoot(household_id: str, out: Path, phone: Path | None, lang: str, extra: list[str], full: bool) -> None:
    from playwright.sync_api import sync_playwright

    base = f"http://127.0.0.1:{PORT}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="tr-TR")
        page = context.new_page()
        page.goto(f"{base}/accounts/login/")
        if lang != "tr":
            page.get_by_role("button", name="English").click()
        page.locator("input[name=username]").fill(USERNAME)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("form:has(input[name=password]) button[type=submit]").click()
        page.wait_for_url("**/registry/**")
        page.goto(f"{base}/registry/households/{household_id}/")
        page.screenshot(path=str(out))
        if full:
            page.screenshot(path=str(out.with_name(out.stem + "-full.png")), full_page=True)
        if phone:
            page.set_viewport_size({"width": 390, "height": 844})
            page.reload()
            page.screenshot(path=str(phone), full_page=True)
            height = page.evaluate("document.documentElement.scrollHeight")
            for i, top in enumerate(range(0, min(height, 844 * 4), 844), start=1):
                clip = {"x": 0, "y": top, "width": 390, "height": min(844, height - top)}
                page.screenshot(path=str(phone.with_name(f"{phone.stem}-{i}.png")), full_page=True, clip=clip)
        for path in extra:
            name = path.strip("/").replace("/", "_").replace("?", "_")[:40] or "root"
            for suffix, width in (("", 1280), ("-phone", 390)):
                page.set_viewport_size({"width": width, "height": 800})
                page.goto(f"{base}{path}")
                page.screenshot(path=str(out.with_name(f"page-{name}{suffix}.png")), full_page=True)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--phone", type=Path, help="also write a 390 px wide full-page screenshot here")
    parser.add_argument("--full", action="store_true", help="also write the whole page as <out>-full.png")
    parser.add_argument("--lang", default="tr", choices=["tr", "en"])
    parser.add_argument("--page", action="append", default=[], help="also capture this path ({id}: the household)")
    parser.add_argument("--serve", action="store_true", help="keep the server running until Ctrl-C")
    args = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="refah-shot-")
    # The dev settings plus the project's static folder, in case the settings do not list it yet.
    Path(var_dir, "refah_shot_settings.py").write_text(SETTINGS, encoding="utf-8")
    os.environ.update(
        REFAH_VAR_DIR=var_dir,
        DJANGO_SETTINGS_MODULE="refah_shot_settings",
        REFAH_DEBUG="1",
        PYTHONPATH=os.pathsep.join([var_dir, str(ROOT)]),
    )
    os.environ.pop("DATABASE_URL", None)
    sys.path[:0] = [var_dir, str(ROOT)]
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    household_id = seed()
    server = subprocess.Popen(  # noqa: S603
        [str(ROOT / ".venv" / "bin" / "refah"), "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(PORT)
        shoot(
            household_id,
            Path(args.out),
            args.phone,
            args.lang,
            [p.replace("{id}", household_id) for p in args.page],
            args.full,
        )
        print(f"wrote {args.out}")
        if args.serve:
            print(f"serving http://127.0.0.1:{PORT}/registry/households/{household_id}/ as {USERNAME} / {PASSWORD}")
            server.wait()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
