"""Bank files: ISO 20022 pain.001.001.09 credit transfers and CSV out; pain.002 status reports and CSV in.

The envelope (group header, payment information) is built with xml.etree; the transactions, up to
millions, are rendered column-wise with polars from the same element layout and streamed between the
envelope's halves, so memory stays flat and a million lines take seconds.
"""

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

import polars as pl
from django.utils import timezone

from refah.payments.iban import ptt_reference

PAIN001_NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
CURRENCY = "TRY"
_SPLIT = "<!--TRANSACTIONS-->"
LINE_COLUMNS = ("id", "amount_kurus", "recipient_name", "recipient_identifier", "iban")


@dataclass(frozen=True)
class Envelope:
    message_id: str
    initiator: str
    debtor_name: str
    debtor_iban: str
    execution_date: str
    count: int
    total_kurus: int


def amount_text(kurus: int) -> str:
    """Kuruş to the ISO 20022 decimal amount: 123456 → "1234.56"."""
    return f"{kurus // 100}.{kurus % 100:02d}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _envelope_xml(env: Envelope) -> tuple[bytes, bytes]:
    """The document before and after the transactions."""
    root = ET.Element("Document", xmlns=PAIN001_NS)
    initiation = _sub(root, "CstmrCdtTrfInitn")
    header = _sub(initiation, "GrpHdr")
    _sub(header, "MsgId", env.message_id)
    _sub(header, "CreDtTm", timezone.now().replace(microsecond=0).isoformat())
    _sub(header, "NbOfTxs", str(env.count))
    _sub(header, "CtrlSum", amount_text(env.total_kurus))
    _sub(_sub(header, "InitgPty"), "Nm", env.initiator[:140])
    info = _sub(initiation, "PmtInf")
    _sub(info, "PmtInfId", env.message_id)
    _sub(info, "PmtMtd", "TRF")
    _sub(info, "NbOfTxs", str(env.count))
    _sub(info, "CtrlSum", amount_text(env.total_kurus))
    kind = _sub(info, "PmtTpInf")
    _sub(_sub(kind, "SvcLvl"), "Cd", "NURG")
    _sub(_sub(kind, "CtgyPurp"), "Cd", "SSBE")  # social security benefit
    _sub(_sub(info, "ReqdExctnDt"), "Dt", env.execution_date)
    _sub(_sub(info, "Dbtr"), "Nm", env.debtor_name[:140])
    _sub(_sub(_sub(info, "DbtrAcct"), "Id"), "IBAN", env.debtor_iban)
    _sub(_sub(_sub(_sub(info, "DbtrAgt"), "FinInstnId"), "Othr"), "Id", "NOTPROVIDED")
    _sub(info, "ChrgBr", "SLEV")
    info.append(ET.Comment("TRANSACTIONS"))
    text = ET.tostring(root, encoding="unicode", xml_declaration=False)
    before, after = text.split(_SPLIT)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + before).encode(), after.encode()


def _escaped(column: str) -> pl.Expr:
    return (
        pl.col(column)
        .str.replace_all("&", "&amp;", literal=True)
        .str.replace_all("<", "&lt;", literal=True)
        .str.replace_all(">", "&gt;", literal=True)
    )


def _amount_expr() -> pl.Expr:
    k = pl.col("amount_kurus")
    return pl.concat_str([(k // 100).cast(pl.String), pl.lit("."), (k % 100).cast(pl.String).str.zfill(2)])


def _transactions(frame: pl.DataFrame) -> bytes:
    """<CdtTrfTxInf> elements of a chunk of lines, one per row."""
    ids = pl.concat_str([pl.lit("RF"), pl.col("id").cast(pl.String)])
    xml = frame.select(
        pl.concat_str(
            [
                pl.lit("<CdtTrfTxInf><PmtId><InstrId>"),
                ids,
                pl.lit("</InstrId><EndToEndId>"),
                ids,
                pl.lit(f'</EndToEndId></PmtId><Amt><InstdAmt Ccy="{CURRENCY}">'),
                _amount_expr(),
                pl.lit("</InstdAmt></Amt><Cdtr><Nm>"),
                _escaped("recipient_name").str.slice(0, 140),
                pl.lit("</Nm></Cdtr><CdtrAcct><Id><IBAN>"),
                pl.col("iban"),
                pl.lit("</IBAN></Id></CdtrAcct><RmtInf><Ustrd>"),
                pl.lit("Refah ") + pl.col("ustrd"),
                pl.lit("</Ustrd></RmtInf></CdtTrfTxInf>"),
            ]
        )
    ).to_series()
    return ("".join(xml.to_list())).encode()


def pain001_write(out: BinaryIO, env: Envelope, chunks: Iterable[pl.DataFrame], remittance: str) -> None:
    """Write a pain.001.001.09 document: envelope, every chunk's transactions, closing tags."""
    before, after = _envelope_xml(env)
    out.write(before)
    for frame in chunks:
        out.write(_transactions(frame.with_columns(pl.lit(remittance).alias("ustrd"))))
    out.write(after)


CSV_HEADER = ("end_to_end_id", "recipient_name", "recipient_identifier", "iban", "ptt_reference", "amount", "currency")


def csv_write(out: BinaryIO, chunks: Iterable[pl.DataFrame]) -> None:
    """One row per line; amounts with two decimals; a PTT reference for cash collection."""
    out.write((",".join(CSV_HEADER) + "\n").encode())
    for frame in chunks:
        rows = frame.select(
            pl.concat_str([pl.lit("RF"), pl.col("id").cast(pl.String)]).alias("end_to_end_id"),
            "recipient_name",
            "recipient_identifier",
            "iban",
            pl.col("id").map_elements(ptt_reference, return_dtype=pl.String).alias("ptt_reference"),
            _amount_expr().alias("amount"),
            pl.lit(CURRENCY).alias("currency"),
        )
        out.write(rows.write_csv(include_header=False).encode())


# --- answers ---------------------------------------------------------------------------------------

PAIN002_PAID = {"ACSC", "ACCC", "ACWC"}
PAIN002_FAILED = {"RJCT"}
ANSWER_STATUSES = {"paid", "failed", "returned"}


@dataclass(frozen=True)
class Answer:
    line_id: int
    status: str  # paid | failed | returned
    reason: str = ""


class AnswerError(ValueError):
    """The file is not a readable bank answer."""


def line_id_of(end_to_end_id: str) -> int:
    text = (end_to_end_id or "").strip()
    if not text.startswith("RF") or not text[2:].isdigit():
        raise AnswerError(text)
    return int(text[2:])


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def pain002_read(content: bytes) -> tuple[str | None, list[Answer]]:
    """(group status, final transaction answers) of a pain.002 report; pending statuses are skipped."""
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        raise AnswerError("document type declarations are not accepted")  # no entity expansion attacks
    try:
        root = ET.fromstring(content)  # noqa: S314 — DTDs refused above; expat does not fetch external entities
    except ET.ParseError as exc:
        raise AnswerError(str(exc)) from exc
    group_status, answers = None, []
    for element in root.iter():
        name = _local(element.tag)
        if name == "OrgnlGrpInfAndSts":
            group_status = _child_text(element, "GrpSts")
        elif name == "TxInfAndSts":
            answer = _tx_answer(element)
            if answer is not None:
                answers.append(answer)
    return group_status, answers


def _child_text(element: ET.Element, name: str) -> str | None:
    for child in element.iter():
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return None


def _tx_answer(element: ET.Element) -> Answer | None:
    status = _child_text(element, "TxSts")
    ref = _child_text(element, "OrgnlEndToEndId")
    if status in PAIN002_PAID:
        return Answer(line_id_of(ref), "paid")
    if status in PAIN002_FAILED:
        reason = _child_text(element, "Cd") or _child_text(element, "AddtlInf") or "RJCT"
        return Answer(line_id_of(ref), "failed", reason[:140])
    return None


def csv_answer_read(content: bytes) -> list[Answer]:
    """A CSV answer: end_to_end_id, status (paid | failed | returned), reason."""
    try:
        reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
        rows = list(reader)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise AnswerError(str(exc)) from exc
    answers = []
    for row in rows:
        status = (row.get("status") or "").strip().lower()
        if status not in ANSWER_STATUSES:
            raise AnswerError(status)
        answers.append(Answer(line_id_of(row.get("end_to_end_id", "")), status, (row.get("reason") or "")[:140]))
    return answers


def pain002_build(message_id: str, answers: Iterable[tuple[str, str, str]]) -> bytes:
    """A minimal pain.002.001.10 report (end_to_end_id, ISO status, reason code); for tests and demos."""
    root = ET.Element("Document", xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10")
    report = _sub(root, "CstmrPmtStsRpt")
    header = _sub(report, "GrpHdr")
    _sub(header, "MsgId", f"ANS-{message_id}"[:35])
    _sub(header, "CreDtTm", timezone.now().replace(microsecond=0).isoformat())
    original = _sub(report, "OrgnlGrpInfAndSts")
    _sub(original, "OrgnlMsgId", message_id)
    _sub(original, "OrgnlMsgNmId", "pain.001.001.09")
    info = _sub(report, "OrgnlPmtInfAndSts")
    _sub(info, "OrgnlPmtInfId", message_id)
    for ref, status, reason in answers:
        tx = _sub(info, "TxInfAndSts")
        _sub(tx, "OrgnlEndToEndId", ref)
        _sub(tx, "TxSts", status)
        if reason:
            _sub(_sub(_sub(tx, "StsRsnInf"), "Rsn"), "Cd", reason)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def chunks_of(rows: Iterator[list[tuple]]) -> Iterator[pl.DataFrame]:
    """Frames of line rows (LINE_COLUMNS order) from cursor fetches."""
    schema = {
        "id": pl.Int64,
        "amount_kurus": pl.Int64,
        "recipient_name": pl.String,
        "recipient_identifier": pl.String,
        "iban": pl.String,
    }
    for batch in rows:
        yield pl.DataFrame(batch, schema=schema, orient="row")
