"""Record factories of the store tests (imported by the tests as ``store_factories``)."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from crosswire import models
from crosswire.models import Article


def make_article(i: int, **kw: Any) -> Article:
    """A small article; ``i`` makes it unique."""
    base = dict(
        id=f"a{i:03d}",
        source=f"/corpus/{i:03d}.txt",
        external_id=f"{i:03d}.txt",
        text=f"Article number {i} about soybeans and tariffs.",
        outlet="Outlet A" if i % 2 == 0 else "Outlet B",
        title=f"Title {i}",
        published=f"2026-02-{(i % 28) + 1:02d}",
        published_from="metadata",
        language="en",
        content_hash=f"h{i}",
        word_count=7,
    )
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def _value(tp: Any, name: str, i: int) -> Any:
    """A distinctive non-default value of type ``tp`` (so a field that is not stored cannot round-trip)."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _value(inner[0], name, i)
    if tp is str:
        return f"{name}-{i}"
    if tp is bool:
        return None  # decided by the caller: the opposite of the default
    if tp is int:
        return 1000 + i
    if tp is float:
        return 1.25 + i
    if origin is tuple:
        return (10 + i, 20 + i)
    if origin is list:
        (item,) = args
        return [_value(item, name, i), _value(item, name, i + 1)]
    if origin is dict:
        return {"claim": f"c-{i}", "modality": "agreed"}
    if dataclasses.is_dataclass(tp):
        return fill(tp, i)
    raise TypeError(f"no test value for {tp!r} ({name})")


def fill(cls: type, i: int = 1, **overrides: Any) -> Any:
    """An instance of the record ``cls`` with EVERY field set to a non-default value (bar ``overrides``)."""
    hints = typing.get_type_hints(cls, vars(models))
    kw: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in overrides:
            kw[f.name] = overrides[f.name]
            continue
        v = _value(hints[f.name], f.name, i)
        if v is None:  # bool
            default = f.default if f.default is not dataclasses.MISSING else False
            v = not default
        kw[f.name] = v
    return cls(**kw)
