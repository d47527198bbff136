"""Quantities with normalized units: "$11.1bn" -> 11100000000.0 USD, "20mn tonnes" -> 20000000.0 t.

Two entry points:

* :func:`find_quantities` reads raw text with a regex grammar (:mod:`.quantity.grammar`); it needs no model,
  is fast, and is what the cross-check compares; ``measures`` is filled only where the words alone say it:
  counts whose noun a casualty word implies ("injuring 80", "600 were killed", "the death toll rose to 10",
  "five hurt") measure the casualty class ("injured", "dead", "missing", "arrested", "evacuated"; see
  :data:`.quantity.lexicon.CASUALTY_MEASURES`), "a population of 100,000" measures "population";
* :func:`extract_quantities` does the same over an article's spaCy ``Doc`` and adds ``measures``, the noun
  phrase the figure qualifies, read off the dependency parse (:mod:`.quantity.measures`).

Units follow ``shared/spec/export.md``: ``t`` (metric tonnes; "tons" read as tonnes), ISO 4217 codes with the
value in whole units, ``%``, ``pp``, ``count``; also ``km``, ``km2``, ``ha``, ``km/h``, ``l``, ``bbl``,
``bbl/d``, ``bu``, ``C``, ``F``, ``W``, ``Wh``, ``ppm``, ``magnitude`` and ``points`` (poll or index points).
Ranges carry ``low``/``high`` and ``value`` is their midpoint.
"""

from __future__ import annotations

from typing import Any

from ..models import Article, Quantity
from .quantity.grammar import Found, scan


def _record(text: str, f: Found, article_id: str, i: int) -> Quantity:
    return Quantity(
        id=f"{article_id}:n{i}",
        article=article_id,
        text=text[f.start : f.end],
        span=(f.start, f.end),
        value=f.value,
        unit=f.unit,
        approx=f.approx,
        low=f.low,
        high=f.high,
        qualifier=f.qualifier,
        measures=f.measures,
    )


def find_quantities(text: str, article_id: str = "") -> list[Quantity]:
    """Every quantity in ``text``, in reading order, ids ``"<article_id>:n<i>"``; ``measures`` only where the
    grammar reads it from the words (implied casualty counts, populations), else None."""
    return [_record(text, f, article_id, i) for i, f in enumerate(scan(text))]


def extract_quantities(doc: Any, article: Article) -> list[Quantity]:
    """Quantities of one article from its parsed spaCy ``Doc`` (``doc.text`` must be ``article.text``),
    with ``measures`` filled from the dependency parse where it is clear (the grammar's own reading of an
    implied casualty count wins: "injuring 80" measures "injured", whatever the parse says)."""
    from .quantity.measures import measured_thing

    text = doc.text
    out: list[Quantity] = []
    for i, f in enumerate(scan(text)):
        q = _record(text, f, article.id, i)
        q.measures = f.measures or measured_thing(doc, f)
        out.append(q)
    return out
