"""RFC 6962 Merkle maths: the Certificate Transparency reference vectors and hypothesis properties."""

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refah.audit.ledger.merkle import (
    EMPTY_ROOT,
    MerkleTree,
    frontier_append,
    leaf_hash,
    node_hash,
    root_from_frontier,
    verify_consistency,
    verify_inclusion,
)

# The eight leaves of the CT reference tree (certificate-transparency's merkle_tree_test) and its roots.
LEAVES = [bytes.fromhex(h) for h in ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                                     "606162636465666768696a6b6c6d6e6f"]]  # fmt: skip
ROOTS = {
    0: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    1: "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    2: "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    3: "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    4: "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    5: "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    6: "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    7: "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    8: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
}
# (leaf index from 0, tree size, audit path)
INCLUSION = [
    (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]  # fmt: skip
CONSISTENCY = [
    (1, 1, []),
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]  # fmt: skip

REFERENCE = MerkleTree(leaf_hash(d) for d in LEAVES)


def _flip(h: bytes) -> bytes:
    return bytes([h[0] ^ 1]) + h[1:]


def _tree(n: int) -> MerkleTree:
    return MerkleTree(hashlib.sha256(i.to_bytes(4, "big")).digest() for i in range(n))


def test_prefixes_are_the_rfc_domain_separation():
    assert leaf_hash(b"ab") == hashlib.sha256(b"\x00ab").digest()
    assert node_hash(b"L", b"R") == hashlib.sha256(b"\x01LR").digest()
    assert EMPTY_ROOT.hex() == ROOTS[0]


@pytest.mark.parametrize("size", range(9))
def test_reference_roots(size):
    assert REFERENCE.root(size).hex() == ROOTS[size]


@pytest.mark.parametrize(("index", "size", "path"), INCLUSION)
def test_reference_audit_paths(index, size, path):
    proof = REFERENCE.inclusion_proof(index, size)
    assert [p.hex() for p in proof] == path
    assert verify_inclusion(leaf_hash(LEAVES[index]), index, size, proof, bytes.fromhex(ROOTS[size]))


@pytest.mark.parametrize(("first", "second", "path"), CONSISTENCY)
def test_reference_consistency_proofs(first, second, path):
    proof = REFERENCE.consistency_proof(first, second)
    assert [p.hex() for p in proof] == path
    roots = bytes.fromhex(ROOTS[first]), bytes.fromhex(ROOTS[second])
    assert verify_consistency(first, second, *roots, proof)


def _naive_mth(hashes: list[bytes]) -> bytes:
    # RFC 6962 §2.1 word for word, to check the cached tree against.
    if not hashes:
        return EMPTY_ROOT
    if len(hashes) == 1:
        return hashes[0]
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    return node_hash(_naive_mth(hashes[:k]), _naive_mth(hashes[k:]))


@given(st.integers(min_value=0, max_value=300))
@settings(max_examples=60, deadline=None)
def test_root_equals_rfc_definition_and_frontier(n):
    tree = _tree(n)
    frontier: list[bytes] = []
    for i, h in enumerate(tree.levels[0]):
        frontier = frontier_append(frontier, i, h)
    assert tree.root() == _naive_mth(tree.levels[0]) == root_from_frontier(frontier)
    assert len(frontier) == bin(n).count("1")


@given(st.integers(min_value=1, max_value=200), st.data())
@settings(max_examples=80, deadline=None)
def test_every_inclusion_proof_verifies_and_tampering_fails(n, data):
    tree = _tree(n)
    size = data.draw(st.integers(min_value=1, max_value=n))
    root = tree.root(size)
    for index in range(size):
        leaf, proof = tree.levels[0][index], tree.inclusion_proof(index, size)
        assert verify_inclusion(leaf, index, size, proof, root)
        assert not verify_inclusion(_flip(leaf), index, size, proof, root)
        assert not verify_inclusion(leaf, index, size, proof, _flip(root))
        if proof:
            k = data.draw(st.integers(min_value=0, max_value=len(proof) - 1))
            assert not verify_inclusion(leaf, index, size, [*proof[:k], _flip(proof[k]), *proof[k + 1 :]], root)
            assert not verify_inclusion(leaf, index, size, proof[:-1], root)
        if size > 1:
            assert not verify_inclusion(leaf, (index + 1) % size, size, proof, root)


@given(st.integers(min_value=1, max_value=120), st.data())
@settings(max_examples=80, deadline=None)
def test_consistency_between_any_sizes_verifies_and_tampering_fails(n, data):
    tree = _tree(n)
    second = data.draw(st.integers(min_value=1, max_value=n))
    first = data.draw(st.integers(min_value=1, max_value=second))
    proof, r1, r2 = tree.consistency_proof(first, second), tree.root(first), tree.root(second)
    assert verify_consistency(first, second, r1, r2, proof)
    assert not verify_consistency(first, second, _flip(r1), r2, proof)
    assert not verify_consistency(first, second, r1, _flip(r2), proof)
    if proof:
        k = data.draw(st.integers(min_value=0, max_value=len(proof) - 1))
        assert not verify_consistency(first, second, r1, r2, [*proof[:k], _flip(proof[k]), *proof[k + 1 :]])
        assert not verify_consistency(first, second, r1, r2, proof[:-1])


@pytest.mark.parametrize("n", range(1, 34))
def test_all_pairs_in_small_trees(n):
    tree = _tree(n)
    for second in range(1, n + 1):
        for first in range(1, second + 1):
            proof = tree.consistency_proof(first, second)
            assert verify_consistency(first, second, tree.root(first), tree.root(second), proof)
        for index in range(second):
            proof = tree.inclusion_proof(index, second)
            assert verify_inclusion(tree.levels[0][index], index, second, proof, tree.root(second))


def test_a_rewritten_prefix_is_not_consistent():
    honest, forged = _tree(10), _tree(10)
    forged.levels = MerkleTree([*forged.levels[0][:3], _flip(forged.levels[0][3]), *forged.levels[0][4:]]).levels
    proof = forged.consistency_proof(5, 10)
    assert not verify_consistency(5, 10, honest.root(5), forged.root(10), proof)


@pytest.mark.parametrize(("index", "size"), [(-1, 3), (3, 3), (0, 0)])
def test_impossible_positions_do_not_verify(index, size):
    assert not verify_inclusion(EMPTY_ROOT, index, size, [], EMPTY_ROOT)
    with pytest.raises(ValueError):
        _tree(3).inclusion_proof(index, size)


def test_consistency_edge_cases():
    tree = _tree(4)
    assert verify_consistency(0, 4, EMPTY_ROOT, tree.root(), [])
    assert not verify_consistency(3, 2, tree.root(3), tree.root(2), [])
    assert not verify_consistency(4, 4, tree.root(), _flip(tree.root()), [])
    assert not verify_consistency(3, 4, tree.root(3), tree.root(4), [])
