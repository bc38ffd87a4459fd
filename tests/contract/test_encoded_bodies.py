"""A body sent compressed, as its `Content-Encoding` header parameter says, is proven.

Datadog's log intake takes `Content-Encoding: gzip` (or `deflate`) as a header parameter beside
a JSON or text body: the client compresses what it serializes, and the mock reads the body as a
server accepting those encodings does, so verify judges the arguments, not the compressed bytes.
"""

from __future__ import annotations

import json

from generator.verify import verify_spec

from .contracts import proven

_ENCODING = {
    "name": "Content-Encoding",
    "in": "header",
    "schema": {"type": "string", "enum": ["identity", "gzip", "deflate"]},
}
_LOG = {
    "type": "object",
    "required": ["message"],
    "properties": {"message": {"type": "string"}, "service": {"type": "string"}},
}
_SPEC = json.dumps(
    {
        "openapi": "3.0.3",
        "info": {"title": "Intake", "version": "1"},
        "servers": [{"url": "https://intake.example.com"}],
        "paths": {
            "/logs": {
                "post": {
                    "operationId": "submitLogs",
                    "parameters": [_ENCODING],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"type": "array", "items": _LOG}},
                            "text/plain": {"schema": {"type": "string"}},
                        },
                    },
                    "responses": {"202": {"description": "Accepted."}},
                }
            }
        },
    }
).encode()


def test_a_compressed_json_or_text_body_is_proven() -> None:
    verified = verify_spec(_SPEC, "openapi.json")
    assert verified.result.passed, proven(verified)
    assert verified.result.line().endswith("1/1 operations")
