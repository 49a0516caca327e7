"""Why the model proposed a household: the features that moved its prediction most, as reasons in Turkish and
English, in the same form as the rules' reasons (eligibility.explain: code, passed, text).

For the GBM the effects are exact TreeSHAP values (LightGBM `pred_contrib=True`) in log consumption; for the
linear PMT, coefficient × (value − the survey's mean). `effect` is the signed share by which the feature moved the
predicted consumption per adult equivalent: −0.25 means "25 % lower", i.e. towards need.
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
