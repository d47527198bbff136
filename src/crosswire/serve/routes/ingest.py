"""POST /api/articles and /api/articles/batch: run the pipeline on new articles (bearer token required).

Writes are refused with 403 ``writes_disabled`` when no ``serve.token`` is configured and with 401
``unauthorized`` when the ``Authorization: Bearer`` header is missing or wrong.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from starlette.concurrency import run_in_threadpool

from ..deps import ApiError, SettingsDep, StoreDep, WriteAuth
from ..schemas import ArticleIn, ErrorOut, IngestResult

router = APIRouter(prefix="/api/articles", tags=["ingest"])
MAX_BATCH = 1000
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "missing or wrong bearer token"},
    403: {"model": ErrorOut, "description": "writes disabled: no serve.token configured"},
    413: {"model": ErrorOut, "description": "body larger than serve.max_body_bytes"},
    503: {"model": ErrorOut, "description": "the ingest pipeline is not installed"},
}


def _ingest(records: list[dict], store, settings) -> dict:  # noqa: ANN001
    try:
        from ... import pipeline
    except ImportError:
        raise ApiError(503, "pipeline_unavailable", "the ingest pipeline is not available in this install") from None
    return pipeline.ingest_records(records, store, settings)


def _records(items: list[ArticleIn]) -> list[dict]:
    return [i.model_dump(exclude_none=True) for i in items]


@router.post("", status_code=201, response_model=IngestResult, dependencies=[WriteAuth], responses=_ERRORS,
             summary="Ingest one article")
async def post_article(item: ArticleIn, store: StoreDep, settings: SettingsDep) -> IngestResult:
    result = await run_in_threadpool(_ingest, _records([item]), store, settings)
    return IngestResult.model_validate({"accepted": 1, **(result or {})})


@router.post("/batch", status_code=201, response_model=IngestResult, dependencies=[WriteAuth], responses=_ERRORS,
             summary=f"Ingest a list of articles (at most {MAX_BATCH})")
async def post_batch(items: Annotated[list[ArticleIn], Body(max_length=MAX_BATCH)], store: StoreDep,
                     settings: SettingsDep) -> IngestResult:
    if not items:
        raise ApiError(422, "invalid_request", "the batch is empty")
    result = await run_in_threadpool(_ingest, _records(items), store, settings)
    return IngestResult.model_validate({"accepted": len(items), **(result or {})})
