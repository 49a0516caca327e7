"""The evidence in words and the percentage, in Turkish and English; every level of the model has its words."""

from django.utils import translation

from refah.linkage import model, words


def test_every_level_of_the_model_has_words():
    levels = {(c.name, level.key) for c in model.COMPARISONS for level in c.levels}
    assert levels <= set(words.LEVEL_WORDS)
    assert {c.name for c in model.COMPARISONS} == set(words.COMPARISON_LABELS)


def test_evidence_and_percent_in_both_languages():
    evidence = {"name": "first_fuzzy_last_exact", "birth_date": "day_month_swapped", "phone": "missing"}
    with translation.override("tr"):
        assert words.evidence_lines(evidence) == [
            ("Ad", "soyadı aynı, ad biraz farklı yazılmış"),
            ("Doğum tarihi", "gün ve ay yer değiştirmiş"),
            ("Telefon", "bir tarafta belirtilmemiş"),
        ]
        assert words.percent(0.934) == "%93"
    with translation.override("en"):
        assert words.percent(0.934) == "93%"
        assert words.evidence_lines({"name": "exact"}) == [("Name", "first and last name the same")]
