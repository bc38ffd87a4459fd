"""A spec shaped like Stripe's published one: 468 operations, about 1,200 schemas, about 5 MB of
YAML, for timing generation at the scale the goals name when that spec itself is not at hand.

Stripe's `openapi/spec3.yaml` is what API teams at that scale publish, and the constructs that
make it slow to generate are its own, so they are modelled here at its proportions (learned from
reading parts of it; nothing is copied, every name and sentence is made up):

- no tags: operations are grouped by path (`/v1/issuing/cards/{card}`), operationIds are
  `GetIssuingCardsCard`-style; only GET, POST (create, update and actions) and DELETE;
- every resource schema has `object` as a one-value enum, `id`, `created` (`format: unix-time`),
  `livemode`, `metadata` (`additionalProperties: {type: string}`), `title`, `x-resourceId`,
  `x-stripeOperations`, `x-stripeResource` and `x-expandableFields`;
- "expandable" references `anyOf: [{type: string, maxLength: 5000}, {$ref}]` with
  `x-expansionResources`, some to a resource or its `deleted_` twin; nullable single references
  as `anyOf: [{$ref}]` with `nullable: true`; `nullable: true` on about a third of the fields;
- about ten sub-object schemas per resource (`charge_outcome_rule_details`), chained three deep,
  plus embedded list envelopes (`object: list`, `data`, `has_more`, `url`) and polymorphic
  unions (`anyOf` of three to five resources, as `payment_source` is);
- list operations take `created` as `anyOf: [range object, integer]`, cursors, `limit` and
  `expand[]`, all `deepObject`/exploded, and answer an inline list envelope; search operations
  answer a `search_result` envelope; every GET and DELETE carries the empty form body the real
  spec has;
- POST bodies are `application/x-www-form-urlencoded` with an `encoding` entry (`deepObject`,
  exploded) per structured field, inline objects nested three to five levels with `title`s that
  repeat across operations (`address_specs`), arrays of inline objects, `metadata` as
  `anyOf: [object, enum: ['']]` and other fields unsettable with `''`, and, on a few
  operations, category enums of a few hundred values;
- descriptions in markdown (links, code spans) on fields and HTML paragraphs on operations: they
  are most of the bytes, as in the real spec.

Deterministic: a seeded `random.Random` drives every choice, so the same call writes the same
bytes.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

from .stripe_operations import plan_operations, words
from .synthetic import count_operations

OPERATIONS = 468
RESOURCES = 100
_SEED = 2024
_MAX = {"maxLength": 5000, "type": "string"}
_NAMESPACES = ("", "", "", "", "issuing", "treasury", "terminal", "billing", "checkout", "tax")
_NOUNS = words(
    "account application_fee balance_transaction card cardholder charge coupon credit_note "
    "customer dispute discount event file invoice invoice_item mandate payment_intent "
    "payment_link payment_method payout plan price product promotion_code quote refund review "
    "session setup_intent source subscription subscription_item subscription_schedule "
    "tax_rate token topup transfer transaction reader location configuration report_run "
    "financial_account inbound_transfer outbound_payment received_credit verification "
    "authorization settlement meter alert"
)
_ASPECTS = words(
    "details outcome settings shipping billing_details tax_details rendering limits "
    "requirements transfer_data fraud_details totals schedule recurring verification "
    "address_check payment_settings threshold_rules"
)
_WORDS = words(
    "the a an object payment customer account amount currency value field request response "
    "charge invoice subscription when if this that is are be will can may must only not set "
    "of to for in on at by with from as when after before during until returns create update "
    "retrieve list delete attached connected platform balance fee tax rate period billing "
    "schedule default status pending succeeded failed canceled mode live test unique "
    "identifier timestamp seconds since epoch used to represent which whether each every "
    "total number following previous next page cursor limit expand expanded string integer "
    "boolean hash key metadata structured format storing additional information about"
)
_LINKS = ("docs/api", "docs/currencies", "docs/connect", "docs/billing", "docs/payments")


def stripe_spec(operations: int = OPERATIONS, resources: int = RESOURCES) -> dict[str, Any]:
    """The spec as a document: `operations` operations over `resources` resources."""
    return _Builder(random.Random(_SEED), resources).build(operations)


def write_stripe_shaped(out: Path, operations: int = OPERATIONS) -> Path:
    """Write the spec as block-style YAML (the way Stripe publishes it) and return its path."""
    text = yaml.dump(stripe_spec(operations), Dumper=_Dumper, sort_keys=False, width=80)
    out.write_text(text, "utf-8")
    return out


def figures(document: dict[str, Any]) -> tuple[int, int]:
    """Operations and component schemas of a document."""
    return count_operations(document), len(document["components"]["schemas"])


def describe(path: Path) -> str:
    """One sentence for the results: what the written spec at `path` is, in figures."""
    operations, schemas = figures(yaml.load(path.read_bytes(), Loader=_Loader))
    return (
        f"a Stripe-shaped spec written by `bench/stripe_shaped.py` ({operations} operations, "
        f"{schemas} component schemas, {path.stat().st_size / 1e6:.1f} MB of YAML; the "
        "constructs of Stripe's published spec at its proportions, see that module), standing "
        "in for the 468-operation, 5 MB spec the goals name, which is not on this machine"
    )


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes a shared node out again wherever it recurs: the real spec has no YAML aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _Builder:
    def __init__(self, rng: random.Random, resources: int) -> None:
        self.rng = rng
        self.names = [self._resource_name(i) for i in range(resources)]
        self.schemas: dict[str, Any] = {}
        self.paths: dict[str, Any] = {}
        self.deletable = {name for i, name in enumerate(self.names) if i % 5 < 2}

    def build(self, operations: int) -> dict[str, Any]:
        self.schemas.update(_shared_schemas(self))
        for name in self.names:
            self._resource(name)
        self._operations(operations)
        return {
            "openapi": "3.0.0",
            "info": {
                "title": "Stripe-shaped API",
                "version": "2024-01-01",
                "description": self.html(3),
                "x-stripeSpecFilename": "spec3",
            },
            "servers": [{"url": "https://api.example.com/"}],
            "security": [{"basicAuth": []}, {"bearerAuth": []}],
            "paths": self.paths,
            "components": {
                "schemas": self.schemas,
                "securitySchemes": {
                    "basicAuth": {"type": "http", "scheme": "basic"},
                    "bearerAuth": {"type": "http", "scheme": "bearer"},
                },
            },
        }

    # text -------------------------------------------------------------------------------

    def sentence(self, low: int = 7, high: int = 20) -> str:
        words = self.rng.choices(_WORDS, k=self.rng.randint(low, high))
        if self.rng.random() < 0.3:
            words.insert(self.rng.randrange(len(words)), f"`{self.rng.choice(_WORDS)}`")
        if self.rng.random() < 0.2:
            link = self.rng.choice(_LINKS)
            words.append(f"[{self.rng.choice(_WORDS)}](https://example.com/{link})")
        return " ".join(words).capitalize() + "."

    def text(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def html(self, paragraphs: int) -> str:
        return "\n\n".join(f"<p>{self.text(3)}</p>" for _ in range(paragraphs))

    # schemas ----------------------------------------------------------------------------

    def _resource_name(self, index: int) -> str:
        namespace = _NAMESPACES[index % len(_NAMESPACES)]
        noun = _NOUNS[index % len(_NOUNS)]
        if index >= len(_NOUNS) and not namespace:
            noun = f"{noun}_{_ASPECTS[index % len(_ASPECTS)]}"
        return f"{namespace}.{noun}" if namespace else noun

    def other(self, name: str) -> str:
        return self.rng.choice([n for n in self.names if n != name])

    def _resource(self, name: str) -> None:
        rng = self.rng
        properties: dict[str, Any] = {
            "id": {"description": "Unique identifier for the object.", **_MAX},
            "object": {
                "description": "String representing the object's type.",
                "enum": [name],
                "type": "string",
            },
            "created": {"description": self.text(1), "format": "unix-time", "type": "integer"},
            "livemode": {"description": self.text(2), "type": "boolean"},
            "metadata": {
                "additionalProperties": {"maxLength": 500, "type": "string"},
                "description": self.text(2),
                "type": "object",
            },
            "status": self.enum(rng.randint(3, 8)),
        }
        properties.update(self.scalars(rng.randint(4, 8)))
        expandable = []
        for _ in range(rng.randint(2, 5)):
            target = self.other(name)
            field = target.rsplit(".", 1)[-1]
            properties[field] = self.expandable(target)
            expandable.append(field)
        for aspect in rng.sample(_ASPECTS, rng.randint(2, 3)):
            field = aspect
            properties[field] = self.nullable_ref(self._sub_tree(name, aspect))
            expandable.append(field)
        if rng.random() < 0.3:
            properties["sources"] = self.list_envelope(self._union(name), f"/v1/{_path(name)}")
        if rng.random() < 0.5:
            child = self.other(name)
            properties["lines"] = self.list_envelope(_ref(child), f"/v1/{_path(name)}/lines")
        self.schemas[name] = {
            "description": self.text(2),
            "properties": properties,
            "required": sorted(k for k, v in properties.items() if not v.get("nullable")),
            "title": _title(name),
            "type": "object",
            "x-expandableFields": sorted(expandable),
            "x-resourceId": name,
            "x-stripeOperations": [],
            "x-stripeResource": {"class_name": _title(name), "in_package": _package(name)},
        }
        if name in self.deletable:
            self.schemas[f"deleted_{name}"] = {
                "properties": {
                    "deleted": {"enum": [True], "type": "boolean", "description": self.text(1)},
                    "id": properties["id"],
                    "object": properties["object"],
                },
                "required": ["deleted", "id", "object"],
                "title": "Deleted" + _title(name),
                "type": "object",
                "x-expandableFields": [],
                "x-resourceId": f"deleted_{name}",
            }

    def _sub_tree(self, owner: str, aspect: str, depth: int = 0) -> str:
        """A chain of sub-object schemas, each referencing the next: `charge_outcome`,
        `charge_outcome_rule`, ... about three of them per aspect."""
        name = f"{owner.replace('.', '_')}_{aspect}"
        properties = self.scalars(self.rng.randint(2, 5))
        if depth < 2:
            child = self.rng.choice(_ASPECTS)
            properties[child] = self.nullable_ref(self._sub_tree(name, child, depth + 1))
            if self.rng.random() < 0.4:
                properties[f"{child}_list"] = {
                    "items": _ref(self._sub_tree(name, child + "_item", depth + 1)),
                    "type": "array",
                }
        self.schemas[name] = {
            "description": self.text(1),
            "properties": properties,
            "title": _title(name),
            "type": "object",
            "x-expandableFields": [k for k, v in properties.items() if "anyOf" in v],
        }
        return name

    def _union(self, owner: str) -> dict[str, Any]:
        """A polymorphic schema (`payment_source`-like): anyOf of three to five resources."""
        name = f"{owner.replace('.', '_')}_source"
        members = sorted({self.other(owner) for _ in range(self.rng.randint(3, 5))})
        self.schemas[name] = {
            "anyOf": [_ref(member) for member in members],
            "title": "Polymorphic",
            "x-resourceId": name,
            "x-stripeResource": {"class_name": _title(name)},
        }
        return _ref(name)

    def scalars(self, count: int, described: bool = True) -> dict[str, Any]:
        """Fields of the common kinds; nested request objects go undescribed, as there."""
        rng = self.rng
        properties: dict[str, Any] = {}
        for _ in range(count):
            field = f"{rng.choice(_WORDS)}_{rng.choice(_WORDS)}"
            kind = rng.random()
            if kind < 0.35:
                schema: dict[str, Any] = dict(_MAX)
            elif kind < 0.55:
                schema = {"type": "integer"}
            elif kind < 0.65:
                schema = {"type": "boolean"}
            elif kind < 0.8:
                schema = self.enum(rng.randint(2, 9))
            elif kind < 0.9:
                schema = {"format": "unix-time", "type": "integer"}
            else:
                schema = {"items": dict(_MAX), "type": "array"}
            if described:
                schema["description"] = self.text(rng.randint(1, 2))
            if rng.random() < 0.35:
                schema["nullable"] = True
            properties[field] = schema
        return properties

    def enum(self, size: int) -> dict[str, Any]:
        values = sorted({f"{self.rng.choice(_WORDS)}_{i}" for i in range(size)})
        schema: dict[str, Any] = {"enum": values, "type": "string"}
        if self.rng.random() < 0.2:
            schema["x-stripeBypassValidation"] = True
        return schema

    def expandable(self, target: str) -> dict[str, Any]:
        choices = [_ref(target)]
        if target in self.deletable and self.rng.random() < 0.5:
            choices.append(_ref(f"deleted_{target}"))
        schema: dict[str, Any] = {
            "anyOf": [dict(_MAX), *choices],
            "description": self.text(1),
            "x-expansionResources": {"oneOf": choices},
        }
        if self.rng.random() < 0.5:
            schema["nullable"] = True
        return schema

    def nullable_ref(self, target: str) -> dict[str, Any]:
        return {"anyOf": [_ref(target)], "description": self.text(1), "nullable": True}

    def list_envelope(self, item: dict[str, Any], url: str) -> dict[str, Any]:
        return {
            "description": self.text(1),
            "properties": {
                "data": {
                    "description": "Details about each object.",
                    "items": item,
                    "type": "array",
                },
                "has_more": {"description": self.text(1), "type": "boolean"},
                "object": {"enum": ["list"], "type": "string", "description": self.text(1)},
                "url": {"description": "The URL where this list can be accessed.", **_MAX},
            },
            "required": ["data", "has_more", "object", "url"],
            "title": _title(url.rsplit("/", 1)[-1]) + "List",
            "type": "object",
            "x-expandableFields": ["data"],
        }

    # operations -------------------------------------------------------------------------

    def _operations(self, total: int) -> None:
        for path, method, operation, owner in plan_operations(self, total):
            self.paths.setdefault(path, {})[method] = operation
            entry = {"method_name": operation["operationId"], "operation": method, "path": path}
            self.schemas[owner]["x-stripeOperations"].append(entry)


def _shared_schemas(builder: _Builder) -> dict[str, Any]:
    error = {
        "properties": {
            "code": {"description": builder.text(1), **_MAX},
            "doc_url": {"description": builder.text(1), **_MAX},
            "message": {"description": builder.text(2), **_MAX},
            "param": {"description": builder.text(1), **_MAX},
            "type": builder.enum(5),
        },
        "required": ["type"],
        "title": "APIErrors",
        "type": "object",
        "x-expandableFields": [],
    }
    return {
        "api_errors": error,
        "error": {
            "description": "An error response from the API.",
            "properties": {"error": _ref("api_errors")},
            "required": ["error"],
            "title": "Error",
            "type": "object",
            "x-expandableFields": ["error"],
        },
    }


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _title(name: str) -> str:
    return "".join(part.capitalize() for part in name.replace(".", "_").split("_"))


def _package(name: str) -> str:
    return name.split(".")[0] if "." in name else ""


def _path(name: str) -> str:
    return name.replace(".", "/") + "s"
