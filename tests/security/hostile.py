"""Hypothesis strategies for hostile text and for whole OpenAPI documents made of it.

Every string a spec can carry into generated code is drawn from `hostile_text`: quote runs,
backslashes and escape sequences, every line break Python knows, control characters, Jinja, HTML
and Markdown, shell metacharacters, code that would create a canary file, non-ASCII, bidi marks,
lone surrogates (JSON can carry them), very long runs, and ordinary text, concatenated.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from generator import jsonpointer


def _payloads(canary: str) -> list[str]:
    code = [
        f"__import__('os').system('touch {canary}')",
        f"open({canary!r}, 'w').close()",
        f'\n__import__("pathlib").Path({canary!r}).touch()\n',
        f"{{{{ cycler.__init__.__globals__.os.popen('touch {canary}').read() }}}}",
        f"$(touch {canary})",
        f"`touch {canary}`",
        f"; touch {canary} #",
        f"' && touch {canary} && '",
    ]
    quotes = ['"""', "'''", '"', "'", '\\"""', '""""', "\\", "\\\\", "\\N{BULLET}", "\\x41"]
    breaks = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\x1c"]
    controls = ["\x00", "\x01", "\x07", "\x1b[2J", "\x7f", "\t"]
    template = ["{{ 7*7 }}", "{% for x in range(3) %}X{% endfor %}", "{# c #}", "{%", "}}", "{x}"]
    markup = ["<script>alert(1)</script>", "<!--", "](javascript:alert(1))", "# ", "| a |", "```"]
    python = ["# noqa", "# type: ignore", "# -*- coding: utf-7 -*-", "+ACIAIgAi-", "%s", "{0}"]
    names = ["class", "import", "None", "match", "type", "_", "__init__", "model_config", "self"]
    paths = ["../../x", "/etc/passwd", "..", ".", "~", "C:\\", "\\\\server\\share"]
    # fullwidth A, Cyrillic a and Fraktur U look like ASCII letters; U+0301 combines
    unicode = ["é", "ß", "名前", "ﬁ", "\uff21", "\u0430", "\U0001d518", "🙂", "\u0301", "\ufeff"]
    invisible = ["\u202e", "\u202d", "\u200f", "\u2066", "\u2069", "\u200b", "\u00a0", "\u3000"]
    surrogates = ["\ud800", "\udfff"]
    sizes = ["x" * 300, " ", ""]
    return [
        *code,
        *quotes,
        *breaks,
        *controls,
        *template,
        *markup,
        *python,
        *names,
        *paths,
        *unicode,
        *invisible,
        *surrogates,
        *sizes,
    ]


def hostile_text(canary: str, *, max_pieces: int = 5) -> st.SearchStrategy[str]:
    """Strings built from hostile pieces and arbitrary short text."""
    piece = st.sampled_from(_payloads(canary)) | st.text(max_size=6)
    return st.lists(piece, max_size=max_pieces).map("".join)


@st.composite
def hostile_specs(draw: st.DrawFn, text: st.SearchStrategy[str]) -> dict[str, Any]:
    """A small but complete OpenAPI 3.1 document with hostile text in every free-text field."""
    schema_keys = draw(st.lists(text, min_size=1, max_size=3, unique=True))
    refs = ["#/components/schemas/" + jsonpointer.escape(key) for key in schema_keys]
    schemas = {key: draw(_object_schema(text, refs)) for key in schema_keys}
    tags = draw(st.lists(st.fixed_dictionaries({"name": text, "description": text}), max_size=2))
    tag_names = [tag["name"] for tag in tags]
    paths: dict[str, Any] = {}
    for _ in range(draw(st.integers(1, 3))):
        path_param = draw(text).replace("{", "").replace("}", "").replace("/", "") or "id"
        # Braces are path template variables; undeclared ones are refused (a corpus case), so the
        # hostile static part is drawn without them.
        static = draw(text).replace("{", "(").replace("}", ")")
        path = "/" + static + draw(st.sampled_from(["", "/{" + path_param + "}"]))
        methods = draw(
            st.lists(
                st.sampled_from(["get", "post", "put", "delete"]),
                unique=True,
                min_size=1,
                max_size=2,
            )
        )
        paths[path] = {
            method: draw(_operation(text, refs, tag_names, method, path, path_param))
            for method in methods
        }
    security_name = draw(text)
    # A hostile query parameter name (any text is one); header names that are not HTTP tokens
    # are refused, as the corpus cases show, so a header key gets a hostile but valid token.
    location = draw(st.sampled_from(["query", "header"]))
    if location == "query":
        key_name = draw(text)
        key_name = key_name if key_name.strip() else "key" + key_name
    else:
        key_name = "X-" + draw(st.from_regex(r"[-!#$%&'*+.^_`|~0-9A-Za-z]{1,20}", fullmatch=True))
    return {
        "openapi": "3.1.0",
        "info": {"title": draw(text), "version": draw(text), "description": draw(text)},
        "servers": [{"url": draw(st.sampled_from(["https://api.example.com/", ""])) + draw(text)}],
        "tags": tags,
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                security_name: {"type": "apiKey", "in": location, "name": key_name}
            },
        },
        "security": [{security_name: []}],
    }


def _property(text: st.SearchStrategy[str], refs: list[str]) -> st.SearchStrategy[Any]:
    string = st.fixed_dictionaries(
        {"type": st.just("string")},
        optional={
            "description": text,
            "title": text,
            "default": text,
            "example": text,
            "examples": st.lists(text, max_size=2),
            "pattern": text,
            "enum": st.lists(text, min_size=1, max_size=3, unique=True),
            "const": text,
        },
    )
    ref = st.sampled_from(refs).map(lambda ref: {"$ref": ref})
    array = ref.map(lambda item: {"type": "array", "items": item})
    inline = st.dictionaries(text, string, min_size=1, max_size=2).map(
        lambda properties: {"type": "object", "properties": properties}
    )
    return string | ref | array | inline


@st.composite
def _object_schema(draw: st.DrawFn, text: st.SearchStrategy[str], refs: list[str]) -> Any:
    properties = draw(st.dictionaries(text, _property(text, refs), min_size=1, max_size=4))
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if draw(st.booleans()):
        schema["description"] = draw(text)
    if draw(st.booleans()):
        schema["required"] = draw(st.lists(st.sampled_from(sorted(properties)), unique=True))
    return schema


@st.composite
def _operation(
    draw: st.DrawFn,
    text: st.SearchStrategy[str],
    refs: list[str],
    tag_names: list[str],
    method: str,
    path: str,
    path_param: str,
) -> dict[str, Any]:
    operation: dict[str, Any] = {"summary": draw(text), "description": draw(text)}
    if draw(st.booleans()):
        operation["operationId"] = draw(text)
    operation["tags"] = [draw(st.sampled_from(tag_names) if tag_names else text)]
    parameters = [
        {
            "name": draw(text),
            "in": draw(st.sampled_from(["query", "header"])),
            "description": draw(text),
            "schema": draw(_property(text, refs)),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    if "{" in path:
        parameters.append(
            {"name": path_param, "in": "path", "required": True, "schema": {"type": "string"}}
        )
    operation["parameters"] = parameters
    body = {"application/json": {"schema": {"$ref": draw(st.sampled_from(refs))}}}
    if method in ("post", "put"):
        operation["requestBody"] = {"description": draw(text), "content": body}
    if draw(st.booleans()):
        operation["responses"] = {"200": {"description": draw(text), "content": body}}
    else:
        operation["responses"] = {"204": {"description": draw(text)}}
    return operation
