"""Every route in the OpenAPI schema, driven by schemathesis: no 5xx, every response as documented.

Schemathesis reads /openapi.json from the app and generates requests from it: valid ones,
and (in the negative phase) ones that break the schema. A response must not be a server
error, must use a documented status code and content type, and its body must match the
schema of that status. The rate limit is off here; it has its own test in test_faults.py.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks
from schemathesis.specs.openapi import checks as openapi_checks

from api.app import create_app
from qa.model.settings import Settings

app = create_app(Settings(rate_limit_per_minute=0), warm=False)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)

CHECKS = [
    checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.response_headers_conformance,
]


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_route_conforms(case):
    case.call_and_validate(checks=CHECKS)


def test_the_schema_covers_the_routes():
    """So the test above cannot pass by having nothing to test."""
    paths = set(schema.raw_schema["paths"])
    assert {"/api/ask", "/api/chat", "/v1/chat/completions", "/api/figures", "/api/documents", "/healthz"} <= paths


def test_streamed_answers_are_documented_as_event_streams():
    # with `stream: true` the OpenAI-style route answers with Server-Sent Events: the schema says so (a generated
    # request with stream=true found the route documented as JSON only)
    paths = app.openapi()["paths"]
    for path in ("/v1/chat/completions", "/api/chat"):
        assert "text/event-stream" in paths[path]["post"]["responses"]["200"]["content"], path
