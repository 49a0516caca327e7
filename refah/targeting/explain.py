"""Why the model proposed a household: the features that moved its prediction most, as reasons in Turkish and
English, in the same form as the rules' reasons (eligibility.explain: code, passed, text).

For the GBM the effects are exact TreeSHAP values (LightGBM `pred_contrib=True`) in log consumption; for the
linear PMT, coefficient × (value − the survey's mean). `effect` is the signed share by which the feature moved the
predicted consumption per adult equivalent: −0.25 means "25 % lower", i.e. towards need.

A scoring run stores each household's reasons compactly, as JSON `[[feature, value, effect], …]` built for a whole
chunk at once (`stored_reasons`, columnar); `proposal_reasons` words them when a person or a committee reads them.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from refah.common.money import format_tl
from refah.eligibility.explain import WORDS
from refah.targeting.features import BY_NAME
from refah.targeting.models import Artifact

PHRASE = {
    "tr": {"lower": "tahmini tüketimi %{p} düşürüyor", "higher": "tahmini tüketimi %{p} artırıyor"},
    "en": {"lower": "lowers predicted consumption by {p} %", "higher": "raises predicted consumption by {p} %"},
}


def format_feature(name: str, value: float, lang: str) -> str:
    kind = BY_NAME[name].kind
    if kind == "flag":
        return WORDS[lang]["yes" if value >= 0.5 else "no"]
    if kind == "log_money":
        return format_tl(int(round(math.expm1(max(float(value), 0.0)) * 100)), lang)
    if kind == "share":
        percent = round(float(value) * 100)
        return f"%{percent}" if lang == "tr" else f"{percent} %"
    if kind == "ratio":
        return f"{float(value):.1f}".replace(".", "," if lang == "tr" else ".")
    return f"{int(round(float(value))):,}".replace(",", "." if lang == "tr" else ",")


@dataclass(frozen=True)
class Reason:
    code: str  # targeting.<feature name>
    label_tr: str
    label_en: str
    value_tr: str
    value_en: str
    effect: float  # signed share of the predicted consumption moved (−0.25: 25 % lower)

    @property
    def value(self) -> str:
        return self.value_tr

    def text(self, lang: str = "tr") -> str:
        label, value = (self.label_tr, self.value_tr) if lang == "tr" else (self.label_en, self.value_en)
        percent = f"{abs(self.effect) * 100:.0f}"
        if lang == "tr":
            percent = percent.replace(".", ",")
        phrase = PHRASE[lang]["lower" if self.effect < 0 else "higher"].format(p=percent)
        return f"{label}: {value} → {phrase}"

    def item(self, lang: str = "tr") -> dict:
        """The reason as the rules' reason items are: code, passed (it points towards need), text."""
        return {"code": self.code, "passed": self.effect < 0, "text": self.text(lang), "effect": round(self.effect, 4)}

    def to_dict(self) -> dict:
        return asdict(self)


def explain(artifact: Artifact, matrix: np.ndarray, rows, top: int = 3) -> list[list[Reason]]:
    """The `top` reasons of each household row in `rows` (features with the largest effect, largest first)."""
    rows = np.asarray(rows, dtype=np.int64)
    if len(rows) == 0:
        return []
    values = matrix[rows]
    contrib = artifact.contributions(values)
    k = min(top, contrib.shape[1])
    order = np.argsort(-np.abs(contrib), axis=1, kind="stable")[:, :k]
    effects = np.expm1(np.take_along_axis(contrib, order, axis=1))
    names = artifact.feature_names
    out = []
    for r in range(len(rows)):
        reasons = []
        for j, effect in zip(order[r], effects[r], strict=True):
            feature = BY_NAME[names[j]]
            value = float(values[r, j])
            reasons.append(
                Reason(
                    code=f"targeting.{feature.name}",
                    label_tr=feature.label_tr,
                    label_en=feature.label_en,
                    value_tr=format_feature(feature.name, value, "tr"),
                    value_en=format_feature(feature.name, value, "en"),
                    effect=float(effect),
                )
            )
        out.append(reasons)
    return out


def top_reasons(artifact: Artifact, matrix: np.ndarray, rows, top: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Columnar form for many households: (feature indexes n × top, effects n × top), largest effect first.

    What a scoring run stores; `explain` words the same for the households a person looks at."""
    rows = np.asarray(rows, dtype=np.int64)
    if len(rows) == 0:
        return np.zeros((0, top), np.int16), np.zeros((0, top), np.float32)
    contrib = artifact.contributions(matrix[rows])
    k = min(top, contrib.shape[1])
    order = (
        np.argpartition(-np.abs(contrib), k - 1, axis=1)[:, :k]
        if contrib.shape[1] > k
        else np.tile(np.arange(k), (len(rows), 1))
    )
    chosen = np.take_along_axis(contrib, order, axis=1)
    resort = np.argsort(-np.abs(chosen), axis=1, kind="stable")
    order = np.take_along_axis(order, resort, axis=1)
    effects = np.expm1(np.take_along_axis(contrib, order, axis=1))
    return order.astype(np.int16), effects.astype(np.float32)


def stored_reasons(artifact: Artifact, matrix: np.ndarray, rows, top: int = 3) -> list[str]:
    """The `top` reasons of each row as the JSON text a scoring run stores, `[["feature", value, effect], …]`,
    largest effect first: TreeSHAP (or the linear terms) and the text built for all rows at once (polars)."""
    import polars as pl

    rows = np.asarray(rows, dtype=np.int64)
    if len(rows) == 0:
        return []
    order, effects = top_reasons(artifact, matrix, rows, top)
    values = np.take_along_axis(matrix[rows].astype(np.float64), order.astype(np.int64), axis=1)
    names = np.asarray(artifact.feature_names, dtype=object)[order]
    columns, parts = {}, []
    for j in range(order.shape[1]):
        columns[f"n{j}"] = names[:, j].tolist()
        columns[f"v{j}"] = np.round(np.nan_to_num(values[:, j], posinf=0.0, neginf=0.0), 4)
        columns[f"e{j}"] = np.round(np.nan_to_num(effects[:, j].astype(np.float64), posinf=0.0, neginf=0.0), 4)
        parts += [pl.col(f"n{j}"), pl.col(f"v{j}"), pl.col(f"e{j}")]
    template = "[" + ",".join('["{}",{},{}]' for _ in range(order.shape[1])) + "]"
    frame = pl.DataFrame(columns).select(pl.format(template, *parts).alias("json"))
    return frame["json"].to_list()


def proposal_reasons(stored: list) -> tuple:
    """A stored proposal's reasons as eligibility's `ProposalReason`s, worded in Turkish and English (labels and
    values as the rules' reasons are). Runs stored before the compact form kept whole reason dicts: read as they are."""
    from refah.eligibility.proposals import ProposalReason  # the app's side; the model core stays free of Django

    out = []
    for item in stored or ():
        if isinstance(item, dict):
            out.append(ProposalReason(**item))
            continue
        name, value, effect = item
        feature = BY_NAME.get(name)
        if feature is None:  # a feature of another model generation: shown by its code, never dropped
            out.append(ProposalReason(f"targeting.{name}", name, name, str(value), str(value), float(effect)))
            continue
        out.append(
            ProposalReason(
                code=f"targeting.{name}",
                label_tr=feature.label_tr,
                label_en=feature.label_en,
                value_tr=format_feature(name, float(value), "tr"),
                value_en=format_feature(name, float(value), "en"),
                effect=float(effect),
            )
        )
    return tuple(out)
