"""What the README says of each credential: HTTP basic's password says how to send none, as
APIs that take a key as the user name want (Lob, Stripe)."""

from __future__ import annotations

from typing import Any

from generator.analyze import analyze
from generator.config import default_config
from generator.views import credentials

DOCUMENT: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Mail", "version": "1"},
    "security": [{"basicAuth": []}],
    "paths": {
        "/zips": {"get": {"operationId": "listZips", "responses": {"200": {"description": "ok"}}}}
    },
    "components": {"securitySchemes": {"basicAuth": {"type": "http", "scheme": "basic"}}},
}


def test_the_basic_password_row_says_how_to_send_none() -> None:
    api = analyze(DOCUMENT, default_config("Mail", "mail.json"))
    rows = {str(row.name): str(row.use) for row in credentials(api)}
    assert rows == {
        "username": "the user name for HTTP basic authentication",
        "password": 'the password for HTTP basic authentication, `""` for none',
    }
