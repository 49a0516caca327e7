"""The strategic plan's indicators: catalogue and targets as data, figures computed from the data into a snapshot, the
dashboard, the drill-down and the API (docs/reports-kpi.md)."""
