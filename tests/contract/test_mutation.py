"""Breaking a generated package on purpose makes the contract checks fail, naming what broke.

A suite that always passes proves nothing. Each case copies a freshly generated package into a
temporary directory under another import name, applies one small break of the kind a template or
generator change could introduce, runs the very checks the contract suite runs on the real package,
and asserts that they fail with a message naming the operation and the field. The unmutated
package passes the same check first, so the failure can only come from the mutation.
"""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.verify.cases import OperationCase, roundtrip_cases
from generator.verify.checks import check_success
from generator.verify.contract import Contract, GeneratedPackage, forget_package, import_package
from generator.verify.invoke import invoke_async, invoke_sync
from generator.verify.results import check_roundtrip
from generator.verify.schemas import SchemaChecker
from generator.verify.values import ValueFactory

from .conftest import get_contract
from .contracts import ContractRegistry

_serial = itertools.count(1)


@dataclass(frozen=True)
class Mutation:
    spec: str
    case: OperationCase
    file: str  # relative to the package directory
    pattern: str  # regular expression; every match is replaced
    replacement: str
    must_name: tuple[str, ...]  # what the failure message must contain

    @property
    def id(self) -> str:
        return f"{self.spec}:{self.case.label}:{self.file}"


def _case(spec: str, key: str, label: str, variant: str = "all-fields") -> OperationCase:
    return OperationCase(spec, key, label, variant)  # type: ignore[arg-type]


MUTATIONS = [
    # A body field sent under its Python name instead of the API's name.
    Mutation(
        "anam",
        _case("anam", "POST /v1/personas", "personas.create"),
        "resources/personas.py",
        r'"avatarId": avatar_id',
        '"avatar_id": avatar_id',
        ("POST /v1/personas", "personas.create", "avatarId", "avatar_id"),
    ),
    # A query parameter dropped from the request.
    Mutation(
        "anam-newer",
        _case("anam-newer", "GET /v1/avatars", "avatars.list"),
        "resources/avatars.py",
        r'"perPage": per_page,\s*',
        "",
        ("GET /v1/avatars", "avatars.list", "perPage"),
    ),
    # A required body field misspelt: openapi-core itself rejects the request.
    Mutation(
        "anam-newer",
        _case("anam-newer", "PUT /v1/avatars/{id}", "avatars.update", "required"),
        "resources/avatars.py",
        r'json=\{"displayName": display_name\}',
        'json={"display_name": display_name}',
        ("PUT /v1/avatars/{id}", "breaks the contract", "'displayName' is a required"),
    ),
    # The API key no longer sent: the security requirement fails.
    Mutation(
        "anam",
        _case("anam", "POST /v1/auth/session-token", "sessions.create_token", "required"),
        "_client.py",
        r'security=\(\("BearerAuth",\),\),',
        "security=(),",
        ("POST /v1/auth/session-token", "BearerAuth", "Authorization"),
    ),
    # Dot ids sent raw: `/groups/.` is normalised to `/groups/` and reaches another operation.
    Mutation(
        "anam-newer",
        _case("anam-newer", "GET /v1/knowledge/groups/{id}", "knowledge.get_group", "path-ids"),
        "_paths.py",
        r'if text in \{"\.", "\.\."\}:',
        "if False:",
        ("GET /v1/knowledge/groups/{id}", "id='.'"),
    ),
    # A `?` in an id sent raw: the rest of the id becomes a query string. The id holding every
    # hazard catches the one character a client forgot.
    Mutation(
        "anam-newer",
        _case("anam-newer", "GET /v1/knowledge/groups/{id}", "knowledge.get_group", "path-ids"),
        "_styles.py",
        r'quote\(text, safe=""\)',
        'quote(text, safe="?")',
        ("GET /v1/knowledge/groups/{id}", "q?x=1"),
    ),
    # Page two forgets the filters of page one.
    Mutation(
        "anam-newer",
        _case("anam-newer", "GET /v1/voices", "voices.list"),
        "_request_plan.py",
        r"params = \(\*\(param for param in self\.params[^\n]*",
        "params = ((name, value),)",
        ("GET /v1/voices", "(page ", "query parameter 'perPage': missing"),
    ),
    # A response field read under the wrong alias: the data is kept, the attribute is not set.
    Mutation(
        "anam",
        _case("anam", "POST /v1/auth/session-token", "sessions.create_token"),
        "types/_session_token.py",
        r'alias="sessionToken"',
        'alias="session_token"',
        ("POST /v1/auth/session-token", "sessionToken", "SessionToken"),
    ),
]


MakeMutant = Callable[[Contract, Mutation], Contract]


@pytest.fixture
def mutant(tmp_path: Path) -> Iterator[MakeMutant]:
    """A function: (contract, mutation) -> the contract with a mutated copy of its package."""
    made: list[GeneratedPackage] = []

    def make(contract: Contract, mutation: Mutation) -> Contract:
        package = contract.package
        original = package.surface.package
        name = f"{original}_mutant{next(_serial)}"
        root = tmp_path / name
        shutil.copytree(package.root / "src" / original, root / "src" / name)
        for path in (root / "src" / name).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(rf"\b{original}\b", name, text), encoding="utf-8")
        target = root / "src" / name / mutation.file
        text = target.read_text(encoding="utf-8")
        mutated, count = re.subn(mutation.pattern, mutation.replacement, text)
        assert count, (
            f"{mutation.file} no longer contains {mutation.pattern!r}: update the mutation"
        )
        target.write_text(mutated, encoding="utf-8")
        module = import_package(root, name)
        copy = GeneratedPackage(root, package.surface, module)
        made.append(copy)
        return Contract(contract.name, copy, contract.mock, contract.spec_document)

    yield make
    for package in made:
        forget_package(package.root, package.module.__name__)


def _failure(contract: Contract, case: OperationCase) -> str | None:
    """Run the suite's own check for `case`; the failure message, or None when it passes."""
    calls = contract.calls(case)
    try:
        for call in calls:
            outcome = invoke_sync(contract, call)
            check_success(contract, call, outcome, asynchronous=False)
    except AssertionError as failure:
        return str(failure)
    return None


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.id for m in MUTATIONS])
def test_contract_check_catches_mutation(
    mutation: Mutation, contracts: ContractRegistry, mutant: MakeMutant
) -> None:
    contract = get_contract(contracts, mutation.spec)
    assert _failure(contract, mutation.case) is None, "the unmutated package must pass"
    message = _failure(mutant(contract, mutation), mutation.case)
    assert message is not None, f"{mutation.id}: the mutation went unnoticed"
    for text in mutation.must_name:
        assert text in message, f"the failure does not name {text!r}:\n{message}"
    print(f"{mutation.id} fails as it should:\n{message}")


@pytest.mark.anyio
async def test_async_check_catches_mutation(
    contracts: ContractRegistry, mutant: MakeMutant
) -> None:
    """The async client goes through the same judgement (one mutation is enough to show it)."""
    mutation = MUTATIONS[0]
    contract = mutant(get_contract(contracts, mutation.spec), mutation)
    call = contract.calls(mutation.case)[0]
    outcome = await invoke_async(contract, call)
    with pytest.raises(AssertionError, match="avatar_id"):
        check_success(contract, call, outcome, asynchronous=True)


def test_roundtrip_check_catches_a_wrong_field_type(
    contracts: ContractRegistry, mutant: MakeMutant
) -> None:
    """The model property test judges models the same way: a field typed wrongly fails it."""
    contract = get_contract(contracts, "anam")
    cases = roundtrip_cases(contract.name, contract.surface)
    case = next(c for c in cases if c.label == "SessionToken")
    schema = {"$ref": "#" + case.pointer}
    instance = ValueFactory(
        SchemaChecker(contract.spec_document), mode="full", direction="response"
    ).value(schema, "token")
    check_roundtrip(contract, case, instance)  # the real package passes
    mutation = Mutation(
        "anam",
        MUTATIONS[0].case,
        "types/_session_token.py",
        r'str \| None, Field\(alias="sessionToken"',
        'int | None, Field(alias="sessionToken"',
        (),
    )
    broken = mutant(contract, mutation)
    with pytest.raises(Exception, match=r"(?s)SessionToken.*sessionToken"):
        check_roundtrip(broken, case, instance)
