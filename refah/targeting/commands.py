"""What `refah targeting train|evaluate|report` does, as functions (the management command only parses arguments).

train:    generate world A (a province or all), draw the survey, fit the model, write the artifact file;
evaluate: rebuild the training world and survey from the artifact's description, fit the linear PMT baseline on
          the same survey, and measure the need score, the PMT and the model on world A (test sample and
          population) or on world B (population);
report:   both worlds' evaluation and the model card as Markdown (Turkish or English).
"""

from __future__ import annotations

import csv
from pathlib import Path

from refah.eligibility.accuracy import DISTRICTS_CSV
from refah.targeting.card import card_markdown
from refah.targeting.evaluate import Report, evaluate, levelling_for
from refah.targeting.models import KINDS, Artifact, train
from refah.targeting.survey import survey_sample
from refah.targeting.world import WORLDS, load_world, world_supported

DEFAULT_DIR = Path("var/targeting")


class TargetingError(ValueError):
    """A bad argument or file, with the field it is about."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


def _fold(text: str) -> str:
    return text.replace("i̇", "i").translate(str.maketrans("İIıŞşĞğÜüÖöÇç", "IIISSGGUUOOCC")).upper().strip()


def province_plate(value: str | int) -> int | None:
    """A province's plate from its plate number or its name (IĞDIR, Iğdır, igdir); None for "all" (Türkiye)."""
    text = str(value).strip()
    if _fold(text) in ("ALL", "TUMU", "TURKIYE"):
        return None
    if text.isdigit():
        plate = int(text)
        if 1 <= plate <= 81:
            return plate
        raise TargetingError("--province", f"plate {plate} is not between 1 and 81")
    with DISTRICTS_CSV.open(encoding="utf-8") as handle:
        names = {_fold(row["il"]): int(row["il_pcode"][3:]) for row in csv.DictReader(handle)}
    plate = names.get(_fold(text))
    if plate is None:
        raise TargetingError("--province", f"no province is called {text!r}")
    return plate


def _positive(field: str, value: int) -> int:
    if value <= 0:
        raise TargetingError(field, f"must be a positive whole number, not {value}")
    return value


def train_model(*, province: str | int, households: int, survey: int, seed: int, kind: str = "gbm") -> Artifact:
    if kind not in KINDS:
        raise TargetingError("--kind", f"must be one of {', '.join(KINDS)}")
    plate = province_plate(province)
    _positive("--households", households)
    _positive("--survey", survey)
    if survey > households:
        raise TargetingError(
            "--survey", f"the survey ({survey:,}) cannot be larger than the population ({households:,})"
        )
    provinces = None if plate is None else [plate]
    world = load_world(provinces=provinces, households=households, seed=seed, world="a")
    sample = survey_sample(world.batch, size=survey, seed=seed)
    where = "all provinces" if plate is None else f"province {plate}"
    artifact = train(sample, kind=kind, seed=seed, description=f"synthetic world A, {where}")
    artifact.trained_on.update({"province": plate, "world": "a", "world_seed": seed})
    return artifact


def save_model(artifact: Artifact, out: Path | None) -> Path:
    path = Path(out) if out else DEFAULT_DIR / f"{artifact.version}.model"
    try:
        return artifact.save(path)
    except OSError as exc:
        raise TargetingError("--out", f"cannot write {path}: {exc.strerror}") from None


def load_model(path: Path) -> Artifact:
    from refah.targeting.models import ArtifactError

    try:
        return Artifact.load(path)
    except ArtifactError as exc:
        raise TargetingError("--model", str(exc)) from None


def evaluate_model(artifact: Artifact, *, world: str = "a", poor_share: float = 0.2) -> Report:
    """The evaluation of a trained model on world A (with the held-out test sample) or world B."""
    if world not in WORLDS:
        raise TargetingError("--world", f"must be one of {', '.join(WORLDS)}")
    if not world_supported(world):
        raise TargetingError("--world", f"the generator cannot build world {world} yet")
    if not 0 < poor_share < 1:
        raise TargetingError("--poor-share", "must be a share between 0 and 1")
    info = artifact.trained_on
    try:
        plate, households, survey, seed = info["province"], info["population"], info["survey"], info["world_seed"]
    except KeyError as exc:
        raise TargetingError("--model", f"the model does not say what it was trained on ({exc.args[0]})") from None
    provinces = None if plate is None else [plate]
    world_a = load_world(provinces=provinces, households=households, seed=seed, world="a")
    sample = survey_sample(world_a.batch, size=survey, seed=seed)
    baseline = train(sample, kind="linear", seed=info.get("model_seed", seed))
    models = {"linear": baseline} if artifact.kind == "linear" else {"linear": baseline, artifact.kind: artifact}
    # the levelling-up offsets are fitted on world A's survey only, and carried to world B as they are
    levelled = levelling_for(artifact, world_a, sample, poor_share) if artifact.kind == "gbm" else None
    if world == "a":
        return evaluate(world_a, models, poor_share=poor_share, sample=sample, levelled=levelled)
    world_b = load_world(provinces=provinces, households=households, seed=seed, world=world)
    return evaluate(world_b, models, poor_share=poor_share, levelled=levelled)


def attach_card(artifact: Artifact, reports: list[Report]) -> Artifact:
    """Fill the artifact's metrics (each world's and scope's overall errors) and its model card from the reports.
    The header is not part of the weights' hash: the card can be regenerated without changing the model."""
    from refah.targeting.card import model_card

    artifact.metrics = {
        f"{report.world}/{row.scope}/{row.method}": {
            "inclusion": [row.inclusion, row.inclusion_low, row.inclusion_high],
            "exclusion": [row.exclusion, row.exclusion_low, row.exclusion_high],
        }
        for report in reports
        for row in report.rows
        if row.group == "all"
    }
    artifact.card = model_card(artifact, reports)
    return artifact


def report_model(artifact: Artifact, *, lang: str = "en", poor_share: float = 0.2) -> str:
    if lang not in ("tr", "en"):
        raise TargetingError("--lang", "must be tr or en")
    reports = [evaluate_model(artifact, world=w, poor_share=poor_share) for w in WORLDS if world_supported(w)]
    return card_markdown(artifact, reports, lang)
