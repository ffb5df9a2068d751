"""POST /api/documents: ingest an article over HTTP, for holders of QA_ADMIN_TOKEN.

Include it in the app with `app.include_router(routes_documents.router)`. Errors from
ingest are `QAError`s (400 bad document, 409 duplicate, 413 too large) and go through the
app's one error handler. With no token configured, HTTP ingest is off (403).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import datetime as dt
import hmac
import threading
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from api.schemas import ErrorOut
from qa.model.errors import BadDocument
from qa.model.settings import Settings, get_settings

router = APIRouter(tags=["corpus"])


class DocumentIn(BaseModel):
    text: str | None = Field(default=None, description="The article: plain text, Markdown, HTML or CSV, as `format` "
                             "says. Send either `text` or `content_base64`.")
    content_base64: str | None = Field(default=None, description="The file's bytes in base64, for an XLSX workbook "
                                       "(or any format, e.g. a CSV that is not UTF-8 text).")
    format: Literal["text", "markdown", "html", "csv", "xlsx"] = "text"
    filename: str | None = Field(default=None, max_length=255, description="The file's name; a table's title and "
                                 "date default to it (`waiting-list-2024-03-14.csv`).")
    title: str | None = Field(default=None, description="Default: <title>, the first heading, or the first line; "
                              "a table's: its file name.")
    date: dt.date | None = Field(default=None, description="Publication date; default: found at the top of the text "
                                 "(a table: in its title or file name).")
    id: str | None = Field(default=None, description="Document id; default: slug of the title and date.")

    @model_validator(mode="after")
    def _one_body(self) -> DocumentIn:
        if (self.text is None) == (self.content_base64 is None):
            raise ValueError("send the document as exactly one of `text` or `content_base64`")
        if self.format == "xlsx" and self.content_base64 is None:
            raise ValueError("an xlsx workbook is binary: send its bytes as `content_base64`")
        return self

    @field_validator("text", "title")
    @classmethod
    def _unicode(cls, value: str | None) -> str | None:
        if value is not None and any("\ud800" <= c <= "\udfff" for c in value):
            raise ValueError("is not valid Unicode (it holds a lone surrogate); send UTF-8 text")
        return value


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
INGEST_ERRORS = {code: {"model": ErrorOut, "description": text} for code, text in {
    400: "The document cannot be used (empty, binary, undecodable, no date, a table with ragged rows or no "
         "numbers, an unsaved formula, bad base64...).",
    401: "No admin token, or the wrong one.",
    403: "HTTP ingest is off: the server has no QA_ADMIN_TOKEN.",
    409: "That document is already in the store.",
    413: "The document is over a cap: QA_MAX_DOCUMENT_BYTES, QA_MAX_FIGURES_PER_DOCUMENT, QA_MAX_PARAGRAPH_CHARS, "
         "QA_MAX_HTML_DEPTH.",
    422: "The body is not JSON of the right shape, or reading the document took longer than QA_EXTRACT_TIMEOUT_S.",
    429: "Too many requests from this client this minute.",
}.items()}


@router.post("/api/documents", status_code=201, response_model=DocumentIngestedOut, responses=INGEST_ERRORS,
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                 "schema": DocumentIn.model_json_schema(ref_template="#/components/schemas/{model}")}}}})
async def ingest_document(request: Request, settings: AdminSettings) -> DocumentIngestedOut:
    """Add an article. The token is checked before the body is read; the document is read and its figures
    extracted in a worker process, stopped if this request is abandoned; the answers include it once this
    returns, and questions are answered from the documents before it until then."""
    from qa.corpus.store import ingest_bytes, ingest_text, store_state
    from qa.engine import refresh

    try:
        body = DocumentIn.model_validate_json(await request.body())
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False)) from None
    gone = threading.Event()

    name = body.filename or "the posted document"
    if body.format in ("csv", "xlsx") and not (body.title or body.filename):
        raise BadDocument("A table has no headline to take a title from: send `title` (or `filename`).")
    data: bytes | None = None
    if body.content_base64 is not None:
        try:
            data = base64.b64decode(body.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise BadDocument("content_base64 is not valid base64: send the file's bytes base64-encoded.") from None

    def work() -> DocumentIngestedOut:
        if data is not None:
            doc = ingest_bytes(data, name, body.format, title=body.title, date_=body.date, doc_id=body.id,
                               settings=settings, cancelled=gone.is_set)
        else:
            doc = ingest_text(body.text or "", body.format, title=body.title, date=body.date, doc_id=body.id,
                              name=name, settings=settings, cancelled=gone.is_set)
        generation = store_state(settings)[0]
        engine = refresh(at_least=int(str(generation)))  # built beside the current engine, which answers meanwhile
        return DocumentIngestedOut(id=doc.id, title=doc.title, published=doc.published,
                                   figures=len(engine.corpus.figures_by_doc.get(doc.id, [])))

    async def watch() -> None:
        while not gone.is_set():
            if await request.is_disconnected():
                gone.set()
                return
            await asyncio.sleep(0.25)

    watcher = asyncio.create_task(watch())
    try:
        return await run_in_threadpool(work)
    finally:
        gone.set()
        watcher.cancel()
