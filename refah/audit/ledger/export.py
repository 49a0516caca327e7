"""The public log as a JSONL file (header with the public key, signed heads, entries) and reading it back."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from django.db import transaction

from refah.audit.ledger.encoding import FORMAT, entry_public, head_public
from refah.audit.ledger.keys import public_key_pem
from refah.audit.ledger.models import LedgerEntry, TreeHead
from refah.audit.ledger.reads import ledger_size


def ledger_export(stream: TextIO) -> dict:
    """Write the public log as JSONL: a header with the public key, the signed heads, then every entry."""
    with transaction.atomic():
        size = ledger_size()
        heads = [head_public(h) for h in TreeHead.objects.filter(tree_size__lte=size).order_by("tree_size", "id")]
        header = {"type": "ledger", "format": FORMAT, "size": size, "public_key": public_key_pem()}
        stream.write(json.dumps(header, ensure_ascii=False) + "\n")
        for head in heads:
            stream.write(json.dumps({"type": "head", **head}) + "\n")
        entries = LedgerEntry.objects.filter(seq__lt=size).order_by("seq").iterator(chunk_size=5000)
        for entry in entries:
            stream.write(json.dumps({"type": "entry", **entry_public(entry)}, ensure_ascii=False) + "\n")
    return {"size": size, "heads": len(heads)}


def read_export(path: Path) -> tuple[dict, list[dict], Iterator[dict]]:
    """(header, heads, entries in file order) of an exported log; entries are read lazily, in a second pass."""
    header, heads = {}, []
    with path.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record.get("type") == "ledger":
                header = record
            elif record.get("type") == "head":
                heads.append(record)

    def entries() -> Iterator[dict]:
        with path.open(encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if record.get("type") == "entry":
                    yield record

    return header, heads, entries()
