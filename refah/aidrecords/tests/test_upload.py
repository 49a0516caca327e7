"""Aid files: the row report (bad rows store nothing), a file sent again, a row already received, XLSX."""

import io

import pytest

from refah.aidrecords import services
from refah.aidrecords.enums import BatchStatus, LinkStatus
from refah.aidrecords.models import AidBatch, AidRecord, Giver
from refah.audit.models import AuditEvent
from refah.registry.imports import ImportFileError

pytestmark = pytest.mark.django_db
HEADER = (
    "referans;yardim_turu;ihtiyac;tutar;miktar;birim;verilis_tarihi;donem_baslangic;donem_bitis;tc_kimlik_no;ad;soyad"
)


def csv_file(*rows: str) -> bytes:
    return ("\ufeff" + "\r\n".join([HEADER, *rows]) + "\r\n").encode()


def test_a_clean_file_is_stored_and_linked(town_clerk, family):
    _household, mother, _child = family
    data = csv_file(
        f"K-1;Gıda;Temel ihtiyaçlar;1.500,00;;;02.03.2026;01.03.2026;31.03.2026;{mother.national_id};Zerrin;Karabulut",
        "K-2;yakacak;isinma;;500;kg;2026-01-10;2026-01-01;2026-03-31;;Hasan;Yurt",
    )
    batch = services.aid_file_import(actor=town_clerk, file_name="yardim.csv", data=data)
    assert batch.status == BatchStatus.IMPORTED, batch.report
    assert batch.counts["records_new"] == 2 and batch.counts["linked"] == 1
    linked = AidRecord.objects.get(reference="K-1")
    assert linked.person == mother and linked.amount_kurus == 150_000 and linked.kind == "food"
    coal = AidRecord.objects.get(reference="K-2")
    assert coal.link_status == LinkStatus.UNLINKED and str(coal.quantity) == "500.000" and coal.unit == "kg"
    assert AuditEvent.objects.filter(action="aid_file_import").count() == 1


def test_a_file_with_bad_rows_stores_nothing_and_reports_each_problem(town_clerk, family):
    data = csv_file(
        "K-1;Gıda;Temel ihtiyaçlar;1500;;;02.03.2026;01.03.2026;31.03.2026;;Zerrin;Karabulut",
        "K-2;altın;isinma;12.500;;;2026-01-10;2026-02-01;2026-01-31;;;",
        "K-1;gida;temel ihtiyaclar;100;;;2026-01-10;2026-01-01;2026-01-31;;Ali;Veli",
    )
    batch = services.aid_file_import(actor=town_clerk, file_name="yardim.csv", data=data)
    assert batch.status == BatchStatus.REJECTED
    problems = {(item["row"], item["column"]): item for item in batch.report if item["level"] == "error"}
    assert "altın" in problems[(3, "yardim_turu")]["tr"] and "allowed" in problems[(3, "yardim_turu")]["en"]
    assert problems[(3, "tutar")]["tr"].startswith("“12.500” belirsiz")
    assert problems[(3, "donem_bitis")]["tr"] == "Dönemin bitişi başlangıcından önce."
    assert (3, "tc_kimlik_no") in problems  # neither a number nor a name
    assert problems[(4, "referans")]["tr"] == "Aynı referans 2. satırda da var."
    assert not AidRecord.objects.exists()
    assert AidBatch.objects.get().status == BatchStatus.REJECTED


def test_the_same_file_again_creates_nothing(town_clerk, family):
    data = csv_file("K-1;Gıda;Temel ihtiyaçlar;1500;;;02.03.2026;01.03.2026;31.03.2026;;Zerrin;Karabulut")
    services.aid_file_import(actor=town_clerk, file_name="yardim.csv", data=data)
    again = services.aid_file_import(actor=town_clerk, file_name="yardim-kopya.csv", data=data)
    assert again.status == BatchStatus.DUPLICATE_FILE
    assert again.report[0]["level"] == "skipped" and "zaten aktarıldı" in again.report[0]["tr"]
    assert AidRecord.objects.count() == 1


def test_a_row_already_received_is_skipped_and_a_changed_one_refused(town_clerk, family):
    first = "K-1;Gıda;Temel ihtiyaçlar;1500;;;02.03.2026;01.03.2026;31.03.2026;;Zerrin;Karabulut"
    services.aid_file_import(actor=town_clerk, file_name="a.csv", data=csv_file(first))
    more = services.aid_file_import(
        actor=town_clerk,
        file_name="b.csv",
        data=csv_file(first, "K-2;Gıda;Temel ihtiyaçlar;900;;;02.03.2026;01.03.2026;31.03.2026;;Ali;Veli"),
    )
    assert more.status == BatchStatus.IMPORTED and more.counts["records_new"] == 1
    assert more.report[0]["level"] == "skipped" and more.report[0]["row"] == 2
    changed = services.aid_file_import(
        actor=town_clerk,
        file_name="c.csv",
        data=csv_file("K-1;Gıda;Temel ihtiyaçlar;1600;;;02.03.2026;01.03.2026;31.03.2026;;Zerrin;Karabulut"),
    )
    assert changed.status == BatchStatus.REJECTED
    assert AidRecord.objects.count() == 2 and AidRecord.objects.get(reference="K-1").amount_kurus == 150_000


def test_a_file_for_another_public_body(town_clerk, family):
    data = csv_file("A-1;Nakit;Acil durum ya da afet;3000;;;02.03.2026;01.03.2026;31.03.2026;;Zerrin;Karabulut")
    batch = services.aid_file_import(actor=town_clerk, file_name="afad.csv", data=data, giver_name="AFAD  Iğdır")
    assert batch.status == BatchStatus.IMPORTED, batch.report
    assert AidRecord.objects.get().giver == Giver.objects.get(name="AFAD Iğdır", office__isnull=True)


def test_an_xlsx_file_is_read(town_clerk, family):
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(";"))
    sheet.append(["X-1", "kira", "barinma", 2500, None, None, dt.date(2026, 3, 2), dt.date(2026, 3, 1),
                  dt.date(2026, 3, 31), None, "Zerrin", "Karabulut"])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    batch = services.aid_file_import(actor=town_clerk, file_name="kira.xlsx", data=out.getvalue())
    assert batch.status == BatchStatus.IMPORTED, batch.report
    assert AidRecord.objects.get().kind == "rent"


def test_an_unreadable_file_is_an_error(town_clerk):
    with pytest.raises(ImportFileError):
        services.aid_file_import(actor=town_clerk, file_name="yardim.pdf", data=b"%PDF")
