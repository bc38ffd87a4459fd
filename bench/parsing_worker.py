"""The measuring side of `parsing.py`, run as `python -m bench.parsing_worker ...`.

It imports only the two generated packages (ours and openapi-python-client's) and times their
parsers with the garbage collector on (what a program pays) and off (the parsing work alone);
prints the timings as JSON with how many GC-tracked objects each parser leaves per item, and
leaves a cProfile of both "bytes to models" paths beside `--profile`.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import importlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .packages import client_class
from .timing import time_batches

COUNT = 1000
PROFILED_PARSES = 5
OURS_CLIENT = "ours: `client.personas.list()` (bytes → models)"
OURS_ADAPTER = "ours: `TypeAdapter(list[PersonaSummary]).validate_python`"
OURS_JSON = "ours: `TypeAdapter(list[PersonaSummary]).validate_json` (the list's bytes)"
OPC_ITEMS = "openapi-python-client: `PersonaSummary.from_dict` per item"
OPC_PAGE = "openapi-python-client: `json.loads` + `ListPersonasResponse200.from_dict`"


def _measure(arguments: argparse.Namespace) -> dict[str, Any]:
    parsers, items = _parsers(arguments)
    _check_same(parsers, items)
    for parse in parsers.values():
        parse()  # warm up: validators are built on first use
    gc.collect()
    timed_with_gc = time_batches(arguments.batches, arguments.size, parsers)
    gc.collect()
    gc.disable()
    try:
        timed_without_gc = time_batches(arguments.batches, arguments.size, parsers)
    finally:
        gc.enable()
    for name, suffix in ((OURS_CLIENT, "ours"), (OPC_PAGE, "opc")):
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(PROFILED_PARSES):
            parsers[name]()
        profiler.disable()
        profiler.dump_stats(f"{arguments.profile}.{suffix}")
    return {
        "gc_on": {name: list(values.values) for name, values in timed_with_gc.items()},
        "gc_off": {name: list(values.values) for name, values in timed_without_gc.items()},
        "tracked": {name: _tracked_per_item(parse) for name, parse in parsers.items()},
    }


def _parsers(arguments: argparse.Namespace) -> tuple[dict[str, Callable[[], Any]], list[Any]]:
    import httpx
    import pydantic

    body = Path(arguments.body).read_bytes()
    items = json.loads(body)["data"]
    items_json = json.dumps(items).encode()  # validate_json needs the list alone
    sys.path[:0] = [arguments.ours_src, arguments.opc_src]
    ours = importlib.import_module(arguments.ours_package)
    summary = importlib.import_module(f"{arguments.ours_package}.types").PersonaSummary
    models = importlib.import_module(f"{arguments.opc_package}.models")
    opc_item, opc_page = models.PersonaSummary, models.ListPersonasResponse200

    def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})

    client = client_class(ours)(
        api_key="bench",
        base_url="http://bench.invalid",
        http_client=httpx.Client(transport=httpx.MockTransport(reply)),
    )
    adapter: pydantic.TypeAdapter[list[Any]] = pydantic.TypeAdapter(list[summary])  # type: ignore[valid-type]
    parsers: dict[str, Callable[[], Any]] = {
        OURS_CLIENT: lambda: client.personas.list(per_page=COUNT).items,
        OURS_ADAPTER: lambda: adapter.validate_python(items),
        OURS_JSON: lambda: adapter.validate_json(items_json),
        OPC_ITEMS: lambda: [opc_item.from_dict(item) for item in items],
        OPC_PAGE: lambda: opc_page.from_dict(json.loads(body)).data,
    }
    return parsers, items


def _tracked_per_item(parse: Callable[[], Any]) -> float:
    """GC-tracked objects one parse leaves alive per item: what the collector must walk."""
    gc.collect()
    gc.disable()
    try:
        before = len(gc.get_objects())
        result = parse()
        after = len(gc.get_objects())
        del result
    finally:
        gc.enable()
    return (after - before) / COUNT


def _check_same(parsers: dict[str, Callable[[], Any]], items: list[dict[str, Any]]) -> None:
    for name, parse in parsers.items():
        parsed = parse()
        if len(parsed) != len(items):
            raise SystemExit(f"{name}: {len(parsed)} items, expected {len(items)}")
        for index in (0, 3, len(items) - 1):
            item, value = items[index], parsed[index]
            voice = value.voice
            seen = (str(value.id), value.name, None if voice is None else str(voice.id))
            wanted = (item["id"], item["name"], (item["voice"] or {}).get("id"))
            if seen != wanted:
                raise SystemExit(f"{name}: item {index} parsed as {seen}, expected {wanted}")


def _main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    names = ("--body", "--ours-src", "--ours-package", "--opc-src", "--opc-package", "--profile")
    for option in names:
        parser.add_argument(option, required=True)
    for option in ("--batches", "--size"):
        parser.add_argument(option, type=int, required=True)
    json.dump(_measure(parser.parse_args()), sys.stdout)


if __name__ == "__main__":
    _main()
