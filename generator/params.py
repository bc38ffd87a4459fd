"""The `TypedDict` of every model a request takes, so a plain dict argument is checked by mypy.

`client.sessions.create_token(persona_config={"avatarId": "..."})` is as natural as passing a
`PersonaConfig`, and with `PersonaConfigParam` mypy rejects a misspelt key or a wrong value type.
Each one is written from the same flat schema as its pydantic model (`ir.ModelSet`): keys are the
API's JSON names (what goes on the wire), `Required`/`NotRequired` follow the schema's `required`,
values take the input flavour of `annotate.py` (nested objects again as model or TypedDict).
Only models that some request reaches get one, each in its own module of `types/`, which loads it
lazily like the models; it imports the models it names only for type checkers (annotations naming
them are quoted, the rest evaluated, so `__required_keys__` is right at runtime).
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .annotate import Annotator
from .imports import import_block
from .inheritance import tagged_members, with_tags
from .ir import Api, ModelSet, TypeRef
from .naming import Namer, snake_case
from .refs import is_read_only
from .strings import Safe, SpecText, identifier, string_literal
from .vocabulary import PARAM_IMPORTS, STDLIB_ANNOTATIONS

_TYPING_NAMES = ("Any", "Dict", "List", "Literal", "Mapping", "Sequence")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_STDLIB_MODULES = {"date": "datetime", "datetime": "datetime", "UUID": "uuid"}
Tags = Mapping[str, Mapping[str, set[str]]]  # model -> discriminator property -> its tags


@dataclass(frozen=True)
class ParamField:
    """One key: `key` is a plain identifier (class syntax) or a string literal (functional)."""

    key: Safe
    annotation: Safe
    description: SpecText | None


@dataclass(frozen=True)
class ParamView:
    """One `types/_<name>_param.py` module as its template prints it."""

    name: Safe
    description: SpecText | None
    fields: tuple[ParamField, ...]
    functional: bool
    imports: Safe  # the import block
    type_checking_imports: Safe  # the models and TypedDicts its quoted annotations name


@dataclass(frozen=True)
class ParamModules:
    """The TypedDict modules: module name -> view, and TypedDict name -> its module."""

    views: dict[str, ParamView]
    homes: dict[str, str]


@dataclass(frozen=True)
class ParamPlan:
    """The TypedDicts requests reach, with their keys' annotations: the part of the work that
    does not depend on where the models live, done while the models are still being made."""

    model_of: dict[str, str]  # TypedDict -> the model it is written from
    annotations: dict[str, dict[str, TypeRef]]  # TypedDict -> wire key -> annotation
    tags: dict[str, dict[str, set[str]]]  # model -> its discriminator property -> its tags


def plan_params(api: Api) -> ParamPlan:
    models = api.models
    annotator = Annotator(models.schemas, models.param_names)
    model_of = {param: model for model, param in models.param_names.items()}
    tags = tagged_members(models.schemas)
    wanted = _reachable(_request_params(api), models, annotator, model_of, tags)
    return ParamPlan(model_of, wanted, tags)


def param_modules(api: Api, plan: ParamPlan, model_homes: Mapping[str, str]) -> ParamModules:
    """A module per TypedDict that a request reaches; `model_homes` says where models live."""
    namer = Namer({"__init__", *model_homes.values()})
    wanted = sorted(plan.annotations)
    homes = {param: namer.claim("_" + snake_case(param)) for param in wanted}
    everywhere = {**model_homes, **homes}
    views = {homes[param]: _view(param, api.models, plan, everywhere) for param in wanted}
    return ParamModules(views, homes)


def _request_params(api: Api) -> set[str]:
    found: set[str] = set()
    for operation in api.operations:
        arguments = [*operation.parameters, *(a for b in operation.bodies for a in b.arguments)]
        for argument in arguments:
            found |= argument.type.params
    return found


def _reachable(
    seeds: set[str],
    models: ModelSet,
    annotator: Annotator,
    model_of: Mapping[str, str],
    tags: Tags,
) -> dict[str, dict[str, TypeRef]]:
    """The TypedDicts requests name, and those their keys name in turn, with their keys'
    annotations."""
    found: dict[str, dict[str, TypeRef]] = {}
    stack = sorted(seeds)
    while stack:
        param = stack.pop()
        if param in found or param not in model_of:
            continue
        found[param] = _annotations(model_of[param], models, annotator, tags)
        for annotation in found[param].values():
            stack.extend(sorted(annotation.params))
    return found


def _writable(models: ModelSet, model: str, tags: Tags) -> tuple[dict[str, Any], set[str]]:
    """The properties a request may send: read-only ones are what the server fills in. A
    discriminated union's member takes only its own tags on the discriminator property, as
    its model does (`method: Literal["password"]`): the dict's key then says which member it
    is, and mypy refuses a value the API would read as another member or none."""
    properties, required = models.properties(model)
    kept = {
        wire: with_tags(schema, tags.get(model, {}).get(wire))
        for wire, schema in properties.items()
        if not is_read_only(schema, models.schemas)
    }
    return kept, required & set(kept)


def _annotations(
    model: str, models: ModelSet, annotator: Annotator, tags: Tags
) -> dict[str, TypeRef]:
    properties, _required = _writable(models, model, tags)
    return {wire: annotator.annotate(schema) for wire, schema in properties.items()}


def _view(param: str, models: ModelSet, plan: ParamPlan, homes: Mapping[str, str]) -> ParamView:
    model = plan.model_of[param]
    properties, required = _writable(models, model, plan.tags)
    annotations = plan.annotations[param]
    functional = not all(_is_plain_key(wire) for wire in properties)
    fields = tuple(
        ParamField(
            key=string_literal(wire) if functional else identifier(wire),
            annotation=_key_annotation(
                annotations[wire],
                wire in required,
                quoted=functional or bool(annotations[wire].models | annotations[wire].params),
            ),
            description=_description(schema),
        )
        for wire, schema in properties.items()
    )
    # the annotations' names, `Required`/`NotRequired` as the keys have them, and the base
    used = {*_spelt(annotations.values()), *(f.annotation.partition("[")[0] for f in fields)}
    used.add("TypedDict")
    names = {name for a in annotations.values() for name in (*a.models, *a.params)}
    generated: dict[str, set[str]] = {}
    for name in (used & names) - {param}:
        if name in homes:  # a model and its neighbours may share a module
            generated.setdefault(f".{homes[name]}", set()).add(name)
    if generated:
        used.add("TYPE_CHECKING")
    return ParamView(
        name=identifier(param),
        description=_description(models.schemas.get(model)),
        fields=fields,
        functional=functional,
        imports=Safe(import_block(_imports(used, annotations.values()), "").rstrip("\n")),
        type_checking_imports=Safe(import_block(generated, "", indent="    ").rstrip("\n")),
    )


def _key_annotation(annotation: TypeRef, required: bool, *, quoted: bool) -> Safe:
    """`Required[...]`/`NotRequired[...]`, evaluated on import so that `__required_keys__` is
    right at runtime; an annotation naming models or TypedDicts, which are imported only for
    type checkers, is quoted, as is every one in the functional syntax."""
    inner = string_literal(annotation.input) if quoted else annotation.input
    return Safe(f"{'Required' if required else 'NotRequired'}[{inner}]")


def _is_plain_key(wire: str) -> bool:
    """A key the class syntax can spell: an ASCII identifier, not a keyword, not name-mangled."""
    return (
        wire.isidentifier()
        and wire.isascii()
        and not keyword.iskeyword(wire)
        and not wire.startswith("__")
    )


def _description(schema: Any) -> SpecText | None:
    if isinstance(schema, dict) and isinstance(schema.get("description"), str):
        text = SpecText(schema["description"])
        return text if text else None
    return None


def _spelt(annotations: Iterable[TypeRef]) -> set[str]:
    """The names the input annotations spell (a quoted literal may add a harmless extra)."""
    return {word for a in annotations for word in _WORD.findall(a.input)}


def _imports(used: set[str], annotations: Iterable[TypeRef]) -> dict[str, list[str]]:
    """The imports the module's annotations need, by module."""
    stdlib = {name for a in annotations for name in a.imports} & set(STDLIB_ANNOTATIONS)
    by_module: dict[str, list[str]] = {}
    for name in sorted(stdlib):
        by_module.setdefault(_STDLIB_MODULES[name], []).append(name)
    for module, names in PARAM_IMPORTS.items():
        by_module.setdefault(module, []).extend(name for name in names if name in used)
    by_module["typing"] += [name for name in _TYPING_NAMES if name in used]
    return by_module
