"""Import generated packages in a fresh interpreter and report what a user would see, as JSON.

Run as `python probe.py JOBS.json REPORTS.json` from an empty working directory (the tests then
check that it stayed empty: importing a package must create no file). Each job names a package's
`src` folder; the probe imports every module of the package, builds the sync and async clients over
a mock transport, touches every resource, and reports names, aliases, docstrings, round-tripped
payloads and the wire form of requested calls. A job that fails is reported with its traceback;
the others still run. Reports go to a file, since generated code could print to stdout.

It lives in a subprocess because importing generated code is exactly what must be proven harmless,
and because several packages share names (`api_client`) that one interpreter cannot hold at once.
"""

from __future__ import annotations

import asyncio
import functools
import importlib
import inspect
import json
import os
import pkgutil
import sys
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pydantic

Json = Any

_WATCHED = ("socket.", "subprocess.", "os.system", "os.exec", "os.spawn", "os.posix_spawn")
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


class _Audit:
    """Side effects seen while `recording`: writes, processes, sockets (PEP 578 audit hooks)."""

    def __init__(self) -> None:
        self.recording = False
        self.events: list[str] = []

    def __call__(self, event: str, arguments: tuple[Any, ...]) -> None:
        if not self.recording:
            return
        if event == "open" and _writes(arguments):
            self.events.append(f"open {arguments[0]!r} {arguments[1]!r}")
        elif event.startswith(_WATCHED):
            self.events.append(f"{event} {arguments!r}"[:300])


def _writes(arguments: tuple[Any, ...]) -> bool:
    mode, flags = arguments[1], arguments[2]
    if isinstance(mode, str):
        return any(letter in mode for letter in "wax+")
    return isinstance(flags, int) and bool(flags & _WRITE_FLAGS)


AUDIT = _Audit()


def main() -> None:
    sys.addaudithook(AUDIT)
    jobs: list[dict[str, Json]] = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    reports = [_run_job(job) for job in jobs]
    Path(sys.argv[2]).write_text(json.dumps(reports), encoding="utf-8")


def _run_job(job: dict[str, Json]) -> dict[str, Json]:
    src = str(job["src"])
    package = str(job["package"])
    sys.path.insert(0, src)
    try:
        return {"ok": True, **_probe(package, job)}
    except BaseException:
        return {"ok": False, "error": traceback.format_exc()}
    finally:
        AUDIT.recording = False
        sys.path.remove(src)
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]


def _probe(package: str, job: dict[str, Json]) -> dict[str, Json]:
    AUDIT.events.clear()
    AUDIT.recording = True
    root = importlib.import_module(package)
    modules = _import_all(root)
    types = importlib.import_module(f"{package}.types")
    base = importlib.import_module(f"{package}._base_client")
    sync_class = _client_class(root, base.SyncAPIClient)
    async_class = _client_class(root, base.AsyncAPIClient)
    sent: list[httpx.Request] = []
    # a key only for a client that takes one: one that takes none refuses it
    key = {"api_key": "probe-key"} if "api_key" in sync_class._settings.credential_names else {}
    client = sync_class(
        **key,
        base_url="http://probe.invalid",
        http_client=httpx.Client(transport=_transport(sent, job)),
    )
    async_client = async_class(
        **key,
        base_url="http://probe.invalid",
        http_client=httpx.AsyncClient(transport=_transport(sent, job)),
    )
    resources = _resources(client)
    async_resources = _resources(async_client)
    AUDIT.recording = False
    return {
        "side_effects": list(AUDIT.events),
        "modules": sorted(modules),
        "package_doc": _doc(root),
        "client": sync_class.__name__,
        "async_client": async_class.__name__,
        "client_doc": _doc(sync_class),
        "base_url": sync_class._settings.default_base_url,
        "auth": _auth(sync_class._settings),
        "resources": {name: sorted(methods) for name, (_, methods) in resources.items()},
        "async_resources": {
            name: sorted(methods) for name, (_, methods) in async_resources.items()
        },
        "docs": _docs(resources),
        "models": _models(types),
        "roundtrips": _roundtrips(types, job.get("payloads") or {}),
        "requests": [_call(resources, call, sent) for call in job.get("calls") or []],
        "async_requests": [
            _async_call(async_resources, call, sent) for call in job.get("calls") or []
        ],
    }


def _import_all(root: ModuleType) -> list[str]:
    names = [root.__name__]
    for info in pkgutil.walk_packages(root.__path__, prefix=root.__name__ + "."):
        importlib.import_module(info.name)
        names.append(info.name)
    return names


def _client_class(root: ModuleType, base: type) -> Any:
    found = [
        value
        for name in root.__all__
        if isinstance(value := getattr(root, name), type) and issubclass(value, base)
    ]
    if len(found) != 1:
        raise AssertionError(f"expected one {base.__name__} subclass in __all__, found {found}")
    return found[0]


def _resources(client: Any) -> dict[str, tuple[Any, list[str]]]:
    """Every resource attribute of the client, accessed (so its module is imported)."""
    found: dict[str, tuple[Any, list[str]]] = {}
    for name, member in inspect.getmembers(type(client)):
        if isinstance(member, functools.cached_property) and name != "with_raw_response":
            resource = getattr(client, name)
            methods = [
                method
                for method, value in vars(type(resource)).items()
                if not method.startswith("_") and method != "with_raw_response"
                if callable(value)
            ]
            getattr(resource, "with_raw_response")  # noqa: B009 - the attribute must build
            found[name] = (resource, methods)
    return found


def _docs(resources: dict[str, tuple[Any, list[str]]]) -> dict[str, str]:
    docs: dict[str, str] = {}
    for name, (resource, methods) in resources.items():
        docs[name] = _doc(type(resource))
        for method in methods:
            docs[f"{name}.{method}"] = _doc(getattr(type(resource), method))
    return docs


def _auth(settings: Any) -> str | None:
    """The first scheme the API asks for, as `bearer` or `<where>:<name>` (None without)."""
    names = [name for alternative in settings.security for name in alternative]
    if not names:
        return None
    scheme = settings.schemes[names[0]]
    return scheme.kind if scheme.parameter is None else f"{scheme.kind}:{scheme.parameter}"


def _doc(target: Any) -> str:
    return inspect.cleandoc(target.__doc__ or "")


def _models(types: ModuleType) -> dict[str, Json]:
    models: dict[str, Json] = {}
    for name in types.__all__:  # `types` loads each model's module when it is first asked for
        value = getattr(types, name)
        if not (isinstance(value, type) and issubclass(value, pydantic.BaseModel)):
            continue
        if not value.__module__.startswith(f"{types.__name__}."):
            continue
        fields = {}
        for field_name, info in value.model_fields.items():
            default = info.default
            shown = default if isinstance(default, str | int | float | bool | None) else None
            alias = field_name if info.alias is None else info.alias
            fields[field_name] = {"alias": alias, "default": shown}
        models[name] = {"fields": fields, "doc": _doc(value)}
    return models


def _roundtrips(types: ModuleType, payloads: dict[str, list[Json]]) -> dict[str, list[Json]]:
    """Each payload through `model_validate` and back out with `model_dump(by_alias=True)`.

    `extra` lists the keys that became extra fields instead of matching a field's alias: models
    keep unknown keys, so a wire name that lost its alias would otherwise still round-trip.
    """
    results: dict[str, list[Json]] = {}
    for name, items in payloads.items():
        model = getattr(types, name, None)
        results[name] = []
        for payload in items:
            if model is None:
                results[name].append({"error": f"types has no model {name}"})
                continue
            try:
                instance = model.model_validate(payload)
                dumped = instance.model_dump(by_alias=True, exclude_unset=True, mode="json")
                extra = sorted(instance.model_extra or {})
                results[name].append({"dump": dumped, "extra": extra})
            except Exception as error:  # reported, so the test shows what went wrong
                results[name].append({"error": f"{type(error).__name__}: {error}"})
    return results


def _transport(sent: list[httpx.Request], job: dict[str, Json]) -> httpx.MockTransport:
    body = job.get("response", {})

    def handle(request: httpx.Request) -> httpx.Response:
        request.read()
        sent.append(request)
        return httpx.Response(200, json=body)

    return httpx.MockTransport(handle)


def _call(resources: dict[str, Any], call: dict[str, Json], sent: list[httpx.Request]) -> Json:
    resource_name, method_name = str(call["call"]).split(".")
    method = getattr(resources[resource_name][0], method_name)
    sent.clear()
    try:
        method(*call.get("args", []), **call.get("kwargs", {}))
    except Exception as error:
        return {"error": f"{type(error).__name__}: {error}"}
    return _wire(sent)


def _async_call(
    resources: dict[str, Any], call: dict[str, Json], sent: list[httpx.Request]
) -> Json:
    resource_name, method_name = str(call["call"]).split(".")
    method = getattr(resources[resource_name][0], method_name)
    sent.clear()
    try:
        asyncio.run(method(*call.get("args", []), **call.get("kwargs", {})))
    except Exception as error:
        return {"error": f"{type(error).__name__}: {error}"}
    return _wire(sent)


def _wire(sent: list[httpx.Request]) -> Json:
    if len(sent) != 1:
        return {"error": f"expected one request, saw {len(sent)}"}
    request = sent[0]
    content = request.content
    return {
        "method": request.method,
        "path": request.url.path,
        "raw_path": request.url.raw_path.decode("ascii").split("?")[0],
        "query": [list(pair) for pair in request.url.params.multi_items()],
        "headers": dict(request.headers),
        "json": json.loads(content) if content else None,
    }


if __name__ == "__main__":
    main()
