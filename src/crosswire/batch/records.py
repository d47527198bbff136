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

from ..models import (
    Article,
    ArticleFacts,
    Claim,
    DateExpr,
    EventRef,
    Mention,
    Quantity,
    Quote,
    to_dict,
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


def article_to_dict(article: Article) -> dict[str, Any]:
    return to_dict(article)


def article_from_dict(data: dict[str, Any]) -> Article:
    return record_from_dict(Article, data)


def facts_to_dict(facts: ArticleFacts) -> dict[str, Any]:
    return to_dict(facts)


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

