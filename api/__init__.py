"""The web layer: an HTTP API and a chat page over `qa.ask`. It never reaches into the engine's answering code."""

from api.app import create_app

__all__ = ["create_app"]
