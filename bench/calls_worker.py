"""The measuring side of `calls.py`, run as `python -m bench.calls_worker ...`.

It imports only httpx and the generated package, so nothing the benchmark runner imported (say,
matplotlib) sits in its heap or its import cache. Prints the per-call timings as JSON and leaves
a cProfile of each MockTransport variant beside `--profile`.
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
from .timing import Stats, time_batches

PERSONA_ID = "00000000-0000-0000-0000-000000000000"
PROFILED_CALLS = 2000


def _measure(arguments: argparse.Namespace) -> dict[str, list[float]]:
    import httpx

    sys.path.insert(0, arguments.src)
    package = importlib.import_module(arguments.package)
    persona = importlib.import_module(f"{arguments.package}.types").Persona
    body = Path(arguments.body).read_bytes()
    base_url = f"http://127.0.0.1:{arguments.port}"
    url = f"{base_url}/v1/personas/{PERSONA_ID}"
    headers = {"Authorization": "Bearer bench"}
    mock = httpx.MockTransport(lambda request: httpx.Response(200, content=body, headers=_JSON))
    client = client_class(package)(api_key="bench", base_url=base_url)
    mocked = client_class(package)(
        api_key="bench", base_url=base_url, http_client=httpx.Client(transport=mock)
    )
    bare = httpx.Client(headers=headers)
    bare_mock = httpx.Client(headers=headers, transport=mock)
    calls: dict[str, Callable[[], Any]] = {
        "ours": lambda: client.personas.get(PERSONA_ID),
        "bare": lambda: persona.model_validate_json(bare.get(url).content),
        "ours_mock": lambda: mocked.personas.get(PERSONA_ID),
        "bare_mock": lambda: persona.model_validate_json(bare_mock.get(url).content),
    }
    results = {name: call() for name, call in calls.items()}
    expected = results["bare"].model_dump()
    for name, result in results.items():
        if result.model_dump() != expected:
            raise SystemExit(f"{name} parsed the body differently from model_validate_json")
    for call in calls.values():  # warm up connections, validators and caches
        for _ in range(200):
            call()
    gc.collect()
    timings: dict[str, Stats] = time_batches(arguments.batches, arguments.size, calls)
    for name in ("ours_mock", "bare_mock"):
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(PROFILED_CALLS):
            calls[name]()
        profiler.disable()
        profiler.dump_stats(f"{arguments.profile}.{name}")
    return {name: list(values.values) for name, values in timings.items()}


_JSON = {"Content-Type": "application/json"}


def _main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    for option in ("--src", "--package", "--body", "--profile"):
        parser.add_argument(option, required=True)
    for option in ("--port", "--batches", "--size"):
        parser.add_argument(option, type=int, required=True)
    json.dump(_measure(parser.parse_args()), sys.stdout)


if __name__ == "__main__":
    _main()
