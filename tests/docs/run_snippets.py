"""Run code blocks against a package's fake client, with the network switched off.

    python run_snippets.py PACKAGE CLIENT SNIPPET...

The package's clients are replaced by its fakes before each block runs, so `CLIENT()` in a README
is `FakeCLIENT()`; any attempt to open a socket fails the block. Prints one line per failing
block and exits non-zero if any failed.
"""

from __future__ import annotations

import importlib
import runpy
import socket
import sys
import traceback


def _no_network(*args: object, **kwargs: object) -> None:
    raise OSError("the snippet tried to use the network")


def main(package: str, client: str, snippets: list[str]) -> int:
    socket.socket.connect = _no_network  # type: ignore[method-assign]
    socket.create_connection = _no_network  # type: ignore[assignment]
    module = importlib.import_module(package)
    testing = importlib.import_module(f"{package}.testing")
    setattr(module, client, getattr(testing, f"Fake{client}"))
    setattr(module, f"Async{client}", getattr(testing, f"AsyncFake{client}"))
    failed = 0
    for path in snippets:
        try:
            runpy.run_path(path, run_name="__main__")
        except BaseException:  # report every kind of failure, then go on
            failed += 1
            print(f"FAILED {path}:\n{traceback.format_exc()}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
