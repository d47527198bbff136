"""Duplicate articles: exact copies, syndicated copies with light edits, truncated reprints.

Three checks, cheapest first:

1. **exact**: same :attr:`Article.content_hash` (text equal up to case and spacing);
2. **near copy**: MinHash LSH over word shingles (``dedup.shingle`` words, ``dedup.num_perm``
   permutations) finds candidates whose estimated Jaccard similarity is >= ``dedup.threshold``;
3. **partial copy** (a reprint cut to its first paragraphs, or a copy with a paragraph added): a second
   LSH index over the *lead* (first :data:`LEAD_WORDS` words) finds candidates sharing the opening; the
   shorter text must then be contained in the longer one with rapidfuzz ``partial_ratio`` >=
   ``dedup.partial_ratio`` (each candidate that passes is confirmed; others are dropped).

The original is always the earlier-inserted article, and chains resolve to it (a copy of a copy points
at the first). Two reports of the same event written separately share few 5-word shingles (well
under 0.2 Jaccard) and are not linked.

Persistence: :meth:`Deduper.signature_bytes` packs an article's two MinHash signatures, its content
hash and a bounded prefix of its text (:data:`PREFIX_CHARS`, used by the partial check) into bytes the
store keeps; :meth:`Deduper.load` rebuilds the index from ``(id, bytes)`` pairs in insertion order.
Pass ``get_text(id) -> str | None`` to compare against full candidate texts instead of the prefix.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Iterable

import numpy as np

from ..config import Settings, load_settings
from ..errors import StoreError
from ..models import Article

#: words of the opening used by the lead index (a 2-3 paragraph reprint keeps at least the first ~60)
LEAD_WORDS = 60
#: characters of each article kept for the partial-match check (a truncated reprint is compared
#: against this much of the candidate; 4,000 chars ~ 650 words, longer than most truncated reprints)
PREFIX_CHARS = 4000
#: texts shorter than this many words are only matched exactly (a 20-word brief shares its lead with
#: too many unrelated items for the partial check to mean anything)
MIN_PARTIAL_WORDS = 30
#: a truncated reprint must keep at least this share of the original's words to count as its copy
#: (below it, two articles merely open alike: e.g. the same wire lead, then different stories)
MIN_PARTIAL_SHARE = 0.15

_MAGIC = b"CWM1"
_WORD = re.compile(r"\w+", re.UNICODE)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _shingles(words: list[str], k: int) -> list[bytes]:
    if len(words) < k:
        return [" ".join(words).encode("utf-8")] if words else [b""]
    return [" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)]


def _norm(text: str) -> str:
    return " ".join(_words(text))


class Deduper:
    """Incremental duplicate finder; see the module docstring for what counts as a duplicate."""

    def __init__(self, settings: Settings | None = None, *, get_text: Callable[[str], str | None] | None = None):
        from datasketch import MinHashLSH

        s = (settings or load_settings()).dedup
        self.num_perm = s.num_perm
        self.shingle = s.shingle
        self.threshold = s.threshold
        self.partial_ratio = s.partial_ratio
        self.get_text = get_text
        from datasketch import MinHash

        #: datasketch's hashing scheme; stored with each signature, since signatures of different
        #: schemes cannot be compared
        self.scheme = str(MinHash(num_perm=self.num_perm).scheme)
        self._lsh = MinHashLSH(threshold=s.threshold, num_perm=s.num_perm)
        self._lead_lsh = MinHashLSH(threshold=s.threshold, num_perm=s.num_perm)
        self._sig: dict[str, np.ndarray] = {}
        self._lead: dict[str, np.ndarray] = {}
        self._hash: dict[str, str] = {}  # content hash -> first id
        self._hash_of: dict[str, str] = {}  # id -> content hash
        self._prefix: dict[str, str] = {}
        self._nwords: dict[str, int] = {}
        self._order: dict[str, int] = {}
        self._root: dict[str, str] = {}  # id -> original it duplicates

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._order

    # --- signatures ---------------------------------------------------------------------------
    def _minhash(self, shingles: list[bytes]):
        from datasketch import MinHash

        m = MinHash(num_perm=self.num_perm)
        m.update_batch(shingles)
        return m

    def _signatures(self, text: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
        words = _words(text)
        full = self._minhash(_shingles(words, self.shingle)).hashvalues
        lead = self._minhash(_shingles(words[:LEAD_WORDS], self.shingle)).hashvalues
        return full, lead, words

    def _lean(self, hv: np.ndarray):
        from datasketch import LeanMinHash

        return LeanMinHash(seed=1, hashvalues=hv, scheme=self.scheme)

    # --- queries ------------------------------------------------------------------------------
    def _original(self, cid: str) -> str:
        return self._root.get(cid, cid)

    def _candidate_text(self, cid: str) -> str:
        if self.get_text is not None:
            t = self.get_text(cid)
            if t:
                return _norm(t)
        return self._prefix.get(cid, "")

    def _check(self, article: Article, full: np.ndarray, lead: np.ndarray, words: list[str]) -> str | None:
        if article.content_hash and article.content_hash in self._hash:
            hit = self._hash[article.content_hash]
            if hit != article.id:
                return self._original(hit)
        best: tuple[int, str] | None = None
        for cid in self._lsh.query(self._lean(full)):
            if cid == article.id:
                continue
            jac = float(np.mean(self._sig[cid] == full))
            if jac >= self.threshold and (best is None or self._order[cid] < best[0]):
                best = (self._order[cid], cid)
        if best is None and len(words) >= MIN_PARTIAL_WORDS:
            from rapidfuzz import fuzz

            mine = " ".join(words)
            cands = sorted(
                (c for c in self._lead_lsh.query(self._lean(lead)) if c != article.id and self._nwords[c]
                 >= MIN_PARTIAL_WORDS), key=self._order.__getitem__,
            )
            for cid in cands:
                n_short, n_long = sorted((len(words), self._nwords[cid]))
                if n_short < MIN_PARTIAL_SHARE * n_long:
                    continue
                other = self._candidate_text(cid)
                short, long_ = (mine, other) if len(words) <= self._nwords[cid] else (other, mine)
                if len(words) <= self._nwords[cid] and self.get_text is None:
                    # the candidate is only known by its prefix: compare within the prefix length
                    short = short[:PREFIX_CHARS]
                elif self.get_text is None:
                    long_ = long_[: len(short) + PREFIX_CHARS]
                if short and fuzz.partial_ratio(short, long_) >= self.partial_ratio:
                    best = (self._order[cid], cid)
                    break
        return self._original(best[1]) if best else None

    def check(self, article: Article) -> str | None:
        """Id of the stored article this one duplicates (the earliest-inserted original), or None."""
        full, lead, words = self._signatures(article.text)
        return self._check(article, full, lead, words)

    def add(self, article: Article) -> str | None:
        """Check, then index the article; returns the original's id (as :meth:`check`) or None.

        Adding an id that is already indexed changes nothing and returns its known original.
        """
        if article.id in self._order:
            return self._root.get(article.id)
        full, lead, words = self._signatures(article.text)
        original = self._check(article, full, lead, words)
        self._insert(article.id, article.content_hash, full, lead, _norm(article.text)[:PREFIX_CHARS],
                     len(words))
        if original is not None:
            self._root[article.id] = original
        return original

    def _insert(self, aid: str, chash: str, full: np.ndarray, lead: np.ndarray, prefix: str, nwords: int) -> None:
        self._order[aid] = len(self._order)
        self._sig[aid] = full
        self._lead[aid] = lead
        self._prefix[aid] = prefix
        self._nwords[aid] = nwords
        if chash:
            self._hash.setdefault(chash, aid)
            self._hash_of[aid] = chash
        self._lsh.insert(aid, self._lean(full), check_duplication=False)
        self._lead_lsh.insert(aid, self._lean(lead), check_duplication=False)

    # --- persistence --------------------------------------------------------------------------
    def signature_bytes(self, article_id: str) -> bytes:
        """The article's signatures, hash and text prefix as bytes (see :meth:`load`)."""
        if article_id not in self._order:
            raise KeyError(article_id)
        chash = bytes.fromhex(self._hash_of.get(article_id, "")) if self._hash_of.get(article_id) else b""
        scheme = self.scheme.encode("ascii")
        head = (_MAGIC + struct.pack("<HIBB", self.num_perm, self._nwords[article_id], len(chash), len(scheme))
                + chash + scheme)
        body = (self._sig[article_id].astype("<u8").tobytes() + self._lead[article_id].astype("<u8").tobytes())
        return head + body + self._prefix[article_id].encode("utf-8")

    def load(self, items: Iterable[tuple[str, bytes]]) -> int:
        """Rebuild the index from ``(id, signature_bytes)`` pairs in insertion order; returns how many.

        Raises StoreError for bytes written with another ``dedup.num_perm`` or by something else.
        """
        n = 0
        for aid, blob in items:
            if aid in self._order:
                continue
            blob = bytes(blob)
            if blob[:4] != _MAGIC:
                raise StoreError(f"dedup signature of {aid} is not in crosswire's format",
                                 hint="re-run ingest with a fresh store, or delete the stored signatures")
            num_perm, nwords, hlen, slen = struct.unpack_from("<HIBB", blob, 4)
            off = 4 + struct.calcsize("<HIBB")
            chash = blob[off : off + hlen].hex()
            scheme = blob[off + hlen : off + hlen + slen].decode("ascii", errors="replace")
            off += hlen + slen
            if num_perm != self.num_perm or scheme != self.scheme:
                raise StoreError(
                    f"stored dedup signatures use num_perm={num_perm}/{scheme}, this run uses "
                    f"{self.num_perm}/{self.scheme}",
                    hint="set dedup.num_perm back, or clear the stored signatures and re-ingest")
            size = 8 * num_perm
            full = np.frombuffer(blob[off : off + size], dtype="<u8").astype(np.uint64)
            lead = np.frombuffer(blob[off + size : off + 2 * size], dtype="<u8").astype(np.uint64)
            prefix = blob[off + 2 * size :].decode("utf-8", errors="replace")
            self._insert(aid, chash, full, lead, prefix, nwords)
            n += 1
        return n
