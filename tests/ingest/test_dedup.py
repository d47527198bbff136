"""Near-duplicate detection: syndicated copies, truncated reprints, unrelated articles, persistence."""

from __future__ import annotations

import pytest

from crosswire.dedup.minhash import Deduper
from crosswire.errors import StoreError
from crosswire.ingest.sources import iter_documents
from crosswire.models import RawDocument
from crosswire.normalize.article import to_article


@pytest.fixture(scope="module")
def sample_articles(sample_dir):
    return [to_article(d) for d in iter_documents([str(sample_dir)]) if isinstance(d, RawDocument)]


def _art(ext_id: str, text: str):
    return to_article(RawDocument(source=ext_id, external_id=ext_id, text=text))


def test_sample_articles_are_not_duplicates(sample_articles):
    d = Deduper()
    # two outlets on the same call (and two on the other) share quotes but are separate reports
    assert [d.add(a) for a in sample_articles] == [None] * 5


def test_exact_copy(sample_articles):
    d = Deduper()
    orig = sample_articles[0]
    d.add(orig)
    copy = _art("mirror", orig.text.upper().replace("\n\n", "\n\n  "))
    assert d.check(copy) == orig.id


def test_syndicated_copy_with_edits(sample_articles):
    d = Deduper()
    for a in sample_articles:
        d.add(a)
    orig = sample_articles[2]
    paras = orig.text.split("\n\n")
    edited = paras[:]
    edited[0] = edited[0].replace("spoke Monday", "spoke by phone on Monday")
    edited[3] = edited[3].replace("threaten to", "could")
    del edited[5]
    edited.append("This article was syndicated from a partner publication.")
    copy = _art("syndicated", "\n\n".join(edited))
    assert d.check(copy) == orig.id
    assert d.add(copy) == orig.id
    # a copy of the copy resolves to the first original
    copy2 = _art("syndicated2", "\n\n".join(edited[:-1] + ["Reprinted with permission."]))
    assert d.add(copy2) == orig.id


def test_truncated_reprint(sample_articles):
    d = Deduper()
    for a in sample_articles:
        d.add(a)
    orig = sample_articles[1]
    paras = orig.text.split("\n\n")
    trunc = _art("short", "\n\n".join(paras[:4]))
    assert d.check(trunc) == orig.id


def test_earlier_truncated_then_full(sample_articles):
    """The original is the earlier-inserted article, even when it is the shorter one."""
    orig = sample_articles[3]
    trunc = _art("short", "\n\n".join(orig.text.split("\n\n")[:4]))
    d = Deduper()
    assert d.add(trunc) is None
    assert d.add(orig) == trunc.id


def test_unrelated_not_linked(sample_articles):
    d = Deduper()
    for a in sample_articles:
        d.add(a)
    other = _art("other", "The county fire service said about 300 people were moved from their homes overnight "
                          "after a fire broke out at a chemical storage warehouse on the docks. Crews were called "
                          "shortly after 11pm and found the roof fully alight; 14 fire engines attended. Nobody was "
                          "hurt, and residents were expected back in their homes by the evening, officials said.")
    assert d.check(other) is None
    # same opening, different story: the shared lead alone is not a duplicate
    lead = sample_articles[4].text.split("\n\n")[0]
    different = _art("same-lead", lead + "\n\n" + " ".join([other.text] * 6))
    assert d.check(different) is None


def test_signatures_round_trip(sample_articles):
    d = Deduper()
    for a in sample_articles:
        d.add(a)
    blobs = [(a.id, d.signature_bytes(a.id)) for a in sample_articles]
    d2 = Deduper()
    assert d2.load(blobs) == 5 and len(d2) == 5
    orig = sample_articles[1]
    assert d2.check(_art("short", "\n\n".join(orig.text.split("\n\n")[:4]))) == orig.id
    assert d2.check(_art("exact", orig.text)) == orig.id
    # full texts from the store instead of the stored prefix
    texts = {a.id: a.text for a in sample_articles}
    d3 = Deduper(get_text=texts.get)
    d3.load(blobs)
    assert d3.check(_art("short", "\n\n".join(orig.text.split("\n\n")[:4]))) == orig.id
    with pytest.raises(StoreError):
        Deduper().load([("x", b"garbage")])
