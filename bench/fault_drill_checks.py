"""The checks of bench/fault_drill.py: what the clients were told against what the database holds.

`run(records)` returns (figures, checks): counts to print, and each check's number of violations (0 expected).
Three kinds of check: every acknowledged write is there (and says what its answer said); nothing is half-written
(an application without its programs, consents, case event or audit row; a hold or capture without its ledger
line; totals that differ from their rows); no money moved twice (an entitlement paid twice, a capture twice, a
negative balance). Reads the database through Django's connection, with SQL; writes nothing.
"""

from collections import Counter


def _rows(sql: str, params=()) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _count(sql: str, params=()) -> int:
    return _rows(sql, params)[0][0]


def _t(model) -> str:
    return model._meta.db_table


def run(records) -> tuple[dict[str, int], dict[str, int]]:
    figures: dict[str, int] = {}
    checks: dict[str, int] = {}
    for part in (_applications, _aid_card, _payments):
        more_figures, more_checks = part(records)
        figures |= more_figures
        checks |= more_checks
    return figures, checks


def _applications(records) -> tuple[dict, dict]:
    from refah.audit.models import AuditEvent
    from refah.cases.models import Application, ApplicationProgram, CaseEvent, Consent
    from refah.notifications.models import Notification

    app, program, consent, event, audit = (
        _t(m) for m in (Application, ApplicationProgram, Consent, CaseEvent, AuditEvent)
    )
    stored = {
        key: (str(pk), reference)
        for key, pk, reference in _rows(f"SELECT idempotency_key, id, reference FROM {app} WHERE channel = 'api'")
    }
    consents: dict[str, set] = {}
    for application_id, person_id in _rows(
        f"SELECT c.application_id, c.person_id FROM {consent} c JOIN {app} a ON a.id = c.application_id "
        "WHERE a.channel = 'api'"
    ):
        consents.setdefault(str(application_id), set()).add(str(person_id))
    acked = [r for r in records.submissions if 200 <= r["status"] < 300]
    missing = [r for r in acked if r["key"] not in stored]
    differ = [
        r
        for r in acked
        if r["key"] in stored and stored[r["key"]] != (str(r["answer"]["id"]), r["answer"]["reference"])
    ]
    replays = [r for r in acked if "replay" in r]
    replay_differ = [r for r in replays if r["replay"][0] != 200 or r["replay"][1]["id"] != r["answer"]["id"]]
    wrong_consents = [
        r for r in acked if r["key"] in stored and consents.get(stored[r["key"]][0], set()) != set(r["consents"])
    ]
    figures = {
        "applications sent": len(records.submissions),
        "applications acknowledged": len(acked),
        "applications answered 4xx": sum(1 for r in records.submissions if 400 <= r["status"] < 500),
        "applications resent": sum(1 for r in records.submissions if r["attempts"] > 1),
        # resent and answered 200: an attempt without an answer had stored it; the key found it
        "applications stored unanswered": sum(
            1 for r in records.submissions if r["attempts"] > 1 and r["status"] == 200
        ),
        "applications replayed": len(replays),
        "applications stored": len(stored),
        # sent after commit by a thread of the server process; a killed process leaves its messages pending
        # for the `refah notifications send` timer
        "messages still pending": _count(f"SELECT count(*) FROM {_t(Notification)} WHERE status = 'pending'"),
    }
    each = f"FROM {app} a WHERE a.channel = 'api' AND "
    checks = {
        "acknowledged applications missing": len(missing),
        "applications whose answer differs from the stored one": len(differ),
        "application replays answered differently": len(replay_differ),
        "applications stored but never acknowledged": sum(1 for key in stored if key not in {r["key"] for r in acked}),
        "applications without their programs": _count(
            f"SELECT count(*) {each} NOT EXISTS (SELECT 1 FROM {program} p WHERE p.application_id = a.id)"
        ),
        "applications whose consents differ from the request": len(wrong_consents),
        "applications without one submit case event": _count(
            f"SELECT count(*) {each} (SELECT count(*) FROM {event} e WHERE e.application_id = a.id "
            "AND e.action = 'submit') <> 1"
        ),
        "applications without one audit row": _count(
            f"SELECT count(*) {each} (SELECT count(*) FROM {audit} e WHERE e.object_id = a.id::text "
            "AND e.action = 'case_submit') <> 1"
        ),
        "households with two open applications for a program": _count(
            f"SELECT count(*) FROM (SELECT 1 FROM {program} WHERE is_open GROUP BY household_id, program "
            "HAVING count(*) > 1) x"
        ),
    }
    return figures, checks


def _aid_card(records) -> tuple[dict, dict]:
    from refah.aidcard.models import Hold, LedgerLine, Purse

    hold, line, purse = _t(Hold), _t(LedgerLine), _t(Purse)
    stored = {
        key: (str(pk), amount, status, captured)
        for key, pk, amount, status, captured in _rows(
            f"SELECT idempotency_key, id, amount, status, captured FROM {hold}"
        )
    }
    by_id = {v[0]: v for v in stored.values()}
    acked = [r for r in records.holds if r["status"] == 201]
    missing = [
        r for r in acked if r["key"] not in stored or stored[r["key"]][:2] != (str(r["answer"]["id"]), r["amount"])
    ]
    replays = [r for r in acked if "replay" in r]
    replay_differ = [r for r in replays if r["replay"][0] != 201 or r["replay"][1]["id"] != r["answer"]["id"]]
    captures = [r for r in records.captures if r["status"] == 200]
    captures_missing = [
        r for r in captures if by_id.get(str(r["hold"]), (0, 0, "", 0))[2:] != ("captured", r["amount"])
    ]
    capture_replays = [r for r in captures if "replay" in r]
    voids = [r for r in records.voids if r["status"] == 200]
    voids_missing = [r for r in voids if by_id.get(str(r["hold"]), (0, 0, ""))[2] != "voided"]
    per_kind = "(SELECT count(*) FROM {line} l WHERE l.hold_id = h.id AND l.kind = '{kind}')"
    figures = {
        "authorisations sent": len(records.holds),
        "authorisations acknowledged": len(acked),
        "authorisations declined (402)": sum(1 for r in records.holds if r["status"] == 402),
        "authorisations resent": sum(1 for r in records.holds if r["attempts"] > 1),
        "authorisations replayed": len(replays),
        "holds stored": len(stored),
        "captures acknowledged": len(captures),
        "captures replayed": len(capture_replays),
        "voids acknowledged": len(voids),
    }
    checks = {
        "acknowledged authorisations missing": len(missing),
        "authorisation replays answered differently": len(replay_differ),
        "acknowledged captures missing": len(captures_missing),
        "capture replays answered differently": sum(
            1 for r in capture_replays if r["replay"][0] != 200 or r["replay"][1]["captured"] != r["amount"]
        ),
        "acknowledged voids missing": len(voids_missing),
        "capture or void answers refused (not 2xx)": sum(
            1 for r in records.captures + records.voids if not 200 <= r["status"] < 300
        ),
        "holds without one hold line": _count(
            f"SELECT count(*) FROM {hold} h WHERE {per_kind.format(line=line, kind='hold')} <> 1"
        ),
        "captures without their ledger movement": _count(
            f"SELECT count(*) FROM {hold} h WHERE h.status = 'captured' AND (NOT EXISTS (SELECT 1 FROM {line} l "
            "WHERE l.hold_id = h.id AND l.kind = 'capture' AND l.amount = h.captured) "
            f"OR {per_kind.format(line=line, kind='release')} <> (CASE WHEN h.captured < h.amount THEN 1 ELSE 0 END))"
        ),
        "holds captured twice": _count(
            f"SELECT count(*) FROM {hold} h WHERE {per_kind.format(line=line, kind='capture')} > 1"
        ),
        "open or voided holds with a capture line": _count(
            f"SELECT count(*) FROM {hold} h WHERE h.status <> 'captured' "
            f"AND {per_kind.format(line=line, kind='capture')} > 0"
        ),
        "purses whose balances differ from their movements": _count(
            f"SELECT count(*) FROM {purse} p LEFT JOIN (SELECT purse_id, sum(delta_available) a, sum(delta_held) h "
            f"FROM {line} GROUP BY purse_id) s ON s.purse_id = p.id "
            "WHERE p.available <> coalesce(s.a, 0) OR p.held <> coalesce(s.h, 0)"
        ),
        "purses whose held differs from their open holds": _count(
            f"SELECT count(*) FROM {purse} p LEFT JOIN (SELECT purse_id, sum(amount) a FROM {hold} "
            "WHERE status = 'open' GROUP BY purse_id) o ON o.purse_id = p.id WHERE p.held <> coalesce(o.a, 0)"
        ),
        "negative balances": _count(f"SELECT count(*) FROM {purse} WHERE available < 0 OR held < 0"),
    }
    return figures, checks


def _payments(records) -> tuple[dict, dict]:
    from refah.audit.ledger.verify import ledger_verify
    from refah.audit.models import AuditEvent, LedgerEntry, LedgerState
    from refah.payments.models import Entitlement, PaymentBatch, PaymentCycle, PaymentLine

    cycle, batch, line, entitlement = (_t(m) for m in (PaymentCycle, PaymentBatch, PaymentLine, Entitlement))
    entry, audit = _t(LedgerEntry), _t(AuditEvent)
    status = {f"RF{pk}": s for pk, s in _rows(f"SELECT id, status FROM {line}")}
    answered_paid = [e2e for month in records.payments for e2e in month["paid"]]
    done = [str(month["cycle"]) for month in records.payments if month["done"]]
    paid_lines = Counter(s for s in status.values())
    entries = _count(f"SELECT count(*) FROM {entry}")
    last_seq = _count(f"SELECT coalesce(max(seq) + 1, 0) FROM {entry}")
    size = _count(f"SELECT coalesce(max(size), 0) FROM {_t(LedgerState)}")
    figures = {
        "months paid": len(done),
        "months started": len(records.payments),
        "payment requests": records.payment_requests[0],
        "payment requests resent": records.payment_requests[1],
        "payment batches": _count(f"SELECT count(*) FROM {batch}"),
        "payment lines": len(status),
        "payment lines paid": paid_lines["paid"],
        "payment lines failed": paid_lines["failed"],
        "ledger entries": entries,
    }
    checks = {
        "cycles whose totals differ from their entitlements": _count(
            f"SELECT count(*) FROM {cycle} c WHERE c.status = 'computed' AND (c.entitlement_count, c.total_kurus) "
            f"<> (SELECT count(*), coalesce(sum(amount_kurus), 0) FROM {entitlement} e WHERE e.cycle_id = c.id)"
        ),
        "batches whose lines don't add up": _count(
            f"SELECT count(*) FROM {batch} b WHERE (b.line_count, b.total_kurus) "
            f"<> (SELECT count(*), coalesce(sum(amount_kurus), 0) FROM {line} l WHERE l.batch_id = b.id)"
        ),
        "batches without their audit row": _count(
            f"SELECT count(*) FROM {batch} b WHERE NOT EXISTS (SELECT 1 FROM {audit} e "
            "WHERE e.object_id = b.id::text AND e.action = 'payment_batch_create')"
        ),
        "acknowledged 'paid' answers not applied": sum(1 for e2e in answered_paid if status.get(e2e) != "paid"),
        "entitlements paid twice": _count(
            f"SELECT count(*) FROM (SELECT 1 FROM {line} WHERE status = 'paid' GROUP BY entitlement_id "
            "HAVING count(*) > 1) x"
        ),
        "entitlements with two live lines": _count(
            f"SELECT count(*) FROM (SELECT 1 FROM {line} WHERE status IN ('pending', 'paid') GROUP BY entitlement_id "
            "HAVING count(*) > 1) x"
        ),
        "entitlements of paid months not paid exactly once": _count(
            f"SELECT count(*) FROM {entitlement} e WHERE e.cycle_id::text = ANY(%s) AND "
            f"(SELECT count(*) FROM {line} l WHERE l.entitlement_id = e.id AND l.status = 'paid') <> 1",
            [done],
        ),
        "paid lines without one ledger entry": _count(
            f"SELECT count(*) FROM {line} l WHERE l.status = 'paid' AND (SELECT count(*) FROM {entry} x "
            "WHERE x.kind = 'payment' AND x.ref = 'RF' || l.id) <> 1"
        ),
        "ledger entries of lines not paid": _count(
            f"SELECT count(*) FROM {entry} x WHERE x.kind = 'payment' AND NOT EXISTS (SELECT 1 FROM {line} l "
            "WHERE 'RF' || l.id = x.ref AND l.status = 'paid')"
        ),
        "lines changed by an answer file imported again": records.reimported_changes,
        "ledger entries missing from its sequence or its size": abs(entries - last_seq) + abs(entries - size),
        # every leaf, root, signed head and private commitment recomputed, as an auditor would
        "public ledger verification problems": len(ledger_verify().problems),
    }
    return figures, checks
