"""ASGI middleware that guards every request: body size, rate limit, security headers.

They are plain ASGI (not BaseHTTPMiddleware) so a streamed answer passes through unbuffered.
"""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The page and its scripts come from this server only; no inline script, no plugins,
# no framing. Swagger UI at /docs sets inline styles, so only there styles may be inline.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def error_body(message: str, kind: str) -> bytes:
    """The one error shape: `detail` (FastAPI habit) and `error` (what OpenAI clients read)."""
    return json.dumps({"detail": message, "error": {"message": message, "type": kind}}).encode()


async def send_error(
    send: Send, status: int, message: str, kind: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = error_body(message, kind)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyTooLarge(HTTPException):
    """Raised while the body is read; an HTTPException so FastAPI's body parsing lets it through as a 413."""

    def __init__(self, max_bytes: int, path: str = "") -> None:
        advice = ("Split the article into smaller documents (the limit follows QA_MAX_DOCUMENT_BYTES)."
                  if path.startswith("/api/documents") else "Send a shorter question or history.")
        super().__init__(413, f"The request body is larger than the limit of {max_bytes:,} bytes. {advice}")


class BodyLimit:
    """Refuse request bodies over `max_bytes` with 413, whether or not they declare a length."""

    def __init__(self, app: ASGIApp, max_bytes: int, larger: dict[str, int] | None = None) -> None:
        self.app = app
        self.default_max = max_bytes
        self.larger = larger or {}  # paths allowed bigger bodies (document ingest)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes = self.larger.get(scope.get("path", ""), self.default_max)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                await send_error(send, 400, "The Content-Length header is not a whole number.", "BadRequest")
                return
            if length > max_bytes:
                await send_error(send, 413, BodyTooLarge(max_bytes, scope.get("path", "")).detail, "BodyTooLarge")
                return

        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes:
                    raise BodyTooLarge(max_bytes, scope.get("path", ""))
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except BodyTooLarge as exc:
            if not started:
                await send_error(send, 413, exc.detail, "BodyTooLarge")


def trusted(proxies: str | None) -> set[str]:
    """`QA_FORWARDED_ALLOW_IPS` as a set of addresses ("*" trusts every peer)."""
    return {p.strip() for p in (proxies or "").split(",") if p.strip()}


def client_address(scope: Scope, proxies: set[str]) -> str:
    """The peer that connected; a trusted proxy's `X-Forwarded-For` names the client it forwarded for.

    A header from anyone else is ignored: a client cannot pick the address it is counted under."""
    peer = (scope.get("client") or ("unknown", 0))[0]
    if peer not in proxies and "*" not in proxies:
        return peer
    for name, value in scope.get("headers", []):
        if name.lower() == b"x-forwarded-for":
            hops = [h.strip() for h in value.decode("latin-1").split(",") if h.strip()]
            if "*" in proxies:
                return hops[0] if hops else peer
            while hops and hops[-1] in proxies:
                hops.pop()  # our own proxies, nearest last
            if hops:
                return hops[-1]
    return peer


class RateLimit:
    """At most `per_minute` API requests per client address in any 60 seconds (0 turns it off).

    Only /api/ and /v1/ count: the page, its scripts and /healthz are never limited.
    The client is the connecting address (the server runs uvicorn without its proxy-header
    rewriting); behind a proxy set `QA_FORWARDED_ALLOW_IPS` to its address, and its
    `X-Forwarded-For` names the client. Without it every user shares the proxy's limit.
    """

    WINDOW_S = 60.0

    def __init__(self, app: ASGIApp, per_minute: int, clock: Callable[[], float] = time.monotonic,
                 forwarded_allow_ips: str | None = None) -> None:
        self.app = app
        self.per_minute = per_minute
        self.clock = clock
        self.proxies = trusted(forwarded_allow_ips)
        self.seen: dict[str, deque[float]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or self.per_minute <= 0 or not path.startswith(("/api/", "/v1/")):
            await self.app(scope, receive, send)
            return
        client = client_address(scope, self.proxies)
        now = self.clock()
        times = self.seen.setdefault(client, deque())
        while times and now - times[0] >= self.WINDOW_S:
            times.popleft()
        if len(times) >= self.per_minute:
            wait = max(1, int(self.WINDOW_S - (now - times[0])) + 1)
            message = (
                f"Too many requests: the limit is {self.per_minute:,} a minute per client. "
                f"Try again in {wait} seconds."
            )
            await send_error(send, 429, message, "RateLimited", [(b"retry-after", str(wait).encode())])
            return
        times.append(now)
        if len(self.seen) > 10_000:  # forget clients that have gone quiet, so memory stays bounded
            for key in [k for k, v in self.seen.items() if not v or now - v[-1] >= self.WINDOW_S]:
                del self.seen[key]
        await self.app(scope, receive, send)


class SecurityHeaders:
    """A Content-Security-Policy and friends on every response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope.get("path", "").startswith("/docs") else CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                headers += [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
