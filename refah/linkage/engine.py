"""Record linkage engine: Arrow in, Arrow out, Splink 5 on DuckDB; no Django models.

`link(records, persons)` matches the records of a file against the registry's persons; `dedupe(records)`
finds the records of one table that are the same person. Both fold Turkish names in DuckDB, null out
identity numbers that fail the TC Kimlik No checksum, block on the columns of `model.BLOCKING`, score the
pairs with the fixed model of `model.py`, and keep the hard rule: two records whose identity numbers are
both valid and different are never linked. A pair at or above `accept` is a link, one between `review`
and `accept` goes to a clerk, one below is no link.
"""

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from refah.linkage import model
from refah.registry.linkage_columns import LINKAGE_SCHEMA

RECORD_COLUMNS = LINKAGE_SCHEMA  # the registry's persons and the records to link: one schema

LINK_COLUMNS = pa.schema(
    [
        ("record_id", pa.string()),
        ("person_id", pa.string()),
        ("match_probability", pa.float64()),
        ("match_weight", pa.float64()),
        ("evidence", pa.string()),
        ("decision", pa.string()),  # "linked" or "review"
    ]
)
PAIR_COLUMNS = pa.schema(
    [
        ("record_id_l", pa.string()),
        ("record_id_r", pa.string()),
        ("match_probability", pa.float64()),
        ("match_weight", pa.float64()),
        ("evidence", pa.string()),
    ]
)
DEDUPE_COLUMNS = pa.schema([("record_id", pa.string()), ("cluster_id", pa.string())])

LINKED, REVIEW = "linked", "review"


@dataclass(frozen=True)
class Settings:
    accept: float = 0.7  # at or above: linked
    review: float = 0.2  # from here up to accept: clerical review; below: no link
    candidates: int = 3  # candidates shown to the reviewer
    # The prior that two records are the same person is 1/N, N the larger input but at least this many: a
    # small registry (a test, a new district) must not make a weak agreement look likely.
    population: int = 1_000_000
    threads: int = 2
    memory_limit: str = "2GB"


DEFAULT = Settings()

# TC Kimlik No checksum over a column (refah.registry.identity holds the same rule for one number). Digits by
# integer arithmetic: an 11-character text that casts to at least 10^10 is 11 digits, the first not 0.
_D = [f"(v // {10 ** (10 - i)} % 10)" for i in range(11)]
_TC_VALID = (
    "CREATE OR REPLACE MACRO tc_check(v) AS "
    f"((({_D[0]} + {_D[2]} + {_D[4]} + {_D[6]} + {_D[8]}) * 7 - ({_D[1]} + {_D[3]} + {_D[5]} + {_D[7]})) % 10 + 10)"
    f" % 10 = {_D[9]} AND ({' + '.join(_D[:10])}) % 10 = {_D[10]};"
    "CREATE OR REPLACE MACRO tc_value(n) AS CASE WHEN length(n) = 11 THEN TRY_CAST(n AS BIGINT) END;"
    "CREATE OR REPLACE MACRO tc_valid(n) AS coalesce(tc_value(n) >= 10000000000 AND tc_check(tc_value(n)), false)"
)
# Turkish folding: strip_accents takes ş ç ğ ö ü â, upper takes ı and i to I; any run of other characters
# becomes one space.
_FOLD = (
    "CREATE OR REPLACE MACRO fold(x) AS nullif(trim(regexp_replace(upper(strip_accents(x)), '[^A-Z]+', ' ', 'g')), '')"
)
# Consonants of a folded name: "Yıldırım" and "Yldrm" (Turkish letters dropped) share "YLDRM".
_SKELETON = "CREATE OR REPLACE MACRO skeleton(x) AS nullif(regexp_replace(x, '[AEIOU ]', '', 'g'), '')"
_DIGITS = "CREATE OR REPLACE MACRO digits(x) AS nullif(regexp_replace(x, '[^0-9]', '', 'g'), '')"


def connect(settings: Settings = DEFAULT) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory DuckDB with the folding and checksum macros."""
    con = duckdb.connect(":memory:")
    _run(con, f"SET threads = {int(settings.threads)}")
    _run(con, f"SET memory_limit = '{settings.memory_limit}'")
    _run(con, "SET preserve_insertion_order = false")
    # Spill to the system's temporary directory, never into the working directory (DuckDB's default ".tmp").
    _run(con, f"SET temp_directory = '{Path(tempfile.gettempdir()) / 'refah-linkage'}'")
    for macro in (_TC_VALID, _FOLD, _SKELETON, _DIGITS):
        _run(con, macro)
    return con


def _run(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """A statement whose result is not needed (DuckDB 2 wants every result finished)."""
    con.execute(sql).fetchall()


NAME_COLUMNS = ("first_name", "last_name", "father_name", "mother_name", "neighbourhood")


def _prepare(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    """Folded, checked columns of one input as table `name`.

    Names repeat (a few thousand distinct among millions of rows): each column is dictionary-encoded by Arrow,
    only its distinct words are folded in DuckDB, and the folded words are put back by index. Splink's
    unique_id is the row's position (an integer joins faster than a text id); record_id is kept beside it."""
    table = table.select(RECORD_COLUMNS.names).cast(RECORD_COLUMNS)
    table = table.append_column("unique_id", pa.array(np.arange(len(table), dtype=np.int64)))
    for column in NAME_COLUMNS:
        folded, skeleton = _fold_words(con, table[column])
        table = table.set_column(table.schema.get_field_index(column), column, folded)
        if column in ("first_name", "last_name"):
            table = table.append_column(f"{column}_skeleton", skeleton)
    con.register(f"{name}_arrow", table)
    _run(
        con,
        f"""
        CREATE TABLE {name} AS
        SELECT unique_id, record_id,
               CASE WHEN tc_valid(national_id) THEN national_id END AS national_id,
               first_name, last_name, birth_date, year(birth_date) AS birth_year, father_name, mother_name,
               nullif(trim(district), '') AS district, neighbourhood, right(digits(phone), 10) AS phone,
               least(first_name, last_name) || ' ' || greatest(first_name, last_name) AS name_key,
               least(first_name_skeleton, last_name_skeleton) || ' '
                   || greatest(first_name_skeleton, last_name_skeleton) AS skeleton_key
        FROM {name}_arrow
        """,
    )
    con.unregister(f"{name}_arrow")


def _fold_words(con: duckdb.DuckDBPyConnection, column: pa.ChunkedArray) -> tuple[pa.Array, pa.Array]:
    """The column folded, and its consonant skeleton, computed once per distinct word."""
    encoded = column.combine_chunks().dictionary_encode()
    words = pa.table({"position": pa.array(range(len(encoded.dictionary)), pa.int64()), "word": encoded.dictionary})
    con.register("words_arrow", words)
    result = con.sql(
        "SELECT fold(word) AS folded, skeleton(fold(word)) AS skeleton FROM words_arrow ORDER BY position"
    ).to_arrow_table()
    con.unregister("words_arrow")
    return (
        result["folded"].combine_chunks().take(encoded.indices),
        result["skeleton"].combine_chunks().take(encoded.indices),
    )


def _share_squared(con, tables: list[str], columns: tuple[str, ...]) -> float:
    """Probability that two records drawn at random agree on `columns` (sum of squared value shares)."""
    union = " UNION ALL ".join(f"SELECT {', '.join(columns)} FROM {t}" for t in tables)
    not_null = " AND ".join(f"{c} IS NOT NULL" for c in columns)
    sql = (
        f"WITH v AS ({union}), c AS (SELECT count(*) AS k FROM v WHERE {not_null} GROUP BY {', '.join(columns)}) "
        "SELECT sum(k * k) / greatest(sum(k) * sum(k), 1) FROM c"
    )
    return float(con.execute(sql).fetchall()[0][0] or 0.0)


def _u_measured(con, tables: list[str], rows: int) -> dict[tuple[str, str], float]:
    if rows < model.MEASURE_FROM:
        return {}
    return {key: _share_squared(con, tables, columns) for key, columns in model.MEASURED.items()}


def _block(con, tables: list[str]) -> str:
    """The pairs to score, as Splink's blocked-pairs table: records agreeing on every column of a key of
    model.BLOCKING. Each key is hashed with its number to one integer per record, and one join on that integer
    finds the pairs of every key at once (a hash collision only adds a pair to score)."""
    for table in tables:
        parts = [
            f"SELECT unique_id AS uid, hash({n}, {', '.join(key)}) AS k FROM {table} "
            f"WHERE {' AND '.join(f'{c} IS NOT NULL' for c in key)}"
            for n, key in enumerate(model.BLOCKING)
        ]
        _run(con, f"CREATE TABLE {table}_keys AS {' UNION ALL '.join(parts)}")
    if len(tables) == 1:
        (table,) = tables
        join = f"{table}_keys l JOIN {table}_keys r ON l.k = r.k AND l.uid < r.uid"
        _run(con, f"CREATE TABLE pairs AS SELECT DISTINCT l.uid AS a, r.uid AS b FROM {join}")
        ids = "a AS join_key_l, b AS join_key_r"
    else:
        left, right = tables
        join = f"{left}_keys l JOIN {right}_keys r ON l.k = r.k"
        _run(con, f"CREATE TABLE pairs AS SELECT DISTINCT l.uid AS a, r.uid AS b FROM {join}")
        sep = "-__-"  # Splink's separator of source dataset and unique id
        ids = f"'{left}{sep}' || a AS join_key_l, '{right}{sep}' || b AS join_key_r"
    _run(con, f"CREATE TABLE blocked AS SELECT '0' AS match_key, {ids} FROM pairs")
    for table in tables:
        _run(con, f"DROP TABLE {table}_keys")
    _run(con, "DROP TABLE pairs")
    return "blocked"


def _prior(settings: Settings, rows: int) -> float:
    return 1.0 / max(rows, settings.population)


def _evidence_sql() -> str:
    """JSON of the level each comparison reached, from Splink's gamma columns."""
    parts = []
    for comparison in model.COMPARISONS:
        cases = " ".join(f"WHEN {gamma} THEN '{key}'" for gamma, key in enumerate(comparison.keys()))
        parts.append(f"'{comparison.name}', CASE gamma_{comparison.name} {cases} ELSE 'missing' END")
    return f"CAST(json_object({', '.join(parts)}) AS VARCHAR)"


def _score(con, tables: list[str], link_type: str, prior: float, threshold: float, rows: int) -> str:
    """Scored pairs at or above `threshold`, the hard rule applied, as a DuckDB table name."""
    from splink import DuckDBAPI, Linker  # Splink is heavy to import; only the engine needs it

    db_api = DuckDBAPI(connection=con)
    compared = ", ".join(sorted({"unique_id", *model.COMPARED}))
    for t in tables:  # Splink carries every column of its input: give it only those the comparisons read
        _run(con, f"CREATE VIEW {t}_compared AS SELECT {compared} FROM {t}")
    frames = [db_api.register(f"{t}_compared", dataset_display_name=t) for t in tables]
    settings = {
        "link_type": link_type,
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": prior,
        "comparisons": model.comparison_dicts(_u_measured(con, tables, rows)),
        "retain_matching_columns": True,  # with them the gamma columns: evidence, hard rule
        "retain_intermediate_calculation_columns": False,
    }
    linker = Linker(frames if len(frames) > 1 else frames[0], settings, log_level=None)
    blocked = db_api.register(_block(con, tables), table_name="blocked_pairs")
    linker.table_management.register_blocked_pairs_for_predict(blocked)
    predictions = linker.inference.predict(threshold_match_probability=threshold, warning_mode="never")
    left, right = tables[0], tables[-1]
    if len(tables) > 1:  # which side of a pair is the record and which the person
        uid_l = f"CASE WHEN source_dataset_l = '{left}' THEN unique_id_l ELSE unique_id_r END"
        uid_r = f"CASE WHEN source_dataset_l = '{left}' THEN unique_id_r ELSE unique_id_l END"
    else:
        uid_l, uid_r = "unique_id_l", "unique_id_r"
    _run(
        con,
        f"""
        CREATE TABLE scored AS
        WITH p AS (
            SELECT {uid_l} AS uid_l, {uid_r} AS uid_r, match_probability, match_weight,
                   {_evidence_sql()} AS evidence
            FROM {predictions.physical_name}
            WHERE gamma_national_id <> 0  -- hard rule: both valid and different is never a link
        )
        SELECT l.record_id AS record_id_l, r.record_id AS record_id_r, match_probability, match_weight, evidence
        FROM p JOIN {left} l ON l.unique_id = p.uid_l JOIN {right} r ON r.unique_id = p.uid_r
        """,
    )
    predictions.drop_table_from_database_and_remove_from_cache()
    return "scored"


def link(records: pa.Table, persons: pa.Table, *, settings: Settings = DEFAULT) -> pa.Table:
    """Each record's candidates among `persons` (both in RECORD_COLUMNS; persons' record_id is the person id).

    One row per record linked (its best person, `decision` "linked") or per candidate of a record left for
    review (up to `settings.candidates`, best first, `decision` "review"); records without a candidate at
    or above `review` are absent. A record is linked only when one person alone reaches `accept`.
    """
    if not len(records) or not len(persons):
        return LINK_COLUMNS.empty_table()
    con = connect(settings)
    try:
        _prepare(con, "records", records)
        _prepare(con, "persons", persons)
        _score(con, ["records", "persons"], "link_only", _prior(settings, len(persons)), settings.review, len(persons))
        result = con.sql(
            f"""
            WITH pairs AS (
                SELECT record_id_l AS record_id, record_id_r AS person_id, match_probability, match_weight, evidence
                FROM scored
            ), ranked AS (
                SELECT *, row_number() OVER (PARTITION BY record_id ORDER BY match_weight DESC, person_id) AS rank,
                       count(*) FILTER (WHERE match_probability >= {settings.accept})
                           OVER (PARTITION BY record_id) AS accepted
                FROM pairs
            )
            SELECT record_id, person_id, match_probability, match_weight, evidence,
                   CASE WHEN accepted = 1 THEN '{LINKED}' ELSE '{REVIEW}' END AS decision
            FROM ranked
            WHERE (accepted = 1 AND rank = 1) OR (accepted <> 1 AND rank <= {int(settings.candidates)})
            ORDER BY record_id, rank
            """
        ).to_arrow_table()
    finally:
        con.close()
    return result.cast(LINK_COLUMNS)


def dedupe_pairs(records: pa.Table, *, settings: Settings = DEFAULT) -> tuple[pa.Table, pa.Table]:
    """Pairs of records of one table scoring at least `review` (PAIR_COLUMNS), and each record's valid
    identity number (record_id, national_id) for the clustering's hard rule."""
    if len(records) < 2:
        return PAIR_COLUMNS.empty_table(), pa.table({"record_id": [], "national_id": []})
    con = connect(settings)
    try:
        _prepare(con, "records", records)
        _score(con, ["records"], "dedupe_only", _prior(settings, len(records)), settings.review, len(records))
        pairs = con.sql(
            "SELECT record_id_l, record_id_r, match_probability, match_weight, evidence FROM scored"
        ).to_arrow_table()
        ids = con.sql("SELECT record_id, national_id FROM records WHERE national_id IS NOT NULL").to_arrow_table()
    finally:
        con.close()
    return pairs.cast(PAIR_COLUMNS), ids


def dedupe(records: pa.Table, *, settings: Settings = DEFAULT) -> pa.Table:
    """Records of one table that are the same person: (record_id, cluster_id) for every record in a cluster
    of two or more. The cluster id is the smallest record id of the cluster."""
    pairs, ids = dedupe_pairs(records, settings=settings)
    accepted = pairs.filter(pc.greater_equal(pairs["match_probability"], settings.accept))
    return clusters(accepted, ids)


def clusters(pairs: pa.Table, ids: pa.Table) -> pa.Table:
    """Connected components of the accepted pairs, never joining two different valid identity numbers.

    In a component that would hold two numbers, a record without a number keeps only its strongest pair
    with a numbered record, and pairs between records without a number are dropped: each then hangs from
    one number, and the component splits along them. Record ids become integers through Arrow's dictionary
    encoding; the cluster id is the first-seen record id of the cluster.
    """
    if not len(pairs):
        return DEDUPE_COLUMNS.empty_table()
    both = pa.chunked_array(pairs["record_id_l"].chunks + pairs["record_id_r"].chunks).combine_chunks()
    encoded = both.dictionary_encode()
    names, codes = encoded.dictionary, encoded.indices.to_numpy()
    u, v = codes[: len(pairs)], codes[len(pairs) :]
    weight = pairs["match_weight"].to_numpy()
    number = _numbers(names, ids)
    label = _components(len(names), u, v)
    conflicted = _conflicted(label, number)
    if conflicted.any():
        keep = ~(conflicted[label[u]])
        keep |= (number[u] >= 0) & (number[v] >= 0)  # same number (different ones never reach here)
        keep |= _strongest_to_numbered(u, v, weight, number, conflicted[label[u]])
        u, v = u[keep], v[keep]
        label = _components(len(names), u, v)
    size = np.bincount(label, minlength=len(names))
    members = np.flatnonzero(size[label] > 1)
    return pa.table(
        {"record_id": names.take(pa.array(members)), "cluster_id": names.take(pa.array(label[members]))},
        schema=DEDUPE_COLUMNS,
    )


def _numbers(names: pa.Array, ids: pa.Table) -> np.ndarray:
    """Per node, an integer code of its valid identity number, -1 when it has none."""
    number = np.full(len(names), -1, dtype=np.int64)
    if not len(ids):
        return number
    position = pc.index_in(ids["record_id"], value_set=names)
    found = pc.is_valid(position)
    codes = ids["national_id"].filter(found).combine_chunks().dictionary_encode().indices.to_numpy()
    number[position.filter(found).to_numpy()] = codes
    return number


def _components(n: int, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Label of each node's connected component (the smallest node index in it)."""
    parent = np.arange(n)
    while True:
        low = np.minimum(parent[u], parent[v])
        np.minimum.at(parent, parent[u], low)
        np.minimum.at(parent, parent[v], low)
        while not np.array_equal(parent[parent], parent):
            parent = parent[parent]
        if np.array_equal(parent[u], parent[v]):
            return parent


def _conflicted(label: np.ndarray, number: np.ndarray) -> np.ndarray:
    """Per component label, whether it holds two or more different identity numbers."""
    numbered = number >= 0
    pairs = np.unique(np.stack([label[numbered], number[numbered]]), axis=1)
    counts = np.bincount(pairs[0], minlength=len(label))
    return counts > 1


def _strongest_to_numbered(u, v, weight, number, in_conflict) -> np.ndarray:
    """Pairs that are, for their record without a number, its strongest pair with a numbered record."""
    keep = np.zeros(len(u), dtype=bool)
    edge = np.arange(len(u))
    lone_u = in_conflict & (number[u] < 0) & (number[v] >= 0)
    lone_v = in_conflict & (number[v] < 0) & (number[u] >= 0)
    index = np.concatenate([edge[lone_u], edge[lone_v]])
    lone = np.concatenate([u[lone_u], v[lone_v]])
    if not len(index):
        return keep
    order = np.lexsort((-weight[index], lone))
    first = np.ones(len(order), dtype=bool)
    first[1:] = lone[order][1:] != lone[order][:-1]
    keep[index[order[first]]] = True
    return keep


def evidence(text: str) -> dict[str, str]:
    """The evidence JSON of a pair as a dict (comparison → level key)."""
    return json.loads(text)
