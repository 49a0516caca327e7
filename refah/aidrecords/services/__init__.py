"""Writes of aid records: intake (API and files), linking, duplicate aid, givers and their reports."""

from refah.aidrecords.services.duplicates import duplicate_flag_resolve, duplicates_find, duplicates_scan
from refah.aidrecords.services.givers import giver_for_office, giver_named, giver_report_record, sender_office
from refah.aidrecords.services.intake import MAX_RECORDS, aid_records_submit, records_write
from refah.aidrecords.services.linking import LINK_KIND, link_decided, linkage_register, linkage_services
from refah.aidrecords.services.upload import FILE_COLUMNS, aid_file_import, aid_template_csv

__all__ = [
    "FILE_COLUMNS",
    "LINK_KIND",
    "MAX_RECORDS",
    "aid_file_import",
    "aid_records_submit",
    "aid_template_csv",
    "duplicate_flag_resolve",
    "duplicates_find",
    "duplicates_scan",
    "giver_for_office",
    "giver_named",
    "giver_report_record",
    "link_decided",
    "linkage_register",
    "linkage_services",
    "records_write",
    "sender_office",
]
