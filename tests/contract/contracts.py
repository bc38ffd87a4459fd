"""One spec under test: its fresh package, its mock server, and clients wired to them.

`ContractRegistry` builds a `Contract` the first time a test asks for a spec (so `-k actualize`
generates only Actualize) and keeps it for the session: generating, importing and starting a
mock server once per spec is what keeps the suite within minutes.
"""

from __future__ import annotations

import contextlib
import ssl
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import httpx

from generator import jsonpointer
from generator.ir import Operation, Resource

from .calls import Call, build_calls, error_call
from .cases import ErrorCase, OperationCase
from .mock_server import SpecMockServer
from .specs import ContractSpec, GeneratedPackage, LoadedSpec, forget_package, generate, load
from .validation import declared_properties

API_KEY = "test-key"
TIMEOUT = 10.0
# httpx builds a fresh SSL context (loading the CA bundle, ~35 ms) for every client it creates;
# over a thousand clients that is most of the suite's time, for a mock that speaks plain HTTP.
# So the clients are given httpx clients that share one context, configured as the runtime's
# own (`_new_http_client`: the timeout, and redirects followed).
_SSL_CONTEXT = ssl.create_default_context()


class SpecUnavailable(Exception):
    """The spec lives in ../shared, which this machine does not have."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


@dataclass(eq=False)
class Contract:
    loaded: LoadedSpec  # the IR cases were listed from
    package: GeneratedPackage  # the package generated for this session, and its own IR
    mock: SpecMockServer

    @property
    def name(self) -> str:
        return self.loaded.spec.name

    @property
    def api_key(self) -> str | None:
        return API_KEY if self.package.api.auth.kind is not None else None

    @property
    def types(self) -> ModuleType:
        return self.package.submodule("types")

    def _client(self, http_client: httpx.Client | httpx.AsyncClient) -> Any:
        """A client that fails fast: no retries, strict response validation, short timeout."""
        cls = self.package.client_class(asynchronous=isinstance(http_client, httpx.AsyncClient))
        return cls(
            api_key=self.api_key,
            base_url=self.mock.url,
            max_retries=0,
            timeout=TIMEOUT,
            strict_response_validation=True,
            http_client=http_client,
        )

    @contextlib.contextmanager
    def sync_client(self) -> Iterator[Any]:
        http = httpx.Client(verify=_SSL_CONTEXT, timeout=TIMEOUT, follow_redirects=True)
        with http, self._client(http) as client:
            yield client

    @contextlib.asynccontextmanager
    async def async_client(self) -> AsyncIterator[Any]:
        async with (
            httpx.AsyncClient(verify=_SSL_CONTEXT, timeout=TIMEOUT, follow_redirects=True) as http,
            self._client(http) as client,
        ):
            yield client

    def operation(self, key: str) -> tuple[Resource, Operation]:
        for resource in self.package.api.resources:
            for op in resource.operations:
                if op.key == key:
                    return resource, op
        raise LookupError(f"the generated {self.name} package has no operation {key}")

    def declared(self, resource: Resource, annotation: str) -> Any:
        """A declared type (IR annotation text) as the generated resource module means it."""
        return self.evaluate(f"resources.{resource.module}", annotation)

    def evaluate(self, module: str, annotation: str) -> Any:
        """The IR's annotation text, evaluated in a module of the generated package.

        `types` loads its models lazily, so its names are looked up through the module (which
        loads them) rather than read from its namespace.
        """
        namespace = self.package.submodule(module)
        names = dict(vars(namespace))
        names.update({name: getattr(namespace, name) for name in getattr(namespace, "__all__", ())})
        return eval(annotation, names)

    def calls(self, case: OperationCase) -> list[Call]:
        """The concrete calls of an operation case, against this package."""
        return build_calls(
            self.package.api, self.types, self.mock.document, case, api_key=self.api_key
        )

    def error_call(self, case: ErrorCase) -> Call:
        return error_call(
            self.package.api, self.types, self.mock.document, case, api_key=self.api_key
        )

    def export(self, name: str) -> Any:
        return getattr(self.package.module, name)

    @cached_property
    def model_properties(self) -> dict[str, set[str]]:
        """Model class name -> the property names its spec schema(s) declare."""
        found: dict[str, set[str]] = {}
        for pointer, name in self.package.api.models.pointers.items():
            try:
                schema = jsonpointer.resolve(self.mock.document, pointer)
            except KeyError:
                continue
            found.setdefault(name, set()).update(declared_properties(self.mock.document, schema))
        return found


class ContractRegistry:
    def __init__(self, specs: list[ContractSpec], out: Path) -> None:
        self._specs = {spec.name: spec for spec in specs}
        self._out = out
        self._contracts: dict[str, Contract] = {}

    def get(self, name: str) -> Contract:
        if name not in self._contracts:
            self._contracts[name] = self._build(self._specs[name])
        return self._contracts[name]

    def _build(self, spec: ContractSpec) -> Contract:
        if not spec.available:
            raise SpecUnavailable(spec.path)
        loaded = load(spec)
        package = generate(spec, self._out)
        listed = [op.key for op in loaded.api.operations]
        built = [op.key for op in package.api.operations]
        if listed != built:
            raise AssertionError(
                f"{spec.name}: the package's operations {built} are not the "
                f"ones the cases were listed from {listed}"
            )
        config = package.api.config
        base_url = config.base_url or package.api.base_url.unsafe_value
        mock = SpecMockServer(loaded.document, urlsplit(base_url).path).__enter__()
        return Contract(loaded, package, mock)

    def close(self) -> None:
        for contract in self._contracts.values():
            contract.mock.__exit__(None, None, None)
            forget_package(contract.package.root, contract.package.api.config.package)
        self._contracts.clear()

    def __iter__(self) -> Iterator[Contract]:
        return iter(list(self._contracts.values()))
