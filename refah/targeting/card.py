"""The model card and the evaluation's tables as Markdown, generated from the evaluation (never written by hand).

`model_card(artifact, reports)` → a dict (stored in `artifact.card`): data, features, errors with intervals,
fairness, limits; `card_markdown(card, lang)` and `report_markdown(report, lang)` print them.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from refah.targeting.features import FEATURES

if TYPE_CHECKING:
    from refah.targeting.evaluate import Report
    from refah.targeting.models import Artifact

WORDS = {
    "en": {
        "title": "Targeting evaluation: world {world}, {households} households",
        "setup": "Truly poor: the poorest {poor} of people by real consumption per adult equivalent; every method "
        "proposes {coverage} of households (cut-off set by coverage). 95 % Wilson intervals.",
        "scope": {"test": "held-out survey test sample (design-weighted)", "population": "whole population"},
        "method": {
            "need_score": "published need score",
            "linear": "linear PMT",
            "gbm": "gradient boosting",
            "gbm_levelled": "gradient boosting, groups levelled up (measured, not applied)",
        },
        "columns": ["method", "inclusion error", "exclusion error", "proposed", "truly poor"],
        "groups": "Groups ({scope}): exclusion error (gap to the rest, in points [95 % interval]), inclusion error "
        "(gap [interval])",
        "group_columns": ["group", "households"],
        "largest": "Largest gap (groups with at least 30 truly poor households)",
        "group": {
            "women_headed": "women-headed",
            "disabled_member": "with a disabled member",
            "elderly_member": "with a member 65+",
            "refugee": "refugees (protection)",
            "rural": "rural",
            "urban": "urban",
        },
        "district": "district {name}",
        "points": "points",
        "limits": "Limits",
    },
    "tr": {
        "title": "Hedefleme değerlendirmesi: {world} dünyası, {households} hane",
        "setup": "Gerçekten yoksul: eşdeğer kişi başına reel tüketime göre en yoksul %{poor_tr} kişi; her yöntem "
        "hanelerin %{coverage_tr} kadarını önerir (eşik kapsama göre). %95 Wilson aralıkları.",
        "scope": {"test": "ayrılmış anket test örneklemi (tasarım ağırlıklı)", "population": "tüm nüfus"},
        "method": {
            "need_score": "yayımlanan ihtiyaç puanı",
            "linear": "doğrusal PMT",
            "gbm": "gradyan artırma",
            "gbm_levelled": "gradyan artırma, gruplar yukarı dengelenmiş (ölçülür, uygulanmaz)",
        },
        "columns": ["yöntem", "dahil etme hatası", "dışlama hatası", "önerilen", "gerçekten yoksul"],
        "groups": "Gruplar ({scope}): dışlama hatası (diğerlerine fark, puan [%95 aralık]), dahil etme hatası "
        "(fark [aralık])",
        "group_columns": ["grup", "hane"],
        "largest": "En büyük fark (en az 30 gerçekten yoksul hanesi olan gruplar)",
        "group": {
            "women_headed": "kadın reisli",
            "disabled_member": "engelli üyesi olan",
            "elderly_member": "65 yaş üstü üyesi olan",
            "refugee": "koruma altındaki yabancılar",
            "rural": "kırsal",
            "urban": "kentsel",
        },
        "district": "{name} ilçesi",
        "points": "puan",
        "limits": "Sınırlar",
    },
}

LIMITS = {
    "en": [
        "Trained and measured on synthetic populations only: the figures show what the method can do on data like "
        "the generator's, not field accuracy.",
        "The model proposes; the published rules stay the legal basis and a committee decides.",
        "Hidden income that leaves no trace in the registry cannot be predicted by any proxy means test.",
        "District context is computed from the batch being scored: score whole districts at once.",
    ],
    "tr": [
        "Yalnızca sentetik nüfuslarda eğitildi ve ölçüldü: rakamlar üretecinkine benzer verideki başarıyı "
        "gösterir, sahadaki doğruluğu değil.",
        "Model öneride bulunur; yasal dayanak yayımlanan kurallardır ve kararı kurul verir.",
        "Kayıtlarda iz bırakmayan gizli gelir hiçbir dolaylı gelir testiyle tahmin edilemez.",
        "İlçe bağlamı puanlanan veriden hesaplanır: ilçeleri bütün olarak puanlayın.",
    ],
}


def _pct(value: float | None, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value * 100:.1f}"
    return f"%{text.replace('.', ',')}" if lang == "tr" else f"{text} %"


def _interval(value, low, high, lang: str) -> str:
    return f"{_pct(value, lang)} ({_pct(low, lang)}–{_pct(high, lang)})"


def _gap_interval(value, low, high, lang: str) -> str:
    """A gap in points with its 95 % interval: "+3,2 [−0,4; +6,8]" (Turkish) or "+3.2 [−0.4, +6.8]"."""
    if low is None or high is None or any(isinstance(v, float) and math.isnan(v) for v in (low, high)):
        return _gap(value, lang)
    separator = "; " if lang == "tr" else ", "
    return f"{_gap(value, lang)} [{_gap(low, lang)}{separator}{_gap(high, lang)}]"


def _gap(value: float | None, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value * 100:+.1f}"
    return text.replace(".", ",") if lang == "tr" else text


def _group_label(group: str, lang: str) -> str:
    words = WORDS[lang]
    if group.startswith("district:"):
        return words["district"].format(name=group.split(":", 2)[2])
    return words["group"].get(group, group)


def _number(value: float, lang: str) -> str:
    return f"{round(value):,}".replace(",", "." if lang == "tr" else ",")


def report_markdown(report: Report, lang: str = "en") -> str:
    words = WORDS[lang]
    lines = [
        f"### {words['title'].format(world=report.world.upper(), households=_number(report.households, lang))}",
        "",
        words["setup"].format(
            poor=f"{report.poor_share:.0%}",
            coverage=f"{report.coverage:.1%}",
            poor_tr=f"{report.poor_share * 100:.0f}",
            coverage_tr=f"{report.coverage * 100:.1f}".replace(".", ","),
        ),
    ]
    scopes = list(dict.fromkeys(row.scope for row in report.rows))
    methods = list(report.methods)
    for scope in scopes:
        lines += ["", f"**{words['scope'][scope]}**", "", "| " + " | ".join(words["columns"]) + " |"]
        lines.append("|" + "---|" * len(words["columns"]))
        for method in methods:
            row = report.row(scope, method)
            lines.append(
                f"| {words['method'].get(method, method)} | "
                f"{_interval(row.inclusion, row.inclusion_low, row.inclusion_high, lang)} | "
                f"{_interval(row.exclusion, row.exclusion_low, row.exclusion_high, lang)} | "
                f"{_number(row.selected, lang)} | {_number(row.poor, lang)} |"
            )
    for scope in scopes:
        lines += ["", f"**{words['groups'].format(scope=words['scope'][scope])}**", ""]
        header = words["group_columns"] + [words["method"].get(m, m) for m in methods]
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        groups = [row.group for row in report.rows if row.scope == scope and row.method == methods[0]]
        for group in groups[1:]:
            cells = []
            for method in methods:
                row = report.row(scope, method, group)
                cells.append(
                    f"{_pct(row.exclusion, lang)} "
                    f"({_gap_interval(row.exclusion_gap, row.exclusion_gap_low, row.exclusion_gap_high, lang)}), "
                    f"{_pct(row.inclusion, lang)} "
                    f"({_gap_interval(row.inclusion_gap, row.inclusion_gap_low, row.inclusion_gap_high, lang)})"
                )
            households = report.row(scope, methods[0], group).households
            lines.append(f"| {_group_label(group, lang)} | {_number(households, lang)} | " + " | ".join(cells) + " |")
        lines += ["", f"{words['largest']}:", ""]
        for method in methods:
            gaps = report.largest_gaps.get(f"{scope}/{method}", {})
            parts = []
            for metric in ("exclusion", "exclusion_without_districts", "inclusion"):
                if metric in gaps:
                    parts.append(
                        f"{metric.replace('_', ' ')}: {_group_label(gaps[metric]['group'], lang)} "
                        f"{_gap(gaps[metric]['gap'], lang)} {words['points']}"
                    )
            lines.append(f"- {words['method'].get(method, method)}: " + "; ".join(parts))
    return "\n".join(lines) + "\n"


def model_card(artifact: Artifact, reports: list[Report]) -> dict[str, Any]:
    """The card of a model, from its training description and the evaluation reports."""
    figures = []
    for report in reports:
        for row in report.rows:
            if row.group == "all":
                figures.append({"world": report.world, **row.__dict__})
    from refah.targeting.evaluate import _clean

    return _clean(
        {
            "model": {"kind": artifact.kind, "version": artifact.version, "weights_sha256": artifact.weights_sha256},
            "data": artifact.trained_on,
            "target": "log real consumption per adult equivalent (OECD-modified scale)",
            "features": [
                {"name": f.name, "label_en": f.label_en, "label_tr": f.label_tr, "how": f.how} for f in FEATURES
            ],
            "errors": figures,
            "fairness": {f"{r.world}/{k}": v for r in reports for k, v in r.largest_gaps.items()},
            "limits": LIMITS["en"],
        }
    )


def card_markdown(artifact: Artifact, reports: list[Report], lang: str = "en") -> str:
    card = model_card(artifact, reports)
    title = "Model card" if lang == "en" else "Model kartı"
    lines = [f"## {title}: {artifact.version}", "", f"- SHA-256: `{artifact.weights_sha256}`"]
    data = card["data"]
    lines.append(
        f"- survey: {data.get('survey')} of {data.get('population')} households (train {data.get('train')}, "
        f"validation {data.get('validation')}, test {data.get('test')}), seed {data.get('seed')}"
        if lang == "en"
        else f"- anket: {data.get('population')} haneden {data.get('survey')} hane (eğitim {data.get('train')}, "
        f"doğrulama {data.get('validation')}, test {data.get('test')}), tohum {data.get('seed')}"
    )
    lines.append(f"- {len(FEATURES)} " + ("features" if lang == "en" else "özellik"))
    for report in reports:
        lines += ["", report_markdown(report, lang)]
    lines += ["", f"### {WORDS[lang]['limits']}", ""] + [f"- {limit}" for limit in LIMITS[lang]]
    return "\n".join(lines) + "\n"
