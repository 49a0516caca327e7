"""Merkle tree maths of RFC 6962 §2.1 (as restated in RFC 9162 §2.1): hashes, audit paths, consistency proofs.

Pure functions over leaf hashes (bytes); no database. The tree over n leaves is the RFC's left-balanced tree:
the left subtree holds the largest power of two strictly below n. Verifiers follow RFC 9162 §2.1.3.2 and
§2.1.4.2 step by step, so a proof produced by any RFC-conformant log verifies here and vice versa.
"""

import hashlib
from collections.abc import Iterable, Sequence

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    """SHA-256(0x00 || leaf bytes)."""
    return hashlib.sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 || left || right)."""
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def split_point(n: int) -> int:
    """The largest power of two strictly smaller than n (n ≥ 2)."""
    return 1 << ((n - 1).bit_length() - 1)


class MerkleTree:
    """Leaf hashes plus every complete aligned subtree's hash, so roots and proofs cost O(log² n) each.

    levels[j][i] is the hash of leaves [i·2^j, (i+1)·2^j); it is filled as leaves are appended.
    """

    def __init__(self, leaf_hashes: Iterable[bytes] = ()):
        self.levels: list[list[bytes]] = [[]]
        for h in leaf_hashes:
            self.append(h)

    def __len__(self) -> int:
        return len(self.levels[0])

    def append(self, h: bytes) -> None:
        """Add one leaf hash at the right edge."""
        self.levels[0].append(h)
        j = 0
        while len(self.levels[j]) % 2 == 0:
            if len(self.levels) == j + 1:
                self.levels.append([])
            self.levels[j + 1].append(node_hash(self.levels[j][-2], self.levels[j][-1]))
            j += 1

    def subtree_hash(self, lo: int, hi: int) -> bytes:
        """MTH(D[lo:hi]) for 0 ≤ lo ≤ hi ≤ len(self)."""
        if not 0 <= lo <= hi <= len(self):
            raise ValueError(f"range [{lo}, {hi}) outside a tree of {len(self)} leaves")
        n = hi - lo
        if n == 0:
            return EMPTY_ROOT
        if n & (n - 1) == 0 and lo % n == 0:
            return self.levels[n.bit_length() - 1][lo // n]
        k = split_point(n)
        return node_hash(self.subtree_hash(lo, lo + k), self.subtree_hash(lo + k, hi))

    def root(self, size: int | None = None) -> bytes:
        """MTH of the first `size` leaves (all by default)."""
        return self.subtree_hash(0, len(self) if size is None else size)

    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        """PATH(m, D[n]) of RFC 6962 §2.1.1: the audit path of leaf `index` in the tree of `size` leaves."""
        if not 0 <= index < size <= len(self):
            raise ValueError(f"no leaf {index} in a tree of {size} leaves (log has {len(self)})")
        return self._path(index, 0, size)

    def _path(self, m: int, lo: int, hi: int) -> list[bytes]:
        n = hi - lo
        if n == 1:
            return []
        k = split_point(n)
        if m < k:
            return [*self._path(m, lo, lo + k), self.subtree_hash(lo + k, hi)]
        return [*self._path(m - k, lo + k, hi), self.subtree_hash(lo, lo + k)]

    def consistency_proof(self, first: int, second: int) -> list[bytes]:
        """PROOF(m, D[n]) of RFC 6962 §2.1.2 between the trees of `first` and `second` leaves."""
        if not 0 <= first <= second <= len(self):
            raise ValueError(f"no consistency proof from {first} to {second} (log has {len(self)})")
        if first == 0 or first == second:
            return []
        return self._subproof(first, 0, second, True)

    def _subproof(self, m: int, lo: int, hi: int, whole: bool) -> list[bytes]:
        n = hi - lo
        if m == n:
            return [] if whole else [self.subtree_hash(lo, hi)]
        k = split_point(n)
        if m <= k:
            return [*self._subproof(m, lo, lo + k, whole), self.subtree_hash(lo + k, hi)]
        return [*self._subproof(m - k, lo + k, hi, False), self.subtree_hash(lo, lo + k)]


def root_from_frontier(frontier: Sequence[bytes]) -> bytes:
    """Root from the hashes of the perfect subtrees that make up the tree, largest (leftmost) first.

    A tree of n leaves splits into one perfect subtree per set bit of n; the RFC's left-balanced
    shape means the root folds them from the right.
    """
    if not frontier:
        return EMPTY_ROOT
    h = frontier[-1]
    for left in reversed(frontier[:-1]):
        h = node_hash(left, h)
    return h


def frontier_append(frontier: list[bytes], size: int, h: bytes) -> list[bytes]:
    """The frontier after appending leaf hash h to a tree of `size` leaves (pure; returns a new list)."""
    out = [*frontier, h]
    # Each trailing 1-bit of size is a perfect subtree of the same height as the one just completed.
    while size & 1:
        right = out.pop()
        out[-1] = node_hash(out[-1], right)
        size >>= 1
    return out


def verify_inclusion(leaf: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes) -> bool:
    """RFC 9162 §2.1.3.2: does leaf hash `leaf` sit at `index` of the tree of `size` leaves with this root?"""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while fn and not fn & 1:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(first: int, second: int, first_root: bytes, second_root: bytes, proof: Sequence[bytes]) -> bool:
    """RFC 9162 §2.1.4.2: is the tree of `first` leaves with first_root a prefix of the one of `second` leaves?"""
    if not 0 <= first <= second:
        return False
    if first == second:
        return not proof and first_root == second_root
    if first == 0:
        # The empty tree is a prefix of every tree; the RFC defines no proof for it, so accept only none.
        return not proof
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, first_root)
    if not path:
        return False
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while fn and not fn & 1:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == first_root and sr == second_root and sn == 0
