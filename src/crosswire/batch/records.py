"""Records as plain dicts, for crossing process and machine boundaries (pickle, Arrow, JSON).

``crosswire.models.to_dict`` turns a record into a JSON-ready dict (tuples become lists); the functions here
turn such dicts back into the dataclasses, spans back into tuples, so a worker's facts are equal to facts
computed in the driver's own process.
"""

from __future__ import annotations

import json
from dataclasses import fields
from functools import cache
from typing import Any, get_args, get_origin, get_type_hints

import numpy as np

from ..models import (
    Article,
    ArticleFacts,
    Claim,
    DateExpr,
    EventRef,
    Mention,
    Quantity,
    Quote,
)

#: ArticleFacts list fields -> their record class
FACT_KINDS: dict[str, type] = {
    "mentions": Mention,
    "quotes": Quote,
    "quantities": Quantity,
    "dates": DateExpr,
    "claims": Claim,
    "event_refs": EventRef,
}


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _is_span(tp: Any) -> bool:
    """True for ``Span`` (``tuple[int, int]``) and ``Span | None``."""
    if get_origin(tp) is tuple:
        return True
    return any(get_origin(a) is tuple for a in get_args(tp))


@cache
def _plan(cls: type) -> tuple[tuple[str, bool], ...]:
    """(field name, is a span) of each field of ``cls``, worked out once per class."""
    hints = _hints(cls)
    return tuple((f.name, _is_span(hints[f.name])) for f in fields(cls))


#: ArticleFacts field names, in order
FACT_NAMES: tuple[str, ...] = tuple(f.name for f in fields(ArticleFacts))


def record_from_dict(cls: type, data: dict[str, Any]) -> Any:
    """A flat record (Mention, Quote, Quantity, DateExpr, Claim, Article) from its ``to_dict`` form."""
    kwargs: dict[str, Any] = {}
    for name, span in _plan(cls):
        if name not in data:
            continue
        v = data[name]
        if span and v is not None:
            v = tuple(v)
        kwargs[name] = v
    return cls(**kwargs)


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def record_to_dict(record: Any) -> dict[str, Any]:
    """A flat record as ``models.to_dict`` gives it (spans and lists as new lists), without ``asdict``'s deep
    copy: records in ``FACT_KINDS`` and Article hold only scalars, spans and lists of strings."""
    out: dict[str, Any] = {}
    for name in _names(type(record)):
        v = getattr(record, name)
        if isinstance(v, (tuple, list)):
            v = list(v)
        out[name] = v
    return out


def article_to_dict(article: Article) -> dict[str, Any]:
    return record_to_dict(article)


def article_from_dict(data: dict[str, Any]) -> Article:
    return record_from_dict(Article, data)


def facts_to_dict(facts: ArticleFacts) -> dict[str, Any]:
    """``models.to_dict(facts)``, built field by field (about 8x faster than ``dataclasses.asdict``)."""
    out: dict[str, Any] = {"article": facts.article}
    for name in FACT_NAMES:
        if name == "article":
            continue
        if name == "sentences":
            out[name] = [list(s) for s in facts.sentences]
        else:
            out[name] = [record_to_dict(r) for r in getattr(facts, name)]
    return out


def vector_to_bytes(vector: Any) -> bytes:
    """A lead embedding as compact float32 bytes (exactly the worker's vector; 1.5 KB for 384 dims)."""
    return np.asarray(vector, dtype=np.float32).tobytes()


def vector_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float32).copy()  # a writable array, like the embedder's


def facts_from_dict(data: dict[str, Any]) -> ArticleFacts:
    """ArticleFacts from ``facts_to_dict`` output (nested records rebuilt, spans as tuples)."""
    kwargs: dict[str, Any] = {"article": data["article"]}
    for name, cls in FACT_KINDS.items():
        kwargs[name] = [record_from_dict(cls, d) for d in data.get(name) or []]
    kwargs["sentences"] = [tuple(s) for s in data.get("sentences") or []]
    return ArticleFacts(**kwargs)


def dumps(records: list[dict[str, Any]]) -> str:
    """A list of record dicts as one compact JSON string (the payload of a Ray Data row)."""
    return json.dumps(records, ensure_ascii=False, separators=(",", ":"))


def loads(payload: str) -> list[dict[str, Any]]:
    return json.loads(payload)

