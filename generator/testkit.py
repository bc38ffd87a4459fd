"""What the fake client of `<package>.testing` knows about the API: `_fake_spec.json`.

The fake checks every request against the spec and answers from its examples, so it needs the
operations as the generated methods call them (method, path template, `resource.method` name,
the parameters and the body the method sends, each response) with their schemas as the spec
wrote them (examples, formats and bounds included, which the models' hoisted schemas drop).
Every `$ref` they use is kept as written and its target copied into `defs` under the same ref,
so the runtime resolves references with one dictionary lookup and never sees the rest of the
document. The file is data: the runtime reads it with `json.loads`, nothing of it is executed.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from . import jsonpointer, refs
from .ir import Api, Operation
from .media import (
    encoding,
    is_concrete,
    is_event_stream,
    is_json,
    pick_media,
    streams_json_lines,
)
from .sse import envelope_data, named_events

_LOCATIONS = ("path", "query", "header")


def fake_spec(document: dict[str, Any], api: Api) -> str:
    """The JSON text of `_fake_spec.json` for the package of `api` (deterministic)."""
    operations = [
        _operation(document, resource.name, operation)
        for resource in api.resources
        for operation in resource.operations
    ]
    table = {"operations": operations, "defs": _definitions(document, operations)}
    return json.dumps(table, ensure_ascii=False, indent=1, default=_plain) + "\n"


def _operation(document: dict[str, Any], resource: str, operation: Operation) -> dict[str, Any]:
    path, method = operation.path.unsafe_value, str(operation.http_method)
    pointer = jsonpointer.join("", "paths", path, method)
    raw = jsonpointer.resolve(document, pointer)
    sites = refs.operation_parameters(document, path, raw, pointer)
    return {
        "name": f"{resource}.{operation.name}",
        "method": method.upper(),
        "path": _routed_path(operation),
        "parameters": [
            {
                "name": site.name,
                "in": site.location,
                "required": site.location == "path" or site.parameter.get("required") is True,
                "schema": site.parameter.get("schema") or {},
            }
            for site in sites
            if site.location in _LOCATIONS
        ],
        "body": _body(document, raw, pointer, operation),
        "responses": _responses(document, raw, pointer, operation.response.status),
        "success": _answered(operation.response.status),
        "pagination": _pagination(operation),
        **(
            {}
            if operation.events is None
            else {"events_method": f"{resource}.{operation.events.name}"}
        ),
    }


def _routed_path(operation: Operation) -> str:
    """The path key, each variable holding a path written `{+name}` for the fake to route it
    across segments (`analyze.spans`), less a `#` and what follows: a fragment that tells
    operations apart in the spec (Mistral's `/v1/conversations#stream`) is never requested."""
    path = operation.path.unsafe_value.partition("#")[0]
    for parameter in operation.path_parameters:
        if parameter.spans:
            name = parameter.wire_name.unsafe_value
            path = path.replace("{" + name + "}", "{+" + name + "}")
    return path


def _body(
    document: dict[str, Any], raw: dict[str, Any], pointer: str, operation: Operation
) -> dict[str, Any] | None:
    if operation.body is None:
        return None
    resolved = refs.resolve(document, raw.get("requestBody"), jsonpointer.join(pointer, "rb"))
    media = operation.body.media_type.unsafe_value
    declared = (resolved.node or {}).get("content") or {}
    content = declared.get(media) or {}
    # The other media types, by lower-cased name: a method sending one of them (`submit_text`
    # beside `submit`) is judged by that one's schema, not by the preferred type's.
    others = {
        str(name).lower(): {"encoding": encoding(str(name)), "schema": value.get("schema") or {}}
        for name, value in declared.items()
        if name != media and isinstance(value, dict) and is_concrete(str(name))
    }
    return {
        "media": media,
        "encoding": encoding(media),
        "required": operation.body.required,
        "schema": content.get("schema") or {},
        **({"others": others} if others else {}),
    }


def _answered(success: str) -> str:
    """The status the fake answers with: the success as declared, or 200 for a success declared
    only as a range (Ably's `2XX`) or as `default` (CircleCI's `POST .../ssh-key`)."""
    return success if success.isdigit() else "200"


def _responses(
    document: dict[str, Any], raw: dict[str, Any], pointer: str, success: str
) -> dict[str, Any]:
    """Each declared status; the success keyed by the status it is answered with. Other ranges
    and `default` (errors, then) are left to the fake's own answer."""
    answers: dict[str, Any] = {}
    for status, response in (raw.get("responses") or {}).items():
        if not str(status).isdigit() and str(status) != success:
            continue
        resolved = refs.resolve(document, response, jsonpointer.join(pointer, "responses", status))
        content = (resolved.node or {}).get("content") or {}
        media = pick_media(list(content)) if isinstance(content, dict) else None
        key = _answered(str(status))
        if media is None:
            answers[key] = {"media": None}
            continue
        answers[key] = _answer(document, media, content.get(media) or {})
        if streams_json_lines(raw, media, status):  # the fake answers these as JSON lines
            answers[key]["lines"] = True
        events = next((m for m in content if m != media and is_event_stream(m)), None)
        if events is not None:  # the fake answers these to a request that accepts only them
            answers[key]["event_stream"] = _answer(document, events, content[events] or {})
    return answers


def _answer(document: dict[str, Any], media: str, body: dict[str, Any]) -> dict[str, Any]:
    answer = {
        "media": media,
        "json": is_json(media),
        "events": is_event_stream(media),
        "schema": body.get("schema") or {},
        "examples": _examples(document, body),
    }
    if is_event_stream(media) and "itemSchema" not in body:

        def resolve(node: Any) -> Any:
            return refs.resolve(document, node, "").node

        named = named_events(body.get("schema"), resolve)
        if named:
            answer["named_events"] = [{"name": event.name, "schema": event.data} for event in named]
        data = envelope_data(body.get("schema"), resolve)
        if data is not None:  # each event's data, not the event framing it
            answer["schema"] = data
    return answer


def _examples(document: dict[str, Any], media: dict[str, Any]) -> list[Any]:
    """The media type's `example`, then each of its `examples` (following `$ref`s)."""
    found = [media["example"]] if "example" in media else []
    examples = media.get("examples")
    for item in examples.values() if isinstance(examples, dict) else []:
        example = refs.resolve(document, item, "").node
        if isinstance(example, dict) and "value" in example:
            found.append(example["value"])
    return found


def _pagination(operation: Operation) -> dict[str, Any] | None:
    """Where a page says it is the last one, for the fake's replies (`as_last_page`)."""
    paging = operation.pagination
    if paging is None:
        return None
    fields = {
        "current_page": paging.current_page,
        "last_page": paging.last_page,
        "total": paging.total,
        "has_more": paging.has_more,
        "done": paging.done,
        "next": paging.next,
    }
    numbering = {} if paging.first_page == 1 else {"first_page": paging.first_page}
    return {
        "style": paging.style,
        "page_param": None if paging.page_param is None else paging.page_param.unsafe_value,
        "items_field": [part.unsafe_value for part in paging.items_path],
        **{name: [part.unsafe_value for part in path] for name, path in fields.items() if path},
        **numbering,
    }


def _definitions(document: dict[str, Any], operations: list[dict[str, Any]]) -> dict[str, Any]:
    """Every `$ref` target the operations reach, by ref, sorted: a closed world for the fake."""
    defs: dict[str, Any] = {}
    pending = sorted(_refs_in(operations))
    while pending:
        ref = pending.pop()
        if ref in defs:
            continue
        try:
            target = jsonpointer.resolve(document, ref)
        except (KeyError, ValueError):
            target = {}
        defs[ref] = target
        pending.extend(sorted(_refs_in(target) - set(defs)))
    return dict(sorted(defs.items()))


def _refs_in(node: Any) -> set[str]:
    return {ref for ref in refs.refs_in(node) if ref.startswith("#")}


def _plain(value: Any) -> Any:
    """What YAML reads that JSON cannot hold (`2024-01-01` is a date there) as its text."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
