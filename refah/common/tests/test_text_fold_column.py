"""fold_column() folds a whole column exactly as fold() folds each text: names of Turkish and English letters by
Polars, anything else by fold() itself."""

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from refah.common.text import fold, fold_column

LETTERS = "AaBbCcÇçĞğIıİiÖöŞşÜüÂâÎîÛûZz  "
OTHERS = "\t\n\u00a0éÉñßΣσςﬁ\u0307\u200bŁ-'.0"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(LETTERS), st.text(LETTERS + OTHERS)), max_size=30))
def test_a_column_folds_as_each_text_does(texts):
    assert fold_column(pl.Series(texts, dtype=pl.String)).to_list() == [fold(t) for t in texts]


def test_turkish_names_fold_to_plain_lowercase():
    names = ["ŞİRİN  Işık", " Çağrı Öztürk ", "ÂLİ", "İbrahim ÜNAL", ""]
    assert fold_column(pl.Series(names)).to_list() == ["sirin isik", "cagri ozturk", "ali", "ibrahim unal", ""]
