"""One package under proof: the imported package, its mock server, and clients wired to them.

Clients are made fresh for every call, as users make them (one client carrying state from call
to call would hide bugs), configured to fail fast: no retries, strict response validation, a
short timeout, and a transport that delivers every request to the mock (`transport.py`). A run
may lend them kept-open connections (`connections`): the clients stay fresh, the sockets do not.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx

from .. import jsonpointer
from .calls import Call, answered_call, build_calls
from .cases import AnsweredCase, OperationCase
from .compose import member_tags
from .held import held_values
from .mock import SpecMockServer
from .schemas import properties_of
from .security import SECRET
from .surface import Method, Surface
from .tolerances import moved_pointer
from .transport import AsyncMockTransport, Connections, MockTransport

TIMEOUT = 10.0


@dataclass(frozen=True)
class GeneratedPackage:
    """A package generated into `root` (`root/src/<package>`) and imported."""

    root: Path
    surface: Surface
    module: ModuleType

    def submodule(self, name: str) -> ModuleType:
        return importlib.import_module(f"{self.module.__name__}.{name}")

    def client_class(self, *, asynchronous: bool) -> type[Any]:
        name = ("Async" if asynchronous else "") + self.surface.client_class
        cls: type[Any] = getattr(self.module, name)
        return cls


def import_package(root: Path, package: str) -> ModuleType:
    """Import `package` from `root/src`, replacing any earlier import of that name."""
    forget_package(root, package)
    sys.path.insert(0, str(root / "src"))
    importlib.invalidate_caches()
    return importlib.import_module(package)


def forget_package(root: Path, package: str) -> None:
    for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
        del sys.modules[name]
    source = str(root / "src")
    while source in sys.path:
        sys.path.remove(source)


def import_every_module(root: Path, package: str) -> list[tuple[str, str]]:
    """Import each module of an imported package; (module, error) for each that fails.

    Generated packages load some modules lazily, so importing the package alone proves little.
    """
    failed = []
    base = root / "src" / package
    for path in sorted(base.rglob("*.py")):
        parts = path.relative_to(base).with_suffix("").parts
        parts = parts[:-1] if parts[-1] == "__init__" else parts
        name = ".".join((package, *parts))
        try:
            importlib.import_module(name)
        except Exception as error:
            failed.append((name, f"{type(error).__name__}: {error}"))
    return failed


@dataclass(eq=False)
class Contract:
    name: str  # as printed in the `contract:` line
    package: GeneratedPackage
    mock: SpecMockServer
    spec_document: dict[str, Any]  # the normalized spec (the mock validates a copy of it)
    connections: Connections | None = field(default=None, init=False, repr=False)
    _evaluated: dict[tuple[str, str], Any] = field(default_factory=dict, init=False, repr=False)
    _answered_calls: dict[tuple[str, str], Call] = field(
        default_factory=dict, init=False, repr=False
    )

    @property
    def surface(self) -> Surface:
        return self.package.surface

    @property
    def document(self) -> dict[str, Any]:
        """The document the mock validates against (`document.py`)."""
        return self.mock.document

    @property
    def types(self) -> ModuleType:
        return self.package.submodule("types")

    def _client(self, http_client: httpx.Client | httpx.AsyncClient) -> Any:
        cls = self.package.client_class(asynchronous=isinstance(http_client, httpx.AsyncClient))
        return cls(
            credentials=dict.fromkeys(self.surface.credentials, SECRET),
            # as users make it: at its default servers (the transport brings every request to
            # the mock), unless it has none, and then at the mock, which wins for every operation
            base_url=None if self.surface.base_url else self.mock.url,
            max_retries=0,
            timeout=TIMEOUT,
            strict_response_validation=True,
            http_client=http_client,
            **{
                argument: self.held[wire.lower()]
                for wire, argument in self.surface.held_headers.items()
            },
        )

    @contextlib.contextmanager
    def sync_client(self) -> Iterator[Any]:
        transport = self.connections.sync() if self.connections else MockTransport(self.mock.url)
        with (
            httpx.Client(transport=transport, timeout=TIMEOUT, follow_redirects=True) as http,
            self._client(http) as client,
        ):
            yield client

    @contextlib.asynccontextmanager
    async def async_client(self) -> AsyncIterator[Any]:
        transport = (
            self.connections.async_() if self.connections else AsyncMockTransport(self.mock.url)
        )
        async with (
            httpx.AsyncClient(transport=transport, timeout=TIMEOUT, follow_redirects=True) as http,
            self._client(http) as client,
        ):
            yield client

    def declared(self, method: Method, annotation: str) -> Any:
        """A declared type (annotation text) as the method's own module means it."""
        return self.evaluate(method.module, annotation)

    def evaluate(self, module: str, annotation: str) -> Any:
        """Annotation text, evaluated in a module of the generated package.

        `types` loads its models lazily, so its names are looked up through the module (which
        loads them) rather than read from its namespace. The text is the generator's own
        annotation, built from names it vouched for, never text from the spec.
        """
        key = (module, annotation)
        if key not in self._evaluated:
            namespace = self.package.submodule(module)
            names = dict(vars(namespace))
            exported = getattr(namespace, "__all__", ())
            names.update({name: getattr(namespace, name) for name in exported})
            self._evaluated[key] = eval(annotation, names)
        return self._evaluated[key]

    def calls(self, case: OperationCase) -> list[Call]:
        return build_calls(self.surface, self.types, self.document, case, self.models, self.held)

    def answered_call(self, case: AnsweredCase) -> Call:
        """The call of a case the mock answers with a given status: the same request for every
        status of an operation (only the mock's answer differs), so it is built once per
        operation."""
        key = (case.key, case.label)
        if key not in self._answered_calls:
            built = answered_call(
                self.surface, self.types, self.document, case, self.models, self.held
            )
            self._answered_calls[key] = built
        call = self._answered_calls[key]
        label = f"{call.method.key} ({case.label}) [{case.status}]"
        return dataclasses.replace(call, label=label)

    def export(self, name: str) -> Any:
        return getattr(self.package.module, name)

    @cached_property
    def held(self) -> dict[str, Any]:
        """The value of each header the clients hold, by lower-cased name."""
        return held_values(self.surface, self.document)

    @cached_property
    def models(self) -> dict[str, Any]:
        """Model class name -> its schema (the first place it was named from), as the mock
        validates it: its `$ref`s are those of the mock's document. A member of a discriminated
        union also demands its tags, as its class does."""
        schemas: dict[str, Any] = {}
        moves = self.mock.validator.moves
        tagged = member_tags(self.document)
        for pointer, name in sorted(self.surface.model_pointers.items()):
            moved = moved_pointer(pointer, moves)
            try:
                schema = jsonpointer.resolve(self.document, moved)
            except KeyError:
                continue
            tags = {prop: {"enum": values} for prop, values in tagged.get(moved, {}).items()}
            schemas.setdefault(name, {"allOf": [schema, {"properties": tags}]} if tags else schema)
        return schemas

    @cached_property
    def model_properties(self) -> dict[str, set[str]]:
        """Model class name -> the property names its spec schema(s) declare."""
        found: dict[str, set[str]] = {}
        for pointer, name in self.surface.model_pointers.items():
            try:
                schema = jsonpointer.resolve(self.spec_document, pointer)
            except KeyError:
                continue
            found.setdefault(name, set()).update(properties_of(self.spec_document, schema))
        return found
