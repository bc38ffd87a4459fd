"""Random valid instances of every schema parse into the generated types and round-trip.

hypothesis-jsonschema draws instances of each schema as the spec writes it (the normalized
document, not the generator's cleaned copy), so the models are judged against the spec. Each
instance must be accepted by the runtime's strict parser, and dumping the result by alias must
give back the same data: every property under its API name, nothing dropped, nothing invented,
and no declared property parked in `model_extra`.

Formats: hypothesis-jsonschema has no strategy for `uuid` (given here), and its `date-time`
draws arbitrary fractions of a second, finer than the microseconds a Python `datetime` holds; so
date-times are drawn as real datetimes with a time zone, at microsecond precision (finer
fractions are a known limit of every Python client, not something to test each run). A
`binary` value in JSON text is base64, as the models write and read it: drawn as base64 of random
bytes. Its `uri` strategy (`https://<domain>`) is kept: the models hold URIs as strings. JSON
Schema knows no integer formats, so `int32`/`int64` ranges are added as bounds (the OpenAPI
format checker rejects what lies outside them). Runs are derandomized, so every run checks the
same instances.
"""

from __future__ import annotations

import base64
import datetime as dt
import warnings
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from generator import jsonpointer
from generator.verify.cases import RoundTripCase
from generator.verify.contract import Contract
from generator.verify.results import check_roundtrip
from generator.verify.schemas import SchemaChecker

from .conftest import get_contract
from .contracts import ContractRegistry

MAX_EXAMPLES = 10
MAX_ITEMS = 2
_ZONES = st.sampled_from(
    [dt.UTC, dt.timezone(dt.timedelta(hours=5, minutes=30)), dt.timezone(dt.timedelta(hours=-8))]
)
FORMATS = {
    "uuid": st.uuids().map(str),
    "date-time": st.datetimes(
        min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=_ZONES
    ).map(dt.datetime.isoformat),
    # bytes in JSON text are base64 (what the models write and read back)
    "binary": st.binary(max_size=8).map(lambda octets: base64.b64encode(octets).decode()),
}


_INTEGER_FORMATS = {"int32": 2**31, "int64": 2**63}


@cache
def _checker(contract: Contract) -> SchemaChecker:
    return SchemaChecker(contract.spec_document)


@cache
def _strategy(contract: Contract, pointer: str) -> st.SearchStrategy[Any]:
    document = contract.spec_document
    schema = jsonpointer.resolve(document, pointer)
    # `#/components/...` references resolve against the schema's root: give it the components.
    rooted = _bounded({**schema, "components": document.get("components") or {}})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "overriding standard format": that is the point
        strategy = from_schema(rooted, custom_formats=FORMATS)
    # A model class is the object a schema describes; where the spec also allows null, the
    # field that uses the class is `X | None`, and that field is tested with its parent model.
    return strategy.filter(lambda instance: instance is not None)


def _bounded(schema: Any) -> Any:
    """The schema with unbounded arrays capped at `MAX_ITEMS` items (for speed only: a third
    item exercises nothing the first two did not, and long lists of large objects are where
    hypothesis-jsonschema spends its time), and integer formats as bounds."""
    if isinstance(schema, list):
        return [_bounded(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    bounded = {key: _bounded(value) for key, value in schema.items()}
    span = _INTEGER_FORMATS.get(str(bounded.get("format")))
    if span is not None:
        bounded.setdefault("minimum", -span)
        bounded.setdefault("maximum", span - 1)
    if "items" in bounded and "maxItems" not in bounded:
        bounded["maxItems"] = max(MAX_ITEMS, int(bounded.get("minItems") or 0))
    return bounded


@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    # Large schemas make single draws slow; that is their nature, not a problem to report.
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_instances_roundtrip(
    roundtrip_case: RoundTripCase, contracts: ContractRegistry, data: st.DataObject
) -> None:
    contract = get_contract(contracts, roundtrip_case.spec)
    instance = data.draw(_strategy(contract, roundtrip_case.pointer), label="instance")
    # The strategies (and the format ones above) must only draw what the spec allows.
    schema = {"$ref": "#" + roundtrip_case.pointer}
    assert _checker(contract).is_valid(schema, instance), _checker(contract).errors(
        schema, instance
    )

    check_roundtrip(contract, roundtrip_case, instance)
