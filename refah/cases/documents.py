"""Which documents each program needs. Programs not listed need none beyond the registry's data."""

from refah.cases.enums import DocumentType as D

REQUIRED_DOCUMENTS: dict[str, list[str]] = {
    "home_care": [D.DISABILITY_REPORT],
    "disability_pension": [D.DISABILITY_REPORT],
    "free_travel": [],
    "widow_aid": [D.DEATH_CERTIFICATE],
    "orphan_aid": [D.DEATH_CERTIFICATE],
    "cct_education": [D.STUDENT_CERTIFICATE],
    "sed": [D.STUDENT_CERTIFICATE],
    "birth_aid": [D.BIRTH_CERTIFICATE],
}


def required_for(programs) -> list[str]:
    """The document types the programs need, each once, in a stable order."""
    out: list[str] = []
    for program in sorted(programs):
        out.extend(t for t in REQUIRED_DOCUMENTS.get(program, []) if t not in out)
    return out


def missing_for(application) -> list[str]:
    """Required document types not yet uploaded for the application."""
    have = set(application.documents.values_list("doc_type", flat=True))
    programs = application.programs.values_list("program", flat=True)
    return [t for t in required_for(programs) if t not in have]


def labels(types) -> str:
    return ", ".join(str(D(t).label) for t in types)
