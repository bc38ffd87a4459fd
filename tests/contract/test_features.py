"""Generator features the shipped specs do not use, proved the same way on a written spec.

`fixtures/features/` is a small spec made for this suite: API-key header auth, a server base
path, integer path ids, header and array query parameters, a binary response, a raw binary
request body and a form-encoded body. The shipped specs would not notice if any of these broke
(nor would the harness's code for them be exercised), so the same cases and checks run here,
sync and async. It is not a shipped API and has no coverage line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.verify.cases import ErrorCase, OperationCase, error_cases, operation_cases
from generator.verify.checks import check_error, check_success
from generator.verify.contract import Contract
from generator.verify.invoke import invoke_async, invoke_sync
from generator.verify.results import route_of

from .contracts import ContractRegistry
from .specs import ContractSpec, load

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "features"
FEATURES = ContractSpec("features", FIXTURE / "openapi.yaml", FIXTURE, shared=False)
LOADED = load(FEATURES)

OPERATIONS = [
    pytest.param(case, id=case.id)
    for case in operation_cases("features", LOADED.surface, LOADED.document)
]
ERRORS = [
    pytest.param(case, id=case.id)
    for case in error_cases("features", LOADED.surface, LOADED.document)
]


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Contract]:
    registry = ContractRegistry([FEATURES], tmp_path_factory.mktemp("contract-features"))
    yield registry.get("features")
    registry.close()


@pytest.mark.parametrize("feature_case", OPERATIONS)
def test_feature_operation_sync(feature_case: OperationCase, features: Contract) -> None:
    for call in features.calls(feature_case):
        check_success(features, call, invoke_sync(features, call), asynchronous=False)


@pytest.mark.anyio
@pytest.mark.parametrize("feature_case", OPERATIONS)
async def test_feature_operation_async(feature_case: OperationCase, features: Contract) -> None:
    for call in features.calls(feature_case):
        outcome = await invoke_async(features, call)
        check_success(features, call, outcome, asynchronous=True)


@pytest.mark.parametrize("feature_error", ERRORS)
def test_feature_error(feature_error: ErrorCase, features: Contract) -> None:
    call = features.answered_call(feature_error)
    for reply in features.mock.replies.canned(route_of(call.method), feature_error.status):
        outcome = invoke_sync(features, call, status=feature_error.status, reply=reply.name)
        check_error(features, call, feature_error.status, reply, outcome)


def test_the_fixture_uses_what_it_is_for() -> None:
    """If the generator stopped producing these shapes, the fixture would prove nothing."""
    methods = {method.key: method for method in LOADED.surface.methods}
    assert LOADED.surface.authenticated
    assert methods["GET /items/{itemId}/picture"].returns.kind == "binary"
    assert methods["PUT /items/{itemId}/picture"].body.encoding == "binary"  # type: ignore[union-attr]
    assert methods["POST /sessions"].body.encoding == "form"  # type: ignore[union-attr]
    locations = {p.location for p in methods["GET /items/{itemId}"].parameters}
    assert locations == {"path", "query", "header"}
