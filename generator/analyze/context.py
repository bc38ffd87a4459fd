"""What every part of the analysis reads: the document, the hoisted schemas and their annotator."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import refs
from ..annotate import Annotator, param_names
from ..config import ApiConfig
from ..hoist import Hoisted
from ..ir import ModelSet
from ..naming import Namer, client_name, python_name
from ..strings import SpecText
from ..vocabulary import FIELD_RESERVED


@dataclass(frozen=True)
class Context:
    document: dict[str, Any]
    config: ApiConfig
    hoisted: Hoisted
    annotator: Annotator
    models: ModelSet
    file: str

    @classmethod
    def build(
        cls,
        document: dict[str, Any],
        config: ApiConfig,
        hoisted: Hoisted,
        file: str,
        reserved: frozenset[str] = frozenset(),
    ) -> Context:
        """`reserved`: class names the package defines besides the models (clients, resources)."""
        bare = ModelSet(hoisted.schemas, {}, hoisted.pointer_names)
        names = {name: _field_names(bare, name) for name in hoisted.schemas}
        params = param_names(hoisted.schemas, reserved)
        models = ModelSet(
            hoisted.schemas,
            {name: fields for name, fields in names.items() if fields},
            hoisted.pointer_names,
            params,
        )
        return cls(document, config, hoisted, Annotator(hoisted.schemas, params), models, file)

    def resolve(self, node: Any, pointer: str) -> refs.Resolved:
        return refs.resolve(self.document, node, pointer)

    def root(self, pointer: str) -> dict[str, Any]:
        """The hoisted schema of a parameter, body or response at `pointer` (empty if none)."""
        return self.hoisted.roots.get(pointer, {})

    def hoisted_schema(self, schema: Any) -> Any:
        """A hoisted schema with its `$ref` to a hoisted class followed (once: classes are
        objects, not references)."""
        name = refs.component_name(schema)
        return self.hoisted.schemas.get(name, schema) if name is not None else schema

    def model_of(self, root: Any) -> str | None:
        """The model class a root schema names, if it is a class, also through aliases that
        only rename one: Mux's `UpdateReferrerDomainRestrictionRequest` is a `oneOf` of the one
        `ReferrerDomainRestriction`, a body whose fields are still that class's."""
        name = refs.component_name(root)
        seen: set[str] = set()
        while name is not None and name not in seen:
            if self.annotator.is_model(name):
                return name
            seen.add(name)
            name = _sole_member(self.annotator.schema(name))
        return None


def _sole_member(schema: dict[str, Any]) -> str | None:
    """The component an alias stands for: a bare `$ref`, or a `oneOf`/`anyOf`/`allOf` of that
    one `$ref` with nothing beside it but words (a union of one is its member)."""
    words = {"description", "title", "example", "examples", "deprecated"}
    if set(schema) - words == {"$ref"}:
        return refs.component_name(schema)
    for key in ("oneOf", "anyOf", "allOf"):
        branches = schema.get(key)
        if set(schema) - words == {key} and isinstance(branches, list) and len(branches) == 1:
            return refs.component_name(branches[0])
    return None


def text(value: Any) -> SpecText | None:
    """Spec text worth printing: a non-blank string, kept untrusted."""
    return SpecText(value) if isinstance(value, str) and value.strip() else None


def _field_names(models: ModelSet, name: str) -> dict[str, str]:
    """Python names of a class's fields; the body keyword arguments use the same ones.

    Where two wire names make one Python name, the one nearer to it keeps it and the other is
    numbered, whatever comes first: the wire name that is the Python name, then one Python can
    spell (`prefs_cardAging`), then one it cannot (`prefs/cardAging`). Trello's boards have all
    of `prefs/background`, `prefs_background`, `prefs/cardAging` and `prefs_cardAging`: the
    argument `prefs_background=` sends `prefs_background`, not `prefs/background`."""
    properties, _required = models.properties(name)
    wanted = {
        wire: python_name(client_name(schema, wire), reserved=FIELD_RESERVED)
        for wire, schema in properties.items()
    }
    order = sorted(wanted, key=lambda wire: (wanted[wire] != wire, not wire.isidentifier()))
    namer = Namer()
    claimed = {wire: namer.claim(wanted[wire]) for wire in order}
    return {wire: claimed[wire] for wire in wanted}
