"""Specs from which no correct client can be made, each with the reason.

A spec listed here may fail `make corpus` without failing the run, but only as listed: it must
generate, import, pass ruff and mypy, and the operations it does not prove must be exactly the
ones named (a new failure elsewhere in it fails the run like any other). Its row still shows
where it stands. The key is the spec's label in the table (`corpus/oas-examples/3.0/...`).
A spec belongs here only when the spec itself makes a correct client impossible, not because
the generator cannot serve it yet, and the README says why.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unservable:
    reason: str
    operations: frozenset[str]  # `METHOD /path`: those no correct request exists for


_NO_VALUE = Unservable(
    "`PUT` and `PATCH /anything/quirks/polymorphism` require a request body of "
    "`allOf: [{type: string}, {type: integer}]`: no value is both, so no request to them is "
    "valid (the generator warns at each such schema's pointer; the optional property of that "
    "schema in `POST` is left out, and `POST` is proven).",
    frozenset({"PUT /anything/quirks/polymorphism", "PATCH /anything/quirks/polymorphism"}),
)

UNSERVABLE: dict[str, Unservable] = {
    "corpus/oas-examples/3.0/schema-types.json": _NO_VALUE,
    "corpus/oas-examples/3.1/schema-types.json": _NO_VALUE,
    "corpus/oas-examples/3.0/security-multiple.json": Unservable(
        "`POST /anything/and` requires HTTP basic and OAuth 2 together, in its only "
        "alternative: both travel in the one `Authorization` header, which carries one "
        "credential, so no request can satisfy it (the generator warns at "
        "`#/paths/~1anything~1and/post/security`).",
        frozenset({"POST /anything/and"}),
    ),
}
