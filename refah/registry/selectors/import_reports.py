"""Reads of a file import's report (its rows name the persons of the file)."""

from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record


def import_report_exported(*, user, batch) -> None:
    """Log the download of an import's report (its rows name the persons of the file): one access row."""
    access_record(
        actor=user,
        purpose=AccessPurpose.REGISTRATION,
        channel=AccessChannel.EXPORT,
        kind=AccessKind.EXPORT,
        obj=batch,
        count=len(batch.report or ()),
    )
