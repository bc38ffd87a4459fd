"""Bytes inside JSON documents (a `format: binary` property of a JSON body, as Resend's
`attachments[].content`): a generated package sends them as standard base64 text and reads that
text back as the bytes, so a model read from the API is sent back unchanged."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import generate_package
from tests.support.fault_server import FaultServer, Reply
from tests.support.packages import importable

# Not UTF-8, and with the two characters where base64's alphabets differ (`+/` and `-_`).
OCTETS = b"\xfb\xff\x00PNG"
STANDARD = base64.b64encode(OCTETS).decode()

_BINARY = {"type": "string", "format": "binary"}
_ATTACHMENTS = {"type": "array", "items": {"$ref": "#/components/schemas/Attachment"}}
MAIL = {
    "openapi": "3.0.3",
    "info": {"title": "Octet Mail", "version": "1"},
    "servers": [{"url": "https://api.example.com"}],
    "paths": {
        "/emails": {
            "post": {
                "operationId": "sendEmail",
                "tags": ["emails"],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/SendEmail"}}
                    },
                },
                "responses": {
                    "200": {
                        "description": "The email.",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Email"}}
                        },
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Attachment": {
                "type": "object",
                "required": ["content"],
                "properties": {"content": _BINARY, "filename": {"type": "string"}},
            },
            "SendEmail": {
                "type": "object",
                "required": ["to"],
                "properties": {
                    "to": {"type": "string"},
                    "attachments": _ATTACHMENTS,
                    "thumbnail": {**_BINARY, "nullable": True},
                    "parts": {"type": "object", "additionalProperties": _BINARY},
                },
            },
            "Email": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "attachments": _ATTACHMENTS,
                    "signature": _BINARY,
                },
            },
        }
    },
}


@pytest.fixture(scope="module")
def mail(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    out = tmp_path_factory.mktemp("octet-mail")
    generate_package(json.dumps(MAIL).encode(), "openapi.json", out)
    with importable(out, "octet_mail_client"):
        import octet_mail_client

        yield octet_mail_client


def test_the_models_type_their_bytes_fields_with_the_runtimes_type(mail: Any) -> None:
    from octet_mail_client.types import _attachment, _send_email

    source = Path(_attachment.__file__).read_text(encoding="utf-8")
    assert "from octet_mail_client._types import Octets" in source
    assert "    content: Octets\n" in source
    source = Path(_send_email.__file__).read_text(encoding="utf-8")
    assert "    thumbnail: Octets | None = None\n" in source
    assert "    parts: dict[str, Octets] | None = None\n" in source
    assert "arbitrary_types_allowed" not in source


def test_bytes_in_a_json_body_go_out_as_base64_and_come_back_as_bytes(
    mail: Any, server: FaultServer
) -> None:
    from octet_mail_client.types import Attachment

    reply = {"id": "e1", "attachments": [{"content": STANDARD}], "signature": "YQ=="}
    server.enqueue(Reply.json(reply), Reply.json(reply))
    with mail.OctetMail(base_url=server.url, max_retries=0) as client:
        email = client.emails.send(
            to="ada@example.com",
            attachments=[Attachment(content=OCTETS, filename="a.png"), {"content": b"a"}],
            thumbnail=None,
            parts={"x": OCTETS},
        )
        assert server.requests[0].json() == {
            "to": "ada@example.com",
            "attachments": [{"content": STANDARD, "filename": "a.png"}, {"content": "YQ=="}],
            "thumbnail": None,
            "parts": {"x": STANDARD},
        }
        assert email.attachments[0].content == OCTETS
        assert email.signature == b"a"
        # What was read goes back as it came.
        client.emails.send(to="ada@example.com", attachments=email.attachments)
        assert server.requests[1].json()["attachments"] == [{"content": STANDARD}]
        assert json.loads(email.to_json()) == reply
