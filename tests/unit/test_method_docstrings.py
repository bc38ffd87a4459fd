"""What a generated method's docstring says when the spec says nothing about the operation."""

from __future__ import annotations

from typing import Any

from generator.analyze import analyze
from generator.config import default_config
from generator.docs import reference
from generator.examples import Examples
from generator.views import method_view


def _docstrings(paths: dict[str, Any]) -> dict[str, str]:
    document = {"openapi": "3.1.0", "info": {"title": "Demo", "version": "1"}, "paths": paths}
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    return {
        str(op.http_method): str(method_view(op, asynchronous=False).docstring)
        for op in api.operations
    }


def test_an_operation_without_summary_or_description_names_its_request() -> None:
    """Keycloak's `GET /{realm}/components` has neither: its docstring says what it sends
    rather than `Call the operation.`; a summary, where given, is the docstring as before."""
    realm = {"name": "realm", "in": "path", "required": True, "schema": {"type": "string"}}
    quiet = {"tags": ["Component"], "responses": {"200": {"description": "ok"}}}
    said = {**quiet, "summary": "Delete the component"}
    docstrings = _docstrings(
        {
            "/{realm}/components": {"parameters": [realm], "get": quiet},
            "/{realm}/components/{id}": {
                "parameters": [realm, {**realm, "name": "id"}],
                "delete": said,
            },
        }
    )
    assert docstrings["get"].startswith("Sends `GET /{realm}/components`.")
    assert docstrings["delete"].startswith("Delete the component")


def test_a_body_description_follows_the_request_line_rather_than_replacing_it() -> None:
    """Fly's Machines API describes only the bodies (`Request body`, `App body`): the method's
    docstring said `Request body` and nothing of what the method does; it names the request
    first, and the body's description follows."""
    body = {
        "description": "Request body",
        "required": True,
        "content": {
            "application/json": {
                "schema": {"type": "object", "properties": {"signal": {"type": "string"}}}
            }
        },
    }
    signal = {
        "tags": ["Machines"],
        "requestBody": body,
        "responses": {"200": {"description": "ok"}},
    }
    docstrings = _docstrings({"/machines/signal": {"post": signal}})
    lines = [line.strip() for line in docstrings["post"].strip('"').splitlines()]
    assert lines[0] == "Sends `POST /machines/signal`."
    assert "Request body" in lines[1:]


def test_a_request_line_in_a_docstring_cannot_close_it() -> None:
    """The path is the spec's text: quotes and backslashes in it stay inside the docstring."""
    odd = '/a"""b\\c'
    docstrings = _docstrings({odd: {"get": {"responses": {"200": {"description": "ok"}}}}})
    (docstring,) = docstrings.values()
    assert '"""' not in docstring
    assert "\\c" not in docstring.replace("\\\\", "")


def test_a_deprecated_argument_says_so_in_the_docstring_and_the_reference() -> None:
    """Clerk's `GET /users` takes `last_active_at_since`, deprecated: its description need not
    say so, and one without a description said nothing at all."""
    integer, text = {"type": "integer"}, {"type": "string"}
    parameters = [
        {"in": "query", "name": "since", "deprecated": True, "schema": integer},
        {"in": "query", "name": "quiet", "deprecated": True, "schema": text},
        {"in": "query", "name": "limit", "schema": integer},
    ]
    parameters[0]["description"] = "Users active since then."
    parameters[2]["description"] = "At most this many."
    operation = {"parameters": parameters, "responses": {"200": {"description": "ok"}}}
    paths = {"/users": {"get": operation}}
    (docstring,) = _docstrings(paths).values()
    assert "since: Deprecated. Users active since then." in docstring
    assert "quiet: Deprecated." in docstring
    assert "limit: At most this many." in docstring
    document = {"openapi": "3.1.0", "info": {"title": "Demo", "version": "1"}, "paths": paths}
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    (resource,) = reference(api, Examples(api, document))
    (method,) = resource.methods
    assert {str(p.name): p.deprecated for p in method.parameters} == {
        "`since`": True,
        "`quiet`": True,
        "`limit`": False,
    }


def test_a_deprecated_body_field_says_so_too() -> None:
    """Clerk's `POST /oauth_applications/access_tokens/verify` takes `secret`, deprecated for
    `access_token`; a property deprecated beside its `$ref`, or in an `allOf` member, counts."""
    token = {"type": "object", "properties": {"scope": {"type": "string"}}}
    base = {"type": "object", "properties": {"old": {"type": "string", "deprecated": True}}}
    own = {
        "access_token": {"type": "string", "description": "The token."},
        "secret": {"type": "string", "description": "The token.", "deprecated": True},
        "grant": {"$ref": "#/components/schemas/Token", "deprecated": True},
    }
    schema = {"allOf": [{"$ref": "#/components/schemas/Base"}, {"properties": own}]}
    operation = {
        "requestBody": {"content": {"application/json": {"schema": schema}}},
        "responses": {"200": {"description": "ok"}},
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {"/verify": {"post": operation}},
        "components": {"schemas": {"Token": token, "Base": base}},
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    (method,) = api.operations
    assert method.body is not None
    assert {str(f.name): f.deprecated for f in method.body.fields} == {
        "old": True,
        "access_token": False,
        "secret": True,
        "grant": True,
    }
    docstring = str(method_view(method, asynchronous=False).docstring)
    assert "secret: Deprecated. The token." in docstring
    assert "access_token: The token." in docstring
