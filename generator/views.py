"""The IR as the resource template prints it: one view per generated method and per module.

A method's shape (signature, return type, docstring, the request it makes) is decided here, in
Python, once; `templates/package/src/resources/` only lays the lines out. Every line is `Safe`:
built from names and annotations we made, with spec text passed through an escaper.

An operation with several request media types has one method per form of its body: the
operation's own sends the preferred form, and each other form's method (`body.method`) makes
the same request with its body (`calls.py` spells the call).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from . import strings
from .calls import request_arguments, return_type, security_literal
from .ir import Api, Argument, Operation, RequestBody, Resource, SecurityScheme, TypeRef
from .strings import Safe, SpecText
from .vocabulary import PER_CALL_OPTIONS

_DEPRECATED = SpecText("Deprecated: the API marks this operation as deprecated.")
_TWIN_MENTION = "`{}` makes the same request and returns the reply as server-sent events."
_TWIN_NOTE = "The reply as server-sent events, as they arrive; `{}` returns it whole."


@dataclass(frozen=True)
class MethodView:
    """One resource method, sync or async: `def name(self, <parameters>) -> returns`."""

    name: Safe
    asynchronous: bool
    parameters: tuple[Safe, ...]
    returns: Safe
    docstring: Safe
    call: Safe
    arguments: tuple[Safe, ...]
    options: tuple[Safe, ...]

    @property
    def option_parameters(self) -> tuple[Safe, ...]:
        """The per-call options' parameter lines, after the operation's own."""
        return tuple(Safe(f"{name}: {PER_CALL_OPTIONS[name]},") for name in self.options)

    @property
    def coroutine(self) -> bool:
        """`async def` awaiting its request; an async paginated method instead returns a
        paginator at once, to be awaited or iterated."""
        return self.asynchronous and self.call == "_request"


@dataclass(frozen=True)
class ResourceView:
    """A resource module: its imports and both flavours of every method."""

    resource: Resource
    model_imports: tuple[Safe, ...]
    stdlib_imports: tuple[Safe, ...]
    sync_methods: tuple[MethodView, ...]
    async_methods: tuple[MethodView, ...]

    @property
    def method_names(self) -> tuple[Safe, ...]:
        return tuple(method.name for method in self.sync_methods)


def resource_view(resource: Resource) -> ResourceView:
    operations = _with_twins(resource.operations)
    types = [type_ for operation in operations for type_ in _types_of(operation)]
    arguments = [
        argument.type
        for operation in operations
        for body in (operation.body, *operation.alternatives)
        for argument in _arguments(operation, body)
    ]
    imported = _union(t.models for t in types) | _union(t.params for t in arguments)
    methods = _methods(resource)
    return ResourceView(
        resource=resource,
        model_imports=tuple(Safe(name) for name in sorted(imported)),
        stdlib_imports=_stdlib_imports(_union(t.imports for t in types)),
        sync_methods=tuple(sync for sync, _ in methods),
        async_methods=tuple(twin for _, twin in methods),
    )


def _methods(resource: Resource) -> list[tuple[MethodView, MethodView]]:
    """Each method of the resource, sync and async."""
    pairs = []
    for operation in resource.operations:
        for body in (operation.body, *operation.alternatives):
            view = method_view(operation, asynchronous=False, body=body)
            pairs.append((view, _asynchronous(view, operation, body)))
        twin = operation.events
        if twin is not None:
            note = SpecText(_TWIN_NOTE.format(operation.name))
            view = method_view(twin, asynchronous=False, note=note)
            pairs.append((view, _asynchronous(view, twin, twin.body)))
    return pairs


def _with_twins(operations: Iterable[Operation]) -> list[Operation]:
    """The operations, each followed by its events twin if it has one."""
    return [op for operation in operations for op in (operation, operation.events) if op]


def _asynchronous(view: MethodView, operation: Operation, body: RequestBody | None) -> MethodView:
    """The async twin of a sync method: only what it returns and the call it makes differ, so
    its signature and docstring (the costly part of a view) are not made a second time."""
    return replace(
        view,
        asynchronous=True,
        returns=return_type(operation, True),
        arguments=request_arguments(operation, body, True),
    )


def method_view(
    operation: Operation,
    *,
    asynchronous: bool,
    body: RequestBody | None = None,
    note: SpecText | None = None,
) -> MethodView:
    """The method sending `body` (by default the operation's own body); `note` ends the
    docstring's prose."""
    body = operation.body if body is None else body
    return MethodView(
        name=body.method if body is not None and body.method is not None else operation.name,
        asynchronous=asynchronous,
        parameters=_signature(operation, body),
        returns=return_type(operation, asynchronous),
        docstring=_docstring(operation, body, note),
        call=Safe("_request" if operation.pagination is None else "_request_page"),
        arguments=request_arguments(operation, body, asynchronous),
        options=tuple(
            Safe(name)
            for name in PER_CALL_OPTIONS
            if name != "idempotent" or not operation.idempotent
        ),
    )


def _signature(operation: Operation, body: RequestBody | None) -> tuple[Safe, ...]:
    """The parameter lines (without `self` and the per-call options)."""
    lines = [Safe(f"{p.name}: {p.type.input},") for p in operation.path_parameters]
    lines.append(Safe("*,"))
    keyword = [p for p in operation.parameters if p.location != "path"]
    for argument in [*keyword, *(body.arguments if body else ())]:
        annotation = argument.type.input
        if argument.required and argument.default is not None:
            lines.append(Safe(f"{argument.name}: {annotation} = {argument.default},"))
        elif argument.required:
            lines.append(Safe(f"{argument.name}: {annotation},"))
        else:
            lines.append(Safe(f"{argument.name}: {annotation} | NotGiven = NOT_GIVEN,"))
    choices = body.content_types if body is not None else ()
    if len(choices) > 1:
        literal = ", ".join(strings.string_literal(choice) for choice in choices)
        default = strings.string_literal(choices[0])
        lines.append(Safe(f"content_type: Literal[{literal}] = {default},"))
    return tuple(lines)


def _docstring(operation: Operation, body: RequestBody | None, note: SpecText | None) -> Safe:
    about_body = body.description if body is not None and body.whole is None else None
    paragraphs = [text for text in (operation.summary, operation.description) if text]
    if about_body:
        paragraphs = [*(paragraphs or [_request_line(operation)]), about_body]
    if operation.deprecated:
        paragraphs.append(_DEPRECATED)
    paragraphs += _body_forms(operation, body)
    if operation.events is not None and body is operation.body:
        paragraphs.append(SpecText(_TWIN_MENTION.format(operation.events.name)))
    if note is not None:
        paragraphs.append(note)
    items = [(a.name, text) for a in _arguments(operation, body) if (text := _argument_text(a))]
    return strings.docstring_sections(paragraphs or [_request_line(operation)], items, indent=8)


def _argument_text(argument: Argument) -> SpecText | None:
    """An argument's line under `Args:`; one the spec deprecates says so first, as its
    description alone need not (Clerk's `last_active_at_since` is deprecated in favour of
    `last_active_at_after`, and only the flag says so of a parameter with no description)."""
    if not argument.deprecated:
        return argument.description
    described = argument.description.unsafe_value if argument.description else ""
    return SpecText(f"Deprecated. {described}".strip())


def _request_line(operation: Operation) -> SpecText:
    """What an operation the spec says nothing about sends (Keycloak's `GET /{realm}/components`
    has neither summary nor description): its request, rather than words that say nothing."""
    method = str(operation.http_method).upper()
    return SpecText(f"Sends `{method} {operation.path.unsafe_value}`.")


def _arguments(operation: Operation, body: RequestBody | None) -> list[Argument]:
    """Every argument a method takes: the operation's parameters, then its body's."""
    return [*operation.parameters, *(body.arguments if body else ())]


def _body_forms(operation: Operation, body: RequestBody | None) -> list[SpecText]:
    """Where the operation takes several bodies: what this method sends, and the others."""
    if body is None or not operation.alternatives:
        return []
    forms = [operation.body, *operation.alternatives]
    others = [
        f"`{form.method or operation.name}` sends {' or '.join(_media(form))}"
        for form in forms
        if form is not None and form is not body
    ]
    sent = " or ".join(_media(body))
    return [SpecText(f"Sends the body as {sent}; {'; '.join(others)}.")]


def body_forms(api: Api) -> list[tuple[Safe, SpecText]]:
    """The README's example of an operation with several body types: each method's call and
    the media types it sends."""
    for resource in api.resources:
        for operation in resource.operations:
            if operation.body is not None and operation.alternatives:
                return [
                    (
                        Safe(f"client.{resource.name}.{body.method or operation.name}(...)"),
                        SpecText(", ".join(_media(body))),
                    )
                    for body in (operation.body, *operation.alternatives)
                ]
    return []


def security_settings(api: Api) -> tuple[Safe, ...]:
    """The `schemes=`, `security=` and `operation_security=` lines of the package's
    ClientSettings (none without)."""
    if not api.schemes:
        return ()
    lines = [Safe("schemes={")]
    lines += [
        Safe(f"    {strings.string_literal(scheme.name)}: {_scheme(scheme)},")
        for scheme in api.schemes
    ]
    lines += [Safe("},"), Safe(f"security={security_literal(api.security)},")]
    own = _operation_security(api)
    if own:
        lines.append(Safe(f"operation_security=({''.join(f'{literal}, ' for literal in own)}),"))
    return tuple(lines)


def _operation_security(api: Api) -> list[Safe]:
    """The requirements operations state in place of the default and that ask for credentials,
    each once: a client holding only what one of them needs is still built."""
    own = {
        security_literal(operation.security)
        for operation in api.operations
        if operation.security is not None
        and operation.security != api.security
        and any(operation.security)
    }
    return sorted(own)


def _scheme(scheme: SecurityScheme) -> str:
    arguments: list[str] = [strings.string_literal(scheme.kind)]
    if scheme.parameter is not None:
        arguments.append(strings.string_literal(scheme.parameter))
    if scheme.credentials != ("api_key",):
        names = ", ".join(strings.string_literal(name) for name in scheme.credentials)
        arguments.append(f"credentials=({names}{',' if len(scheme.credentials) == 1 else ''})")
    return f"SecurityScheme({', '.join(arguments)})"


@dataclass(frozen=True)
class Credential:
    """One credential the client takes, for its docstrings and README: its name, the
    environment variable read for it, what it is, and the spec's names for where it goes."""

    name: Safe
    variable: Safe
    use: Safe
    where: SpecText | None
    scheme: SpecText


_USES = {
    "bearer": "a token, sent as `Authorization: Bearer <token>`",
    "http": "a credential, sent in the `Authorization` header after the authentication scheme",
    "header": "an API key, sent in the header",
    "query": "an API key, sent as the query parameter",
    "cookie": "an API key, sent as the cookie",
}


def credentials(api: Api) -> tuple[Credential, ...]:
    rows: dict[str, Credential] = {}
    for scheme in api.schemes:
        for index, name in enumerate(scheme.credentials):
            if scheme.kind == "basic":  # a key as the user name wants the password blank
                use = ("the user name", "the password")[index] + " for HTTP basic authentication"
                use += ', `""` for none' if index else ""
            else:
                use = _USES[scheme.kind]
            variable = Safe(f"{api.config.env_prefix}_{name.upper()}")
            credential = Credential(Safe(name), variable, Safe(use), scheme.parameter, scheme.name)
            rows.setdefault(name, credential)
    return tuple(rows.values())


def _media(body: RequestBody) -> list[str]:
    return [media.unsafe_value for media in body.media_types or (body.media_type,)]


def _types_of(operation: Operation) -> list[TypeRef]:
    types = [p.type for p in operation.parameters]
    for body in operation.bodies:
        types += [argument.type for argument in body.arguments]
    if operation.response.type:
        types.append(operation.response.type)
    types += [type_ for _name, type_ in operation.response.event_types]
    if operation.pagination:
        types.append(operation.pagination.item_type)
    types += [error.type for error in operation.errors]
    return types


def _union(sets: Iterable[frozenset[str]]) -> set[str]:
    return set().union(*sets)


def _stdlib_imports(names: set[str]) -> tuple[Safe, ...]:
    lines = []
    dates = sorted(names & {"date", "datetime"})
    if dates:
        lines.append(Safe("from datetime import " + ", ".join(dates)))
    if "UUID" in names:
        lines.append(Safe("from uuid import UUID"))
    return tuple(lines)
