"""Registry screens. Thin: parse a form, call one service (writes) or selectors (reads), render.

search: find persons and households; household: detail, register, edit; members: add, remove, move;
finance: incomes and assets; helpers: the household behind a screen and form errors; audit_trail: its display.
"""
