"""Serve the API and the chat page with uvicorn (`qa serve`)."""

from __future__ import annotations

import asyncio
import sys

import uvicorn

from api.app import create_app


def config(host: str = "127.0.0.1", port: int = 8000) -> uvicorn.Config:
    """uvicorn's settings. Its own proxy-header handling is off: by default it believes `X-Forwarded-For` from
    127.0.0.1, so anything on the machine could pick the address the rate limit counts it under. The app reads
    the header itself, only from the proxies `QA_FORWARDED_ALLOW_IPS` names (uvicorn's `--forwarded-allow-ips`)."""
    # Keep idle connections longer than uvicorn's 5 s, so pooling clients rarely reuse one the server is closing.
    return uvicorn.Config(create_app(), host=host, port=port, log_level="info", timeout_keep_alive=30,
                          proxy_headers=False)


def run(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Warm the engine, listen, print the address, and serve until interrupted."""
    server = uvicorn.Server(config(host, port))
    shown = f"[{host}]" if ":" in host else host
    asyncio.run(_serve(server, f"http://{shown}:{port}/"))


async def _serve(server: uvicorn.Server, url: str) -> None:
    task = asyncio.create_task(server.serve())
    # The address is printed only once the engine is warm and the socket is bound, so it is ready to open.
    while not server.started and not task.done():
        await asyncio.sleep(0.05)
    if server.started:
        sys.stdout.write(f"Serving on {url} (API docs: {url}docs). Ctrl-C stops.\n")
        sys.stdout.flush()
    await task
