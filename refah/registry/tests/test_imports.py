"""Household import from CSV/XLSX: validate everything first, then all or nothing, never twice."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from refah.accounts.enums import Role
from refah.audit.models import AuditEvent
from refah.common.errors import PermissionDeniedError
from refah.registry import imports
from refah.registry.identity import make_identity_number
from refah.registry.models import Household, IncomeSource, Membership, Person
from refah.registry.models_import import ImportBatch
from refah.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
SAMPLE = (SAMPLES / "households_sample.csv").read_bytes()
WITH_ERRORS = (SAMPLES / "households_with_errors.csv").read_bytes()
TR_HEADER = "hane_no;il;İlçe;Mahalle;konut_tipi;mulkiyet;kira;ısınma;yakınlık;TC Kimlik No;ad;soyad;doğum_tarihi;cinsiyet;medeni_hal;çalışma_durumu;aylık_gelir;gelir_türü"  # noqa: E501


def table_counts(exclude=()) -> dict:
    """Rows in every table of every app: "nothing changed" means all of these are equal."""
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.label not in exclude}


def run(user, data: bytes, name: str = "hane.csv", **kwargs) -> ImportBatch:
    return imports.household_import(actor=user, file_name=name, data=data, **kwargs)


def problems(batch) -> set[tuple]:
    return {(i["row"], i["column"], i["en"]) for i in batch.errors}


def en(reason, **params) -> str:
    return reason.text("en", **params)


def test_clean_csv_imports_everything_through_audited_services(caseworker):
    batch = run(caseworker, SAMPLE, name="households_sample.csv")

    assert batch.status == ImportBatch.Status.IMPORTED, batch.report
    assert batch.counts == {
        "rows": 14,
        "households_new": 5,
        "households_existing": 0,
        "persons_new": 14,
        "persons_existing": 0,
        "incomes_new": 6,
    }
    assert Household.objects.count() == 5
    assert Membership.objects.filter(left_on__isnull=True).count() == 14
    assert all(h.external_ref.startswith("imp:") for h in Household.objects.all())
    fatma = Person.objects.get(national_id="54891237694")  # birth date written 14.03.1951
    assert fatma.birth_date == dt.date(1951, 3, 14)
    assert fatma.disability_percent == 40
    # "12500.50" TL is 1,250,050 kuruş, never a float on the way
    assert IncomeSource.objects.get(person=fatma).amount_kurus == 1_250_050
    assert IncomeSource.objects.get(person__national_id="10456783228").source == "import"
    h1 = Household.objects.get(memberships__person__national_id="10456783228")
    assert (h1.tenure, h1.monthly_rent_kurus, h1.neighbourhood.name) == ("tenant", 450_000, "BAĞLAR")
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("household_register") == 5
    assert actions.count("person_create") == 14
    assert actions.count("member_add") == 14
    assert actions.count("income_record") == 6
    assert actions.count("household_import") == 1


def test_file_with_errors_changes_nothing_and_reports_row_column_reason(caseworker):
    before = table_counts(exclude={"registry.ImportBatch"})

    batch = run(caseworker, WITH_ERRORS)

    assert table_counts(exclude={"registry.ImportBatch"}) == before
    assert batch.status == ImportBatch.Status.VALIDATED_WITH_ERRORS
    assert ImportBatch.objects.get() == batch
    found = problems(batch)
    expected = {
        (2, "tc_kimlik_no", en(imports.ERR_ID_CHECKSUM)),
        (3, "dogum_tarihi", en(imports.ERR_BAD_DATE, value="31.02.1984")),
        (3, "kira", en(imports.ERR_INCONSISTENT, other=2, value="5.000,00", first="4.500,00")),
        (4, "yakinlik", en(imports.ERR_NO_REFERENCE, ref="E-002")),
        (5, "ilçe", en(imports.ERR_OUTSIDE_JURISDICTION, district="TUZLUCA / IĞDIR")),
        (6, "ilçe", en(imports.ERR_UNKNOWN_DISTRICT, value="Yokilçe", province="IĞDIR")),
        (6, "dogum_tarihi", en(imports.ERR_FUTURE_DATE)),
        (6, "cinsiyet", en(imports.ERR_BAD_CHOICE, value="X", allowed="F, M")),
        (6, "engel_orani", en(imports.ERR_BAD_NUMBER, value="150", low=0, high=100)),
        (6, "aylik_gelir", en(imports.ERR_AMBIGUOUS_AMOUNT, value="1.500")),
        (6, "tc_kimlik_no", en(imports.ERR_ID_TWICE, other=3)),
        (7, "il", en(imports.ERR_REQUIRED)),
        (7, "ad", en(imports.ERR_REQUIRED)),
        (7, "yakinlik", en(imports.ERR_TWO_REFERENCES, ref="E-005")),
        (8, "yakinlik", en(imports.ERR_TWO_REFERENCES, ref="E-005")),
    }
    assert expected <= found, expected - found


def test_report_has_turkish_and_english_reasons(caseworker):
    batch = run(caseworker, WITH_ERRORS)

    item = next(i for i in batch.report if i["row"] == 2 and i["column"] == "tc_kimlik_no")
    assert item["tr"] == imports.ERR_ID_CHECKSUM.tr == "Kimlik numarası geçersiz (kontrol haneleri tutmuyor)."
    assert item["en"] == "Identity number is not valid (checksum digits do not match)."
    text = imports.import_report_csv(batch=batch)
    assert text.startswith("\ufeff" + ";".join(imports.REPORT_HEADER))
    assert "2;tc_kimlik_no;error;Kimlik numarası geçersiz" in text
    assert "Identity number is not valid" in text


def test_dry_run_writes_nothing_at_all(caseworker):
    before = table_counts()

    batch = run(caseworker, SAMPLE, dry_run=True)

    assert table_counts() == before
    assert batch.status == ImportBatch.Status.IMPORTED
    assert batch.counts["households_new"] == 5
    assert batch._state.adding


def test_xlsx_with_date_cells_and_numbers(caseworker):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(TR_HEADER.split(";"))
    tc = make_identity_number("123456789")
    sheet.append(
        [
            "X1",
            "IĞDIR",
            "MERKEZ",
            "Bağlar",
            "Daire",
            "Kiracı",
            4500,
            "Doğalgaz",
            "Hane reisi",
            int(tc),
            "Ayşe",
            "Kaya",
            dt.datetime(1980, 2, 3),
            "K",
            "Dul",
            "Emekli",
            12500.5,
            "Emekli maaşı",
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)

    batch = run(caseworker, buffer.getvalue(), name="hane.XLSX")

    assert batch.status == ImportBatch.Status.IMPORTED, batch.report
    person = Person.objects.get(national_id=tc)
    assert (person.birth_date, person.sex, person.marital_status) == (dt.date(1980, 2, 3), "F", "widowed")
    assert person.incomes.get().amount_kurus == 1_250_050
    assert Household.objects.get().monthly_rent_kurus == 450_000


def test_semicolon_csv_with_bom_turkish_headers_and_values(caseworker):
    a, b = make_identity_number("312345678"), make_identity_number("412345678")
    lines = [
        TR_HEADER,
        f"T-1;Iğdır;Merkez;Şehitlik;Müstakil;Ev sahibi;;Kömür sobası;Hane reisi;{a};Şükrü;Işık;01.02.1960;Erkek;Evli;"
        "Kayıtlı çalışan;22.104,67;Maaş",
        f"T-1;;;;;;;;Eşi;{b};Gülşen;Işık;1962-03-04;Kadın;Evli;Ev hanımı;;",
    ]
    data = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")

    batch = run(caseworker, data)

    assert batch.status == ImportBatch.Status.IMPORTED, batch.report
    household = Household.objects.get()
    assert (household.dwelling_type, household.tenure, household.heating) == ("detached", "owner", "stove_coal")
    spouse = Person.objects.get(national_id=b)
    assert (spouse.sex, spouse.employment_status) == ("F", "homemaker")
    assert spouse.memberships.get().role == "spouse"
    # "22.104,67" TL → 2,210,467 kuruş
    assert Person.objects.get(national_id=a).incomes.get().amount_kurus == 2_210_467


def test_same_file_twice_creates_no_duplicates(caseworker):
    run(caseworker, SAMPLE)
    before = table_counts(exclude={"registry.ImportBatch"})

    again = run(caseworker, SAMPLE)

    assert again.status == ImportBatch.Status.DUPLICATE_FILE
    assert table_counts(exclude={"registry.ImportBatch"}) == before
    assert "already imported" in again.report[0]["en"]
    assert "zaten aktarıldı" in again.report[0]["tr"]


def test_changed_file_skips_registered_households_and_adds_new_ones(caseworker):
    run(caseworker, SAMPLE)
    extra = "H-006,Iğdır,Merkez,Bağlar,,apartment,owner,,electric,2,reference,77889900110,Ömer,Doğan,1970-01-01,M,single,,unemployed,0,none,,\n"  # noqa: E501

    batch = run(caseworker, SAMPLE + extra.encode())

    assert batch.status == ImportBatch.Status.IMPORTED, batch.errors
    assert batch.counts["households_new"] == 1
    assert batch.counts["households_existing"] == 5
    assert batch.counts["persons_existing"] == 14
    assert Household.objects.count() == 6
    assert Person.objects.count() == 15
    assert len(batch.skipped) == 5 + 14


def test_identity_number_registered_in_another_household_is_an_error(caseworker):
    household = household_with_members()
    taken = household.memberships.first().person.national_id
    data = SAMPLE.replace(b"10456783228", taken.encode())

    batch = run(caseworker, data)

    assert batch.status == ImportBatch.Status.VALIDATED_WITH_ERRORS
    assert problems(batch) == {(2, "national_id", en(imports.ERR_ID_ELSEWHERE, code=household.reference_code))}
    assert Household.objects.count() == 1


def test_rows_outside_the_jurisdiction_are_rejected(other_caseworker):
    batch = run(other_caseworker, SAMPLE)

    assert batch.status == ImportBatch.Status.VALIDATED_WITH_ERRORS
    reason = en(imports.ERR_OUTSIDE_JURISDICTION, district="IĞDIR / IĞDIR")
    assert {(row, "district", reason) for row in (2, 6, 8, 10, 14)} == problems(batch)
    assert not Household.objects.exists()


def test_province_office_may_import_any_district_of_its_province(make_staff, office_province):
    user = make_staff(office_province, Role.CASEWORKER)

    assert run(user, SAMPLE).status == ImportBatch.Status.IMPORTED


def test_unknown_and_missing_columns_are_reported_on_row_1(caseworker):
    batch = run(caseworker, b"hane_no,il,ilce,favourite_colour\nA,Igdir,Merkez,blue\n")

    found = problems(batch)
    assert (1, "favourite_colour", en(imports.ERR_UNKNOWN_COLUMN)) in found
    assert (1, "mahalle", en(imports.ERR_MISSING_COLUMN)) in found


@pytest.mark.parametrize(
    ("text", "kurus"),
    [
        ("12500", 1_250_000),
        ("12500,5", 1_250_050),
        ("12.500,50", 1_250_050),
        ("12,500.50", 1_250_050),
        ("1.250.000", 125_000_000),
        ("0,01", 1),
        ("3 000 TL", 300_000),
    ],
)
def test_amounts_in_tl_become_integer_kurus(text, kurus):
    assert imports.COLUMN_BY_KEY["aylik gelir"].parse(text) == kurus


@pytest.mark.parametrize("text", ["12.500", "1,500", "-5", "abc", "1,2,3.4.5"])
def test_ambiguous_or_bad_amounts_are_refused(text):
    with pytest.raises(imports.FieldProblem):
        imports.COLUMN_BY_KEY["aylik gelir"].parse(text)


def test_wrong_file_type_and_size_are_refused(caseworker, settings):
    with pytest.raises(imports.ImportFileError) as exc:
        run(caseworker, b"%PDF-1.4", name="households.pdf")
    assert exc.value.reason is imports.ERR_FILE_TYPE
    settings.REFAH_IMPORT_MAX_BYTES = 100
    with pytest.raises(imports.ImportFileError) as exc:
        run(caseworker, SAMPLE)
    assert exc.value.reason is imports.ERR_FILE_TOO_LARGE
    with pytest.raises(imports.ImportFileError):
        run(caseworker, b"not a zip", name="hane.xlsx")
    assert not ImportBatch.objects.exists()


def test_permission_is_required(make_staff, office_merkez):
    inspector = make_staff(office_merkez, Role.INSPECTOR)

    with pytest.raises(PermissionDeniedError):
        run(inspector, SAMPLE)


def test_command_prints_the_report_and_dry_run_writes_nothing(caseworker):
    from django.core.management import CommandError, call_command

    out = io.StringIO()
    before = table_counts()
    call_command(
        "import_households", str(SAMPLES / "households_sample.csv"), user=caseworker.username, dry_run=True, stdout=out
    )
    assert table_counts() == before
    assert "dry run" in out.getvalue()
    assert "households" in out.getvalue()

    out = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_households", str(SAMPLES / "households_with_errors.csv"), user=caseworker.username, stdout=out
        )
    assert "Kimlik numarası geçersiz" in out.getvalue()
    assert "Identity number is not valid" in out.getvalue()

    call_command(
        "import_households", str(SAMPLES / "households_sample.csv"), user=caseworker.username, stdout=io.StringIO()
    )
    assert Household.objects.count() == 5


def test_person_without_a_number_gets_an_internal_id_and_is_not_duplicated(caseworker):
    data = (
        "hane_no,il,ilce,mahalle,konut_tipi,mulkiyet,isinma,yakinlik,tc_kimlik_no,ad,soyad,dogum_tarihi,cinsiyet,"
        "medeni_hal,calisma_durumu\n"
        "N-1,Iğdır,Merkez,Bağlar,daire,kiracı,odun,hane reisi,,Hasan,Er,1990-01-01,E,bekar,işsiz\n"
    ).encode()

    first = run(caseworker, data)
    again = run(caseworker, data + b"\n")  # other bytes, same household

    assert first.status == again.status == ImportBatch.Status.IMPORTED, again.report
    person = Person.objects.get()
    assert (person.id_kind, person.national_id, person.internal_id[0]) == ("internal", None, "R")
    assert again.counts["persons_existing"] == 1
