"""The kinds of long report the background runner (jobs.py) knows, registered at start-up.

Each part of the reports app that makes a long report (the province booklet, the risk maps as PDF/PNG, the open-data
files) adds its `ReportKind` here, so that `register_all()` is the one list of them."""


def register_all() -> None:
    """Register every long report kind with the runner (called once from ReportsConfig.ready)."""
    from refah.reports.booklet.kind import BOOKLET
    from refah.reports.jobs import report_kind_register
    from refah.reports.kpi.refresh import INDICATORS_REFRESH
    from refah.reports.maps.document import RISK_MAP_PDF, RISK_MAP_PNG
    from refah.reports.opendata.kind import OPENDATA

    for kind in (INDICATORS_REFRESH, BOOKLET, RISK_MAP_PDF, RISK_MAP_PNG, OPENDATA):
        report_kind_register(kind)
