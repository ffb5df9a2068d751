"""POST /api/documents: ingest an article over HTTP, for holders of QA_ADMIN_TOKEN.

Include it in the app with `app.include_router(routes_documents.router)`. Errors from
ingest are `QAError`s (400 bad document, 409 duplicate, 413 too large) and go through the
app's one error handler. With no token configured, HTTP ingest is off (403).
"""

from __future__ import annotations

import datetime as dt
import hmac
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from api.schemas import ErrorOut
from qa.model.settings import Settings, get_settings

router = APIRouter(tags=["corpus"])


class DocumentIn(BaseModel):
    text: str = Field(description="The article: plain text, Markdown or HTML, as `format` says.")
    format: Literal["text", "markdown", "html"] = "text"
    title: str | None = Field(default=None, description="Default: <title>, the first heading, or the first line.")
    date: dt.date | None = Field(default=None, description="Publication date; default: found at the top of the text.")
    id: str | None = Field(default=None, description="Document id; default: slug of the title and date.")


class DocumentIngestedOut(BaseModel):
    id: str
    title: str
    published: dt.date
    figures: int = Field(description="Figures extracted from the text.")


def _settings(request: Request) -> Settings:
    return getattr(request.app.state, "settings", None) or get_settings()


def require_admin(
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
    x_admin_token: Annotated[str | None, Header()] = None,
) -> Settings:
    settings = _settings(request)
    expected = settings.admin_token
    if not expected:
        raise HTTPException(403, "Ingest over HTTP is off: the server has no QA_ADMIN_TOKEN. Use `qa ingest` instead.")
    given = x_admin_token or ""
    if authorization and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "A valid admin token is required: send it as 'Authorization: Bearer <token>'.",
                            headers={"WWW-Authenticate": "Bearer"})
    return settings


AdminSettings = Annotated[Settings, Depends(require_admin)]


@router.post("/api/documents", status_code=201, response_model=DocumentIngestedOut,
             responses={code: {"model": ErrorOut, "description": text} for code, text in {
                 400: "The document cannot be used (empty, binary, undecodable, no date...).",
                 401: "No admin token, or the wrong one.",
                 403: "HTTP ingest is off: the server has no QA_ADMIN_TOKEN.",
                 409: "That document is already in the store.",
                 413: "The document is larger than QA_MAX_DOCUMENT_BYTES.",
                 429: "Too many requests from this client this minute.",
             }.items()})
async def ingest_document(body: DocumentIn, settings: AdminSettings) -> DocumentIngestedOut:
    from qa.corpus.store import ingest_text
    from qa.engine import get_engine, reset_engine

    def work() -> DocumentIngestedOut:
        doc = ingest_text(body.text, body.format, title=body.title, date=body.date, doc_id=body.id,
                          name="the posted document", settings=settings)
        reset_engine()  # this worker reloads now; others notice the new store on their next engine load
        engine = get_engine()
        return DocumentIngestedOut(id=doc.id, title=doc.title, published=doc.published,
                                   figures=sum(1 for f in engine.figures if f.doc_id == doc.id))

    return await run_in_threadpool(work)
