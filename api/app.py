"""The HTTP API and the chat page. Routes are thin: they check the request and call `qa.ask`."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sse_starlette import EventSourceResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

import qa
from api import completions, present, routes_documents, routes_eval
from api.guards import BodyLimit, RateLimit, SecurityHeaders, error_body
from api.schemas import (
    AskRequest,
    ChatCompletionRequest,
    DocumentOut,
    DocumentSummaryOut,
    ErrorOut,
    HealthOut,
    MessageIn,
    ParagraphOut,
    TurnIn,
)
from qa.corpus.figures import to_frame
from qa.corpus.passages import paragraph_span
from qa.engine import Engine, get_engine
from qa.model.errors import BadHistory, BadQuestion, EmptyQuestion, QAError, QuestionTooLong
from qa.model.records import Answer, Document, Figure
from qa.model.settings import Settings, get_settings
from qa.pipeline import audit as run_audit

log = logging.getLogger("qa.api")

STATIC = Path(__file__).parent / "static"
WARM_UP_QUESTION = "How many revenge porn offences did West Midlands Police record in 2021?"
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": text}
    for code, text in {
        400: "The question or history cannot be used; the message says why.",
        404: "The `document` asked about is not in the store; the message lists the ids.",
        413: "The question or the request body is too long.",
        422: "The body is not JSON of the right shape.",
        429: "Too many requests from this client this minute.",
    }.items()
}


def app_settings(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(app_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]


def error_response(status: int, message: str, kind: str, headers: dict[str, str] | None = None) -> Response:
    return Response(error_body(message, kind), status_code=status, media_type="application/json", headers=headers)


def checked_ask(question: str, history: list[TurnIn] | list[MessageIn], settings: Settings, llm: str | None = None,
                document: str | None = None, explain: bool = False) -> Answer:
    """Refuse what the engine must never see, with the engine's own messages, then ask."""
    if not question.strip():
        raise EmptyQuestion()
    if len(question) > settings.max_question_chars:
        raise QuestionTooLong(len(question), settings.max_question_chars)
    if len(history) > settings.max_history_turns:
        raise BadHistory(
            f"it has {len(history):,} earlier turns and the limit is {settings.max_history_turns:,}; "
            "send only the latest turns or start a new conversation"
        )
    if llm not in (None, "", settings.llm):
        # a client must not make the server spend its own key on a model of the client's choosing
        raise BadQuestion(f"llm may only be \"\" (off) or the server's configured model {settings.llm or '(none)'}")
    return qa.ask(question, [t.model_dump() for t in history], llm=llm, document=document, explain=explain)


def page_view(answer: Answer, history: list[TurnIn] | list[MessageIn], document: str | None = None) -> present.AnswerView:
    """The chat page's view of an answer; its follow-ups are asked with this turn as history, of the same document."""
    engine = get_engine()
    if history and isinstance(history[0], MessageIn):  # keep the client's shape: one shape per conversation
        turns: list[dict[str, str]] = [t.model_dump() for t in history][-18:] + [
            {"role": "user", "content": answer.question}, {"role": "assistant", "content": answer.answer}]
    else:
        turns = [t.model_dump() for t in history][-9:] + [{"question": answer.question, "answer": answer.answer}]
    return present.view(answer, engine.docs_by_id, engine.figures, lambda q: qa.ask(q, turns, llm="", document=document))


def paragraphs(doc: Document) -> list[ParagraphOut]:
    """The document's paragraphs, as the engine delimits them when it shows a quote in context."""
    out: list[ParagraphOut] = []
    pos = 0
    while pos < len(doc.text):
        start, end = paragraph_span(doc, pos, pos)
        if doc.text[start:end].strip():
            out.append(ParagraphOut(start=start, end=end))
        pos = end + 2
    return out


def readable(errors: list[Any], path: str = "") -> str:
    """Pydantic's validation errors as one sentence a person can act on."""
    example = '{"text": "...", "format": "text"}' if path.startswith("/api/documents") else '{"question": "..."}'
    parts = []
    for e in errors:
        loc = [str(p) for p in e.get("loc", ()) if p != "body"]
        if e.get("type") == "json_invalid":
            reason = (e.get("ctx") or {}).get("error", "")
            return f"The request body is not valid JSON ({reason}). Send JSON like {example}."
        if not loc and e.get("type") == "value_error":  # a rule across fields ("exactly one of text, content_base64")
            parts.append(str(e.get("msg", "invalid")).removeprefix("Value error, "))
            continue
        if not loc:
            return f"The request body must be a JSON object like {example}, sent with Content-Type: application/json."
        where = ".".join(loc)
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    return "The request could not be read: " + "; ".join(parts) + "."


def warm_up() -> None:
    """Load the corpus, the index and the embedding model before the first request."""
    try:
        get_engine()
        qa.ask(WARM_UP_QUESTION)
    except Exception:  # the server still starts; requests will report the problem
        log.exception("warm-up failed")


def create_app(settings: Settings | None = None, warm: bool = True, eval_dir: Path | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            await run_in_threadpool(warm_up)
        yield

    app = FastAPI(
        title="Statistics Q&A",
        summary="Answers about the figures in news articles; every number is quoted or calculated in the open.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        # every route's 422 is the app's own error shape, not FastAPI's default
        responses={422: {"model": ErrorOut, "description": "The body or parameters are not of the right shape."}},
    )
    app.state.settings = settings
    app.state.eval_dir = eval_dir or routes_eval.DEFAULT_REPORT_DIR  # what GET /api/eval reads
    # Added innermost first: security headers reach even the 413 and 429 replies.
    # a document to ingest may be larger than a question; its own limit is QA_MAX_DOCUMENT_BYTES (plus JSON overhead)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes,
                       larger={"/api/documents": 2 * settings.max_document_bytes + 4096})
    app.add_middleware(RateLimit, per_minute=settings.rate_limit_per_minute,
                       forwarded_allow_ips=settings.forwarded_allow_ips)
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(QAError)
    async def qa_error(request: Request, exc: QAError) -> Response:
        return error_response(exc.status_code, str(exc), type(exc).__name__)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        return error_response(422, readable(list(exc.errors()), request.url.path), "BadRequest")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"There is nothing at {request.url.path}. The API is described at /docs."
        return error_response(exc.status_code, message, "HTTPError", getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(500, "Something went wrong on our side and it has been logged. Please report it.", "InternalError")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(routes_documents.router)
    app.include_router(routes_eval.router)
    mount_docs(app)

    @app.get("/healthz", response_model=HealthOut, tags=["service"])
    def healthz(engine: EngineDep) -> HealthOut:
        """Ready when the corpus and its figures are loaded."""
        return HealthOut(status="ok", documents=len(engine.documents), figures=len(engine.figures))

    @app.post("/api/ask", response_model=Answer, responses=ERRORS, tags=["answers"])
    def ask(body: AskRequest, settings: SettingsDep) -> Answer:
        """Answer one question; every number in the answer is quoted (`citations`) or worked out (`calculation`)."""
        return checked_ask(body.question, body.history, settings, body.llm, body.document, body.explain)

    @app.post(
        "/api/chat",
        responses={200: {"content": {"text/event-stream": {}}, "description": "`delta` events, then one `answer` event."}, **ERRORS},
        tags=["answers"],
    )
    async def chat(body: AskRequest, settings: SettingsDep) -> EventSourceResponse:
        """Server-Sent Events: `delta` events carry `{text}` pieces of the answer, a `view` event how the page shows it
        (headline, sources, chart, follow-ups), then an `answer` event carries the whole Answer."""
        answer = await run_in_threadpool(checked_ask, body.question, body.history, settings, body.llm, body.document,
                                         body.explain)
        answer_view = await run_in_threadpool(page_view, answer, body.history, body.document)

        async def events() -> AsyncIterator[dict[str, str]]:
            for piece in completions.pieces(answer.answer):
                yield {"event": "delta", "data": json.dumps({"text": piece})}
            # the view before the answer: the `answer` event stays the last, as clients read it
            yield {"event": "view", "data": answer_view.model_dump_json()}
            yield {"event": "answer", "data": answer.model_dump_json()}

        return EventSourceResponse(events())

    @app.post(
        "/v1/chat/completions",
        responses={200: {"content": {"application/json": {}, "text/event-stream": {}},
                         "description": "A chat completion; with `stream: true`, `chat.completion.chunk` events "
                                        "then `[DONE]`."}, **ERRORS},
        tags=["openai"],
    )
    async def chat_completions(body: ChatCompletionRequest, settings: SettingsDep) -> Response:
        """OpenAI-compatible. The text carries footnotes; the extra field `answer` carries the whole Answer."""
        question, history = completions.question_and_history(body.messages)
        answer = await run_in_threadpool(checked_ask, question, history, settings)
        if not body.stream:
            return JSONResponse(completions.completion(answer, body.model))

        async def events() -> AsyncIterator[dict[str, str]]:
            for chunk in completions.chunks(answer, body.model):
                yield {"data": json.dumps(chunk)}
            yield {"data": "[DONE]"}

        return EventSourceResponse(events())

    @app.get("/v1/models", tags=["openai"])
    def models() -> dict[str, Any]:
        """The one model, for OpenAI clients that list models first."""
        return {"object": "list", "data": [{"id": "qa", "object": "model", "created": 0, "owned_by": "qa"}]}

    @app.get("/api/figures", response_model=list[Figure], tags=["corpus"],
             responses={200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with format=csv."}, **ERRORS})
    def figures(
        engine: EngineDep,
        subject: Annotated[str | None, Query(description="Keep figures whose subject contains this (any case).")] = None,
        period: Annotated[str | None, Query(description="Keep figures for exactly this period, e.g. 2021.")] = None,
        doc_id: Annotated[str | None, Query(description="Keep figures from this document.")] = None,
        format: Annotated[Literal["json", "csv"], Query(description="json (default) or csv.")] = "json",
    ) -> Any:
        """The figures table: every figure an article states, with its quote and where it is."""
        rows = [
            f
            for f in engine.figures
            if (subject is None or subject.casefold() in f.subject.casefold())
            and (period is None or f.period == period)
            and (doc_id is None or f.doc_id == doc_id)
        ]
        if format == "csv":
            return Response(
                to_frame(rows).to_csv(index=False),
                media_type="text/csv; charset=utf-8",
                headers={"content-disposition": 'attachment; filename="figures.csv"'},
            )
        return rows

    @app.get("/api/documents", response_model=list[DocumentSummaryOut], tags=["corpus"])
    def documents(engine: EngineDep) -> list[DocumentSummaryOut]:
        return [summary(d) for d in engine.documents]

    @app.get("/api/documents/{doc_id}", response_model=DocumentOut, responses={404: {"model": ErrorOut}}, tags=["corpus"])
    def document(doc_id: str, engine: EngineDep) -> DocumentOut:
        """One article: its text, metadata and paragraph ranges (citations index into `text`)."""
        doc = engine.docs_by_id.get(doc_id)
        if doc is None:
            raise HTTPException(404, f"There is no document {doc_id!r}. GET /api/documents lists them.")
        return DocumentOut(**summary(doc).model_dump(), text=doc.text, paragraphs=paragraphs(doc))

    @app.get("/api/audit", responses={503: {"model": ErrorOut}}, tags=["corpus"])
    def audit() -> Any:
        """Checks of the articles' own claims against their figures, each finding with its quotes."""
        return run_audit().model_dump(mode="json")

    return app


def summary(doc: Document) -> DocumentSummaryOut:
    return DocumentSummaryOut(
        id=doc.id, title=doc.title, published=doc.published, source=doc.source, characters=len(doc.text)
    )


def mount_docs(app: FastAPI) -> None:
    """Swagger UI from the installed swagger-ui-bundle package: no CDN, no inline script."""
    import swagger_ui_bundle

    app.mount("/docs/assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger-ui")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Statistics Q&amp;A: API</title>"
            "<link rel='stylesheet' href='/docs/assets/swagger-ui.css'></head>"
            "<body><div id='swagger-ui'></div>"
            "<script src='/docs/assets/swagger-ui-bundle.js'></script>"
            "<script src='/static/docs.js'></script></body></html>"
        )
