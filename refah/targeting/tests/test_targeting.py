"""The targeting core on a small synthetic world (Iğdır, 12,000 households, a survey of 2,500)."""

import json

import numpy as np
import pytest

from refah.targeting.commands import (
    TargetingError,
    attach_card,
    evaluate_model,
    province_plate,
    save_model,
    train_model,
)
from refah.targeting.evaluate import NEED_SCORE, evaluate, wilson
from refah.targeting.explain import explain
from refah.targeting.features import FEATURE_NAMES, feature_matrix
from refah.targeting.models import Artifact, ArtifactError
from refah.targeting.policy import cutoff_for_budget, cutoff_for_coverage, cutoffs_by_group, select
from refah.targeting.survey import survey_sample
from refah.targeting.truth import poor_mask, target_of
from refah.targeting.world import load_world, world_supported

HOUSEHOLDS, SURVEY, SEED = 12_000, 2_500, 42


@pytest.fixture(scope="module")
def trained():
    artifact = train_model(province="IĞDIR", households=HOUSEHOLDS, survey=SURVEY, seed=SEED, kind="gbm")
    report = evaluate_model(artifact, world="a")
    return artifact, report


def test_features_never_read_the_truth():
    world = load_world(provinces=[76], households=2_000, seed=3)
    matrix = feature_matrix(world.batch)
    world.batch.truth.clear()
    assert np.array_equal(feature_matrix(world.batch), matrix)
    assert matrix.shape == (2_000, len(FEATURE_NAMES)) and matrix.dtype == np.float32
    with pytest.raises(ValueError, match="true consumption"):
        target_of(world.batch)


def test_survey_is_stratified_weighted_and_split_apart():
    world = load_world(provinces=[76], households=5_000, seed=3)
    sample = survey_sample(world.batch, size=1_000, seed=7)
    assert sample.size == 1_000 and len(np.unique(sample.rows)) == 1_000
    # design weights add up to the population in each stratum (province × rural)
    rural = world.batch.households["is_rural"]
    for flag in (False, True):
        in_stratum = rural[sample.rows] == flag
        assert sample.weights[in_stratum].sum() == pytest.approx((rural == flag).sum())
    parts = [set(sample.of(part)[0]) for part in ("train", "validation", "test")]
    assert not (parts[0] & parts[1]) and not (parts[0] & parts[2]) and not (parts[1] & parts[2])
    assert [len(p) for p in parts] == [600, 200, 200]
    again = survey_sample(world.batch, size=1_000, seed=7)
    assert np.array_equal(again.rows, sample.rows) and np.array_equal(again.part, sample.part)
    assert not np.array_equal(survey_sample(world.batch, size=1_000, seed=8).rows, sample.rows)
    with pytest.raises(ValueError, match="survey size"):
        survey_sample(world.batch, size=6_000, seed=7)


def test_poor_are_the_person_weighted_bottom_share():
    world = load_world(provinces=[76], households=3_000, seed=5)
    poor = poor_mask(world.batch, 0.2)
    persons = world.batch.sizes
    assert 0.19 <= persons[poor].sum() / persons.sum() <= 0.21
    assert target_of(world.batch)[poor].max() < target_of(world.batch)[~poor].min()


def test_policy_cutoffs_reach_coverage_and_budget():
    pred = np.array([5.0, 1.0, 3.0, 2.0, 4.0])
    assert select(pred, cutoff_for_coverage(pred, 0.4)).sum() == 2
    weights = np.array([1.0, 3.0, 1.0, 1.0, 1.0])
    assert cutoff_for_coverage(pred, 0.4, weights) == 1.0  # the first household stands for 3 of 7
    amounts = np.array([100, 100, 100, 100, 100], np.int64)
    assert select(pred, cutoff_for_budget(pred, amounts, 250)).sum() == 2
    assert cutoff_for_budget(pred, amounts, 50) == float("-inf")
    groups = np.array([1, 1, 2, 2, 2])
    cutoffs = cutoffs_by_group(pred, groups, 0.5)
    assert select(pred, cutoffs, groups).tolist() == [False, True, True, True, False]
    with pytest.raises(ValueError, match="coverage"):
        cutoff_for_coverage(pred, 1.5)
    with pytest.raises(ValueError, match="integer kuruş"):
        cutoff_for_budget(pred, amounts.astype(float), 100)


def test_gbm_beats_the_need_score_on_world_a(trained):
    _, report = trained
    for scope in ("test", "population"):
        need, gbm = report.row(scope, NEED_SCORE), report.row(scope, "gbm")
        assert gbm.exclusion < need.exclusion, scope
        assert gbm.inclusion < need.inclusion, scope
        assert gbm.exclusion_low <= gbm.exclusion <= gbm.exclusion_high
    assert report.methods["gbm"]["coverage"] == pytest.approx(report.coverage, abs=0.002)
    assert report.methods[NEED_SCORE]["coverage"] == pytest.approx(report.coverage, abs=0.01)


@pytest.mark.skipif(not world_supported("b"), reason="the generator has no second world yet")
def test_gbm_beats_the_need_score_on_world_b(trained):
    artifact, _ = trained
    report = evaluate_model(artifact, world="b")
    need, gbm = report.row("population", NEED_SCORE), report.row("population", "gbm")
    assert gbm.exclusion < need.exclusion and gbm.inclusion < need.inclusion


def test_groups_and_gaps_are_reported(trained):
    _, report = trained
    groups = {row.group for row in report.rows if row.scope == "population" and row.method == "gbm"}
    assert {"women_headed", "disabled_member", "elderly_member", "refugee", "rural", "urban"} <= groups
    assert any(group.startswith("district:TUR076") for group in groups)
    women = report.row("population", "gbm", "women_headed")
    # the gap is the group's error minus the rest's, cross-checked by hand here
    rest_poor = report.row("population", "gbm").poor - women.poor
    rest_missed = report.row("population", "gbm").exclusion * report.row("population", "gbm").poor - (
        women.exclusion * women.poor
    )
    assert women.exclusion_gap == pytest.approx(women.exclusion - rest_missed / rest_poor)
    # each gap has its 95 % interval (Newcombe), around it
    assert women.exclusion_gap_low < women.exclusion_gap < women.exclusion_gap_high
    assert women.inclusion_gap_low < women.inclusion_gap < women.inclusion_gap_high
    test_women = report.row("test", "gbm", "women_headed")  # fewer households: a wider interval
    assert (test_women.exclusion_gap_high - test_women.exclusion_gap_low) > (
        women.exclusion_gap_high - women.exclusion_gap_low
    )
    assert "exclusion" in report.largest_gaps["population/gbm"]
    text = report.to_markdown("tr")
    assert "kadın reisli" in text and "yayımlanan ihtiyaç puanı" in text and "%" in text


@pytest.mark.parametrize("weighted", [False, True])
def test_group_gaps_are_what_fairlearns_metric_frame_gives(weighted):
    from fairlearn.metrics import MetricFrame

    from refah.targeting.evaluate import _exclusion, _group_rows, _inclusion

    rng = np.random.default_rng(5)
    n = 3_000
    poor, chosen = rng.random(n) < 0.2, rng.random(n) < 0.22
    in_scope = rng.random(n) < (0.5 if weighted else 1.0)
    weights = np.where(in_scope, rng.uniform(0.5, 4.0, n), 0.0) if weighted else None
    groups = {"a": rng.random(n) < 0.3, "b": rng.random(n) < 0.6, "none": np.zeros(n, bool)}
    rows = {row.group: row for row in _group_rows("s", "m", groups, in_scope, poor, chosen, weights)}
    assert set(rows) == {"a", "b"}  # a group with no household in scope is left out
    idx = np.flatnonzero(in_scope)
    metrics = {"exclusion": _exclusion, "inclusion": _inclusion}
    params = None if weights is None else {k: {"sample_weight": weights[idx]} for k in metrics}
    for name in ("a", "b"):
        frame = MetricFrame(
            metrics=metrics,
            y_true=poor[idx].astype(int),
            y_pred=chosen[idx].astype(int),
            sensitive_features=np.where(groups[name][idx], "group", "rest"),
            sample_params=params,
        ).by_group
        assert rows[name].exclusion == pytest.approx(frame.loc["group", "exclusion"])
        assert rows[name].exclusion_gap == pytest.approx(
            frame.loc["group", "exclusion"] - frame.loc["rest", "exclusion"]
        )
        assert rows[name].inclusion_gap == pytest.approx(
            frame.loc["group", "inclusion"] - frame.loc["rest", "inclusion"]
        )


def test_levelling_up_moves_a_missed_group_towards_the_list_and_never_a_favoured_one():
    from refah.targeting.policy import apply_offsets, exclusion_gap, levelling_offsets

    rng = np.random.default_rng(3)
    n = 20_000
    truth = rng.lognormal(10, 0.6, n)
    missed, favoured = rng.random(n) < 0.3, rng.random(n) < 0.2
    # the ranking over-predicts the first group's consumption by 35 % and under-predicts the second's
    pred = truth * rng.lognormal(0, 0.3, n) * np.where(missed, 1.35, 1.0) * np.where(favoured, 0.8, 1.0)
    poor = truth <= np.quantile(truth, 0.2)
    groups = {"missed": missed, "favoured": favoured, "empty": np.zeros(n, bool)}
    assert exclusion_gap(pred, poor, missed, 0.2) > 0.15 and exclusion_gap(pred, poor, favoured, 0.2) < -0.1
    offsets = levelling_offsets(pred, poor, groups, 0.2)
    assert offsets["missed"] < -0.1 and offsets["favoured"] == 0.0 and offsets["empty"] == 0.0
    levelled = apply_offsets(pred, groups, offsets)
    assert abs(exclusion_gap(levelled, poor, missed, 0.2)) <= 0.01  # levelled up to the rest, not beyond
    assert exclusion_gap(levelled, poor, favoured, 0.2) < 0  # still in its favour: nobody is moved away
    assert np.array_equal(levelled[~missed], pred[~missed])  # only the levelled group's ranking moved


def test_the_report_measures_the_levelled_ranking_beside_the_model(trained):
    _, report = trained
    offsets = report.methods["gbm_levelled"]["offsets"]
    assert offsets and all(value <= 0 for value in offsets.values())
    assert "urban" not in offsets and all(not k.startswith("district:TUR001") for k in offsets)  # survey's only
    levelled = report.row("population", "gbm_levelled")
    assert levelled.households == report.row("population", "gbm").households
    assert "yukarı dengelenmiş" in report.to_markdown("tr")


def test_training_and_report_are_reproduced_from_the_seed(trained, tmp_path):
    artifact, report = trained
    again = train_model(province=76, households=HOUSEHOLDS, survey=SURVEY, seed=SEED, kind="gbm")
    assert again.weights_sha256 == artifact.weights_sha256
    assert evaluate_model(again, world="a").to_json() == report.to_json()
    other = train_model(province=76, households=HOUSEHOLDS, survey=SURVEY, seed=SEED + 1, kind="gbm")
    assert other.weights_sha256 != artifact.weights_sha256


def test_artifact_file_round_trip_and_hash_check(trained, tmp_path):
    artifact, report = trained
    attach_card(artifact, [report])
    path = save_model(artifact, tmp_path / "m.model")
    loaded = Artifact.load(path)
    assert loaded.metrics["a/test/gbm"]["exclusion"][0] == report.row("test", "gbm").exclusion
    assert loaded.card["model"]["weights_sha256"] == artifact.weights_sha256 and loaded.card["fairness"]
    world = load_world(provinces=[76], households=1_000, seed=9)
    assert np.array_equal(loaded.predict(world.batch), artifact.predict(world.batch))
    assert loaded.version == "2026.12-gbm-s42" and loaded.weights_sha256 == artifact.weights_sha256
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("leaf_value=", "leaf_value=1", 1), encoding="utf-8")
    with pytest.raises(ArtifactError, match="do not match their hash"):
        Artifact.load(path)
    path.write_text("not a model", encoding="utf-8")
    with pytest.raises(ArtifactError, match="not a targeting model file"):
        Artifact.load(path)


def test_linear_pmt_publishes_its_weights():
    world = load_world(provinces=[76], households=4_000, seed=11)
    sample = survey_sample(world.batch, size=1_500, seed=11)
    from refah.targeting.models import train

    linear = train(sample, kind="linear", seed=11)
    weights = json.loads(linear.weights)
    assert set(weights["coefficients"]) == set(FEATURE_NAMES)
    assert weights["coefficients"]["income_ae_log"] > 0  # more declared income, more consumption
    matrix = feature_matrix(world.batch)
    expected = matrix.astype(float) @ np.array([weights["coefficients"][n] for n in FEATURE_NAMES])
    assert np.allclose(np.log(linear.predict(matrix)), expected + weights["intercept"])


def test_explanations_name_the_features_that_moved_the_prediction(trained):
    artifact, _ = trained
    world = load_world(provinces=[76], households=1_000, seed=9)
    matrix = feature_matrix(world.batch)
    reasons = explain(artifact, matrix, [0, 5, 7], top=3)
    assert [len(r) for r in reasons] == [3, 3, 3]
    contributions = artifact.contributions(matrix[[0]])[0]
    top = FEATURE_NAMES[int(np.argmax(np.abs(contributions)))]
    first = reasons[0][0]
    assert first.code == f"targeting.{top}"
    assert first.effect == pytest.approx(np.expm1(contributions[FEATURE_NAMES.index(top)]))
    item = first.item("tr")
    assert set(item) >= {"code", "passed", "text"} and item["passed"] == (first.effect < 0)
    assert "tahmini tüketimi" in item["text"] and "predicted consumption" in first.text("en")
    # SHAP values add up to the prediction (TreeSHAP is exact)
    full = artifact.booster.predict(matrix[:1], pred_contrib=True)[0]
    assert full.sum() == pytest.approx(np.log(artifact.predict(matrix[:1]))[0], rel=1e-6)


def test_bad_arguments_get_clear_errors(tmp_path):
    assert province_plate("Iğdır") == 76 and province_plate("76") == 76 and province_plate("all") is None
    with pytest.raises(TargetingError, match="--province"):
        province_plate("ATLANTIS")
    with pytest.raises(TargetingError, match="--survey"):
        train_model(province=76, households=100, survey=500, seed=1)
    with pytest.raises(TargetingError, match="--households"):
        train_model(province=76, households=0, survey=0, seed=1)


def test_wilson_interval():
    share, low, high = wilson(20, 100)
    assert share == 0.2 and low == pytest.approx(0.1334, abs=1e-4) and high == pytest.approx(0.2888, abs=1e-4)


def test_evaluate_without_sample_has_only_the_population_scope():
    world = load_world(provinces=[76], households=3_000, seed=13)
    report = evaluate(world, {})
    assert {row.scope for row in report.rows} == {"population"}
    assert report.row("population", NEED_SCORE).households == 3_000
