"""The learned need models: a gradient-boosted model (LightGBM) and a transparent linear PMT.

Both predict log real consumption per adult equivalent from the features (features.py), fitted on the survey's
train part with its design weights; the GBM stops on the validation part. Training is deterministic: LightGBM with
`deterministic=True`, fixed threads and seeds; the linear PMT is a weighted ridge regression solved exactly.

An `Artifact` is what a scoring run, the ledger and the model card refer to: its `version` and `weights_sha256`
(SHA-256 of the serialized weights: LightGBM's model text, or the linear weights as canonical JSON). `save` writes
one file: a JSON header line, then the weights; `load` refuses a file whose weights do not match the hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from refah.eligibility.entities import Batch
from refah.targeting.features import FEATURE_NAMES, feature_matrix
from refah.targeting.survey import Sample
from refah.targeting.truth import target_of

KINDS = ("gbm", "linear")
PERIOD = "2026.12"  # the model generation's label in versions
THREADS = 2
GBM_PARAMS: dict[str, Any] = {
    "objective": "regression",
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_data_in_leaf": 40,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "max_bin": 255,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": THREADS,
    "verbosity": -1,
}
ROUNDS = 2000
EARLY_STOP = 50
RIDGE = 1.0


class ArtifactError(ValueError):
    """A model file that cannot be used (bad header, weights that do not match their hash, unknown kind)."""


@dataclass
class Artifact:
    kind: str
    version: str
    feature_names: list[str]
    params: dict[str, Any]
    weights_sha256: str
    trained_on: dict[str, Any]
    metrics: dict[str, Any] = field(default_factory=dict)
    card: dict[str, Any] = field(default_factory=dict)
    weights: str = field(default="", repr=False)  # LightGBM model text, or the linear weights' canonical JSON

    # --- prediction ---------------------------------------------------------------------------------------

    def predict_log(self, batch_or_matrix: Batch | np.ndarray) -> np.ndarray:
        matrix = self._matrix(batch_or_matrix)
        if self.kind == "gbm":
            return self.booster.predict(matrix, num_threads=THREADS)
        linear = self.linear
        return matrix.astype(np.float64) @ linear["coef"] + linear["intercept"]

    def predict(self, batch_or_matrix: Batch | np.ndarray) -> np.ndarray:
        """Predicted real consumption per adult equivalent (kuruş a month, float64) of every household."""
        return np.exp(self.predict_log(batch_or_matrix))

    def contributions(self, matrix: np.ndarray) -> np.ndarray:
        """Per row and feature, the change in log predicted consumption the feature makes (n × F): exact TreeSHAP
        values for the GBM; for the linear PMT, coefficient × (value − the survey's mean)."""
        matrix = self._matrix(matrix)
        if self.kind == "gbm":
            return self.booster.predict(matrix, pred_contrib=True, num_threads=THREADS)[:, :-1]
        linear = self.linear
        return (matrix.astype(np.float64) - linear["means"]) * linear["coef"]

    def _matrix(self, batch_or_matrix: Batch | np.ndarray) -> np.ndarray:
        matrix = feature_matrix(batch_or_matrix) if isinstance(batch_or_matrix, Batch) else batch_or_matrix
        if matrix.ndim != 2 or matrix.shape[1] != len(self.feature_names):
            raise ArtifactError(f"the model expects {len(self.feature_names)} features, not {matrix.shape[-1]}")
        return matrix

    @property
    def booster(self):
        if "_booster" not in self.__dict__:
            import lightgbm

            self.__dict__["_booster"] = lightgbm.Booster(model_str=self.weights)
        return self.__dict__["_booster"]

    @property
    def linear(self) -> dict[str, Any]:
        if "_linear" not in self.__dict__:
            data = json.loads(self.weights)
            coef = np.array([data["coefficients"][name] for name in self.feature_names], np.float64)
            means = np.array([data["means"][name] for name in self.feature_names], np.float64)
            self.__dict__["_linear"] = {"coef": coef, "intercept": float(data["intercept"]), "means": means}
        return self.__dict__["_linear"]

    # --- files ----------------------------------------------------------------------------------------------

    def header(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("weights")
        return data

    def save(self, path: Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        header = json.dumps(self.header(), ensure_ascii=False, sort_keys=True, allow_nan=False)
        path.write_text(header + "\n" + self.weights, encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: Path) -> Artifact:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ArtifactError(f"cannot read the model file {path}: {exc.strerror}") from None
        first, _, weights = text.partition("\n")
        try:
            header = json.loads(first)
            artifact = cls(**header, weights=weights)
        except (json.JSONDecodeError, TypeError) as exc:
            raise ArtifactError(f"{path} is not a targeting model file: {exc}") from None
        if artifact.kind not in KINDS:
            raise ArtifactError(f"{path}: unknown model kind {artifact.kind!r}")
        actual = sha256(weights)
        if actual != artifact.weights_sha256:
            raise ArtifactError(
                f"{path}: the weights do not match their hash (file {actual[:12]}…, header "
                f"{artifact.weights_sha256[:12]}…): the file was changed or damaged"
            )
        if list(artifact.feature_names) != list(FEATURE_NAMES):
            raise ArtifactError(f"{path}: the model was trained on other features than this version computes")
        return artifact


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def training_data(sample: Sample) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(features, log target, design weights) of each part of the sample.

    Features are computed over the whole population (the district means are registry context), then the sample's
    rows taken."""
    matrix = feature_matrix(sample.population)
    target = np.log(np.maximum(target_of(sample.population), 1.0))
    out = {}
    for part in ("train", "validation", "test"):
        rows, weights = sample.of(part)
        out[part] = (matrix[rows], target[rows], weights)
    return out


def train(sample: Sample, *, kind: str, seed: int, description: str = "") -> Artifact:
    """Fit a model of `kind` ("gbm" or "linear") on the sample's train part; reproducible from the seed."""
    if kind not in KINDS:
        raise ValueError(f"model kind must be one of {', '.join(KINDS)}, not {kind!r}")
    data = training_data(sample)
    trained_on = {"description": description, **sample.description(), "model_seed": seed}
    if kind == "gbm":
        weights, params = _train_gbm(data, seed)
    else:
        weights, params = _train_linear(data)
    return Artifact(
        kind=kind,
        version=f"{PERIOD}-{kind}-s{seed}",
        feature_names=list(FEATURE_NAMES),
        params=params,
        weights_sha256=sha256(weights),
        trained_on=trained_on,
        weights=weights,
    )


def _train_gbm(data: dict, seed: int) -> tuple[str, dict[str, Any]]:
    import lightgbm

    x, y, w = data["train"]
    xv, yv, wv = data["validation"]
    params = {
        **GBM_PARAMS,
        "seed": seed,
        "bagging_seed": seed,
        "feature_fraction_seed": seed,
        "data_random_seed": seed,
    }
    names = list(FEATURE_NAMES)
    train_set = lightgbm.Dataset(x, y, weight=w, feature_name=names, free_raw_data=True)
    valid_set = lightgbm.Dataset(xv, yv, weight=wv, reference=train_set)
    booster = lightgbm.train(
        params,
        train_set,
        num_boost_round=ROUNDS,
        valid_sets=[valid_set],
        callbacks=[lightgbm.early_stopping(EARLY_STOP, verbose=False)],
    )
    params["rounds"] = int(booster.best_iteration or booster.current_iteration())
    return booster.model_to_string(num_iteration=params["rounds"]), params


def _train_linear(data: dict) -> tuple[str, dict[str, Any]]:
    """Weighted ridge regression on standardised features, published back in the features' own units."""
    x, y, w = data["train"]
    x = x.astype(np.float64)
    w = w / w.sum()
    mean = w @ x
    std = np.sqrt(w @ (x - mean) ** 2)
    std[std == 0] = 1.0
    z = (x - mean) / std
    y_mean = float(w @ y)
    gram = z.T @ (z * w[:, None]) + RIDGE / len(y) * np.eye(z.shape[1])
    beta = np.linalg.solve(gram, z.T @ (w * (y - y_mean)))
    coef = beta / std
    intercept = y_mean - float(mean @ coef)
    weights = {
        "intercept": round(intercept, 10),
        "coefficients": {name: round(float(c), 10) for name, c in zip(FEATURE_NAMES, coef, strict=True)},
        "means": {name: round(float(m), 10) for name, m in zip(FEATURE_NAMES, mean, strict=True)},
    }
    return json.dumps(weights, sort_keys=True, separators=(",", ":")), {"ridge": RIDGE, "target": "log kuruş per AE"}
