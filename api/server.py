"""Serve the API and the chat page with uvicorn (`qa serve`)."""

from __future__ import annotations

import asyncio
import sys

import uvicorn

from api.app import create_app


def run(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Warm the engine, listen, print the address, and serve until interrupted."""
    # Keep idle connections longer than uvicorn's 5 s, so pooling clients rarely reuse one the server is closing.
    config = uvicorn.Config(create_app(), host=host, port=port, log_level="info", timeout_keep_alive=30)
    server = uvicorn.Server(config)
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
