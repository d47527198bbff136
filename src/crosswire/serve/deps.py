"""Dependencies shared by the routes: the store, the settings, paging, and the write token."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request

from ..config import Settings
from ..store.base import Store

#: the largest page any list endpoint returns, whatever ``limit`` asks for
MAX_LIMIT = 500


class ApiError(Exception):
    """An error answered as ``{"error": {"code", "message"}}`` with the given HTTP status."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


@dataclass
class Paging:
    limit: int
    offset: int

    def next_offset(self, returned: int, total: int | None = None) -> int | None:
        nxt = self.offset + returned
        if total is not None:
            return nxt if nxt < total else None
        return nxt if returned >= self.limit else None


def paging(
    settings: SettingsDep,
    limit: Annotated[int | None, Query(ge=1, le=MAX_LIMIT, description="page size (default serve.page_size)")] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Paging:
    return Paging(limit or settings.serve.page_size, offset)


PagingDep = Annotated[Paging, Depends(paging)]


def require_token(request: Request, settings: SettingsDep) -> None:
    """Writes need ``Authorization: Bearer <serve.token>``.

    No token configured: 403 ``writes_disabled``. Missing or wrong token: 401 ``unauthorized``.
    The comparison is constant-time.
    """
    expected = settings.serve.token
    if not expected:
        raise ApiError(403, "writes_disabled",
                       "writes are disabled: set serve.token (CROSSWIRE_SERVE__TOKEN) to enable them")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    ok = scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), expected.encode())
    if not ok:
        raise ApiError(401, "unauthorized", "a valid 'Authorization: Bearer <token>' header is required",
                       {"WWW-Authenticate": "Bearer"})


WriteAuth = Depends(require_token)
