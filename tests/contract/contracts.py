"""The contract suite's packages: generated once per session, each with its mock running.

`ContractRegistry` builds a `Contract` the first time a test asks for a spec (so `-k actualize`
generates only Actualize) and keeps it for the session: generating, importing and starting a
mock server once per spec is what keeps the suite within minutes. The package, mock and checks
are `generator.verify`'s own (`open_contract`), so the suite proves what `sdkgen verify` proves.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from generator.pipeline import generate_package
from generator.verify import Verified, verify_spec
from generator.verify.contract import Contract
from generator.verify.run import open_contract

from .specs import ContractSpec, load


class SpecUnavailable(Exception):
    """The spec lives in ../shared, which this machine does not have."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class ContractRegistry:
    def __init__(self, specs: list[ContractSpec], out: Path) -> None:
        self._specs = {spec.name: spec for spec in specs}
        self._out = out
        self._contracts: dict[str, Contract] = {}
        self._stack = contextlib.ExitStack()

    def get(self, name: str) -> Contract:
        if name not in self._contracts:
            self._contracts[name] = self._build(self._specs[name])
        return self._contracts[name]

    def _build(self, spec: ContractSpec) -> Contract:
        if not spec.available:
            raise SpecUnavailable(spec.path)
        # an operation's second methods (alternative bodies, events twin) share its key
        listed = list(dict.fromkeys(method.key for method in load(spec).surface.methods))
        root = self._out / spec.config().distribution
        generated = spec.generate(root)
        built = [op.key for op in generated.api.operations]
        if listed != built:
            raise AssertionError(
                f"{spec.name}: the package's operations {built} are not the "
                f"ones the cases were listed from {listed}"
            )
        return self._stack.enter_context(
            open_contract(spec.name, root, generated.api, load(spec).document)
        )

    def close(self) -> None:
        self._stack.close()
        self._contracts.clear()


def proven(verified: Verified) -> str:
    """The contract line, with every failure line after it (what an assertion shows)."""
    result = verified.result
    return "\n".join([result.line(), *(failure.line() for failure in result.failures)])


def verify_mutated(
    spec: bytes, out: Path, resource: str, pattern: str, replacement: str
) -> Verified:
    """`verify` of the package generated from `spec` into `out`, after `pattern` is replaced in
    its resource module `resource`, where both the sync and the async method must hold it."""
    generated = generate_package(spec, "openapi.json", out)
    module = out / "src" / generated.api.config.package / "resources" / f"{resource}.py"
    mutated, count = re.subn(pattern, replacement, module.read_text(encoding="utf-8"))
    assert count == 2, f"the sync and async methods no longer contain {pattern!r}"
    module.write_text(mutated, encoding="utf-8")
    return verify_spec(spec, "openapi.json", package=out)
