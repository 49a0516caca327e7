"""The model card as the screen shows it: the evaluation's tables (errors with intervals for the published score,
the linear PMT and the GBM on each scope and world; fairness by group with the largest gap) and inline SVG charts,
built from the figures stored with the model (`metrics["reports"]`: evaluate.Report.to_dict()). No JS library."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from refah.targeting.card import _gap, _gap_interval, _pct
from refah.targeting.enums import ModelStatus

METHODS = ("need_score", "linear", "gbm", "gbm_levelled")
COLOURS = {"need_score": "#8a5a00", "linear": "#1f5f99", "gbm": "#2e7d32", "gbm_levelled": "#6a3d9a"}
GAP_LIMIT = 0.03  # the acceptance: no group's error differs from the rest by more than 3 points


def _lang() -> str:
    return "tr" if (translation.get_language() or "tr").startswith("tr") else "en"


def pct(value, lang: str | None = None) -> str:
    """A share as a percentage in the active language (the model card's formatting, card._pct)."""
    return _pct(value, lang or _lang())


def gap(value, lang: str | None = None) -> str:
    """A gap in points, signed (card._gap)."""
    return _gap(value, lang or _lang())


def gap_interval(row: dict, metric: str, lang: str | None = None) -> str:
    """A group's gap with its 95 % interval where the report has one (reports stored before had none)."""
    low, high = row.get(f"{metric}_gap_low"), row.get(f"{metric}_gap_high")
    return _gap_interval(row.get(f"{metric}_gap"), low, high, lang or _lang())


@dataclass
class ErrorRow:
    method: str
    label: str
    inclusion: str
    exclusion: str
    selected: str
    raw: dict


@dataclass
class GroupRow:
    label: str
    households: int
    exclusion: str
    exclusion_gap: str
    inclusion: str
    inclusion_gap: str
    over: bool


@dataclass
class ReportView:
    title: str
    scope_label: str
    rows: list[ErrorRow]
    groups: list[GroupRow]
    largest: list[str]
    chart: SafeString
    key: str = ""


@dataclass
class CardView:
    reports: list[ReportView] = field(default_factory=list)
    limits: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)


def _words():
    from refah.targeting.card import WORDS

    return WORDS[_lang()]


def group_label(group: str) -> str:
    words = _words()
    if group.startswith("district:"):
        return words["district"].format(name=group.split(":", 2)[2])
    return words["group"].get(group, group)


def card_view(model) -> CardView:
    """The stored evaluation of a model, ready for the template (in the active language)."""
    from refah.targeting.card import LIMITS
    from refah.targeting.features import BY_NAME

    lang = _lang()
    words = _words()
    view = CardView(limits=LIMITS[lang])
    view.features = [
        getattr(BY_NAME[name], f"label_{lang}") if name in BY_NAME else name for name in model.feature_names
    ]
    for report in (model.metrics or {}).get("reports", []):
        world = str(report.get("world", "")).upper()
        for scope in ("test", "population"):
            rows = [r for r in report.get("rows", []) if r["scope"] == scope and r["group"] == "all"]
            if not rows:
                continue
            errors = [
                ErrorRow(
                    method=r["method"],
                    label=words["method"].get(r["method"], r["method"]),
                    inclusion=f"{pct(r['inclusion'])} ({pct(r['inclusion_low'])}–{pct(r['inclusion_high'])})",
                    exclusion=f"{pct(r['exclusion'])} ({pct(r['exclusion_low'])}–{pct(r['exclusion_high'])})",
                    selected=f"{round(r['selected']):,}".replace(",", "." if lang == "tr" else ","),
                    raw=r,
                )
                for r in sorted(rows, key=lambda r: METHODS.index(r["method"]) if r["method"] in METHODS else 9)
            ]
            groups = [
                GroupRow(
                    label=group_label(r["group"]),
                    households=r["households"],
                    exclusion=pct(r["exclusion"]),
                    exclusion_gap=gap_interval(r, "exclusion"),
                    inclusion=pct(r["inclusion"]),
                    inclusion_gap=gap_interval(r, "inclusion"),
                    over=abs(r["exclusion_gap"] or 0) > GAP_LIMIT or abs(r["inclusion_gap"] or 0) > GAP_LIMIT,
                )
                for r in report.get("rows", [])
                if r["scope"] == scope and r["method"] == "gbm" and r["group"] != "all"
            ]
            largest = []
            for key, found in (report.get("largest_gaps") or {}).items():
                if not key.startswith(scope + "/"):
                    continue
                method = words["method"].get(key.split("/", 1)[1], key)
                for metric, item in found.items():
                    if metric in ("exclusion", "inclusion") and isinstance(item, dict) and "group" in item:
                        name = words["columns"][2 if metric == "exclusion" else 1]
                        largest.append(f"{method}: {name} {group_label(item['group'])} {gap(item.get('gap'))}")
            view.reports.append(
                ReportView(
                    title=f"{world} · {words['scope'][scope]}",
                    scope_label=words["scope"][scope],
                    rows=errors,
                    groups=groups,
                    largest=largest,
                    chart=error_chart(errors, f"{world}-{scope}"),
                    key=f"{world}-{scope}".lower(),
                )
            )
    return view


def error_chart(rows: list[ErrorRow], key: str) -> SafeString:
    """Inclusion and exclusion error per method as horizontal bars with their 95 % intervals (inline SVG)."""
    if not rows:
        return mark_safe("")  # noqa: S308 - an empty string
    words = _words()
    # each method's name on its own line above its bar, so that a long name ("yayımlanan ihtiyaç puanı") is never
    # covered by the bar on a narrow screen
    width, left, bar, label, gap_y = 360, 0, 12, 14, 6
    metrics = (("inclusion", words["columns"][1]), ("exclusion", words["columns"][2]))
    height = 24 + len(metrics) * (len(rows) * (label + bar + gap_y) + 22)
    scale = (width - left - 60) / 1.0
    parts = []
    y = 16
    for metric, title in metrics:
        parts.append(format_html('<text x="0" y="{}" class="chart-title">{}</text>', y, title))
        y += 8
        for row in rows:
            value = row.raw.get(metric) or 0.0
            low, high = row.raw.get(f"{metric}_low") or value, row.raw.get(f"{metric}_high") or value
            # the name without its bracketed note (the table above gives it whole), so that it fits a phone
            name = row.label.split(" (", 1)[0]
            parts.append(format_html('<text x="0" y="{}" class="chart-label">{}</text>', y + label - 3, name))
            y += label
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
                    '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#222" stroke-width="1.5"/>'
                    '<text x="{}" y="{}" class="chart-value">{}</text>',
                    left,
                    y,
                    f"{value * scale:.1f}",
                    bar,
                    COLOURS.get(row.method, "#555"),
                    row.label,
                    pct(value),
                    f"{left + low * scale:.1f}",
                    f"{left + high * scale:.1f}",
                    y + bar / 2,
                    y + bar / 2,
                    f"{min(left + high * scale + 4, width - 40):.1f}",
                    y + bar - 2,
                    pct(value),
                )
            )
            y += bar + gap_y
        y += 14
    body = format_html_join("", "{}", ((p,) for p in parts))
    return format_html(
        '<svg role="img" aria-labelledby="chart-{}" viewBox="0 0 {} {}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" class="targeting-chart"><title id="chart-{}">{}</title>{}</svg>',
        key,
        width,
        height,
        key,
        f"{metrics[0][1]}, {metrics[1][1]}",
        body,
    )


def status_badge(status: str) -> str:
    return {"approved": "badge--ref", "draft": "badge--warn"}.get(status, "") if status in ModelStatus.values else ""
